using Vigil.Core.Workflow;

namespace Vigil.Core.Jobs;

/// <summary>
/// A batch job: a file of ad-hoc rows screened as one run of kind <see cref="ScreeningKind.Batch"/>, split into chunks
/// that workers claim. <see cref="Run"/> names the configuration and the list snapshots every row was screened against;
/// <see cref="ResultHash"/> is the SHA-256 of the result file (JSON lines in row order) once the job is done.
/// </summary>
/// <param name="FileHash">SHA-256 of the submitted file as received.</param>
/// <param name="Rows">Data rows read from the file, rejected ones included.</param>
/// <param name="Screened">Rows screened so far (chunks committed).</param>
/// <param name="Hits">Rows screened so far with at least one hit.</param>
/// <param name="Rejections">The first rows the file reader rejected, with line and reason (the result file has them all).</param>
public sealed record Job(
    long Id,
    JobState State,
    string FileName,
    string FileHash,
    string Profile,
    string CreatedBy,
    string CreatedAt,
    string? FinishedAt,
    long Rows,
    long Rejected,
    long Screened,
    long Hits,
    int Chunks,
    int ChunksDone,
    string? ResultHash,
    ScreeningRun Run,
    IReadOnlyList<RowIssue> Rejections);
