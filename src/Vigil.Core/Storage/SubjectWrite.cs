using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>
/// One new subject version to write, with the screening of it when it needs one. <see cref="ExpectedVersion"/> is
/// the version the writer compared against (0 for none): when another writer got there first, the batch is refused
/// with <see cref="SubjectConflictException"/> and nothing of it is written.
/// </summary>
internal sealed record SubjectWrite(
    string Reference,
    int ExpectedVersion,
    SubjectChange Change,
    SubjectFields Fields,
    string InputHash,
    string Profile,
    string? Portfolio,
    bool Monitored,
    long? RunId,
    SubjectScreening? Screening);
