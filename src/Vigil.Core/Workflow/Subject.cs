using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>
/// A subject with its whole history: every version, oldest first, and every screening, newest first. A deleted
/// subject is no longer monitored, and keeps its history.
/// </summary>
public sealed record Subject(
    string Reference,
    bool Monitored,
    string CreatedAt,
    string UpdatedAt,
    string? DeletedAt,
    IReadOnlyList<SubjectVersion> Versions,
    IReadOnlyList<ScreeningRecord> Screenings)
{
    [JsonIgnore]
    public SubjectVersion Current => Versions[^1];

    public bool Deleted => DeletedAt is not null;

    /// <summary>The subject's alerts, newest first.</summary>
    public IReadOnlyList<Alert> Alerts { get; init; } = [];
}
