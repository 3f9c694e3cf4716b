namespace Vigil.Core.Workflow;

/// <summary>One version of a subject: what changed, the fields as then given, their input hash, who recorded it and when.</summary>
public sealed record SubjectVersion(
    int Version,
    SubjectChange Change,
    string InputHash,
    SubjectFields Fields,
    string Profile,
    string? Portfolio,
    bool Monitored,
    string RecordedBy,
    string RecordedAt);
