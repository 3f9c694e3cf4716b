using System.Text.Json;
using Vigil.Core.Workflow;

namespace Vigil.Core.Jobs;

/// <summary>
/// One line of a job's result file, for every row of the input in file order: the screening of a row that could be
/// read (no hit included), or <see cref="ScreeningOutcome.Error"/> with the reason for a row that could not. Its JSON
/// (<see cref="ToJson"/>) is canonical: the same row screened against the same lists gives the same bytes, so the
/// file's SHA-256 fixes the evidence.
/// </summary>
/// <param name="Row">The row's position among the file's data rows, from 1.</param>
/// <param name="Line">The row's line in the file (its row number in a workbook).</param>
/// <param name="Name">The row's first name as read (null for a row that could not be read).</param>
/// <param name="InputHash">The screened fields' <c>subject_input_hash</c>; null for a row that could not be read.</param>
public sealed record JobRowResult(
    long Row,
    long Line,
    string Reference,
    string? Name,
    ScreeningOutcome Outcome,
    string? InputHash,
    double? TopScore,
    IReadOnlyList<JobHit> Hits,
    string? Error)
{
    public string ToJson() => JsonSerializer.Serialize(this, WorkflowJson.Compact);

    public static JobRowResult FromJson(string json) =>
        JsonSerializer.Deserialize<JobRowResult>(json, WorkflowJson.Compact) ?? throw new InvalidDataException("a job result line holds no result");
}
