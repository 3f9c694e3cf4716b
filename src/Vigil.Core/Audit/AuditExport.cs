using System.Text;
using System.Text.Json;
using Vigil.Core.Jobs;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;

namespace Vigil.Core.Audit;

/// <summary>Audit entries written for an examiner: JSON lines, or CSV and XLSX with formula cells neutralised.</summary>
public static class AuditExport
{
    public static readonly string[] Columns =
        ["seq", "time", "actor", "kind", "subject", "alert", "decision", "snapshot", "run", "payload_sha256", "leaf_hash", "chain_hash", "payload"];

    private static readonly JsonSerializerOptions LineJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the entries in <paramref name="format"/>; returns how many.</summary>
    public static async Task<long> WriteAsync(IAsyncEnumerable<AuditRecord> records, Stream output, JobResultFormat format, CancellationToken cancellationToken)
    {
        long count = 0;
        var counted = Count(records);
        switch (format)
        {
            case JobResultFormat.JsonLines:
                {
                    await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    await foreach (var r in counted.WithCancellation(cancellationToken))
                    {
                        var line = new Dictionary<string, object?>();
                        var cells = Cells(r);
                        for (var i = 0; i < Columns.Length - 1; i++)
                        {
                            line[Columns[i]] = cells[i];
                        }
                        line["payload"] = r.Payload is null ? null : JsonDocument.Parse(r.Payload).RootElement;
                        await writer.WriteLineAsync(JsonSerializer.Serialize(line, LineJson));
                    }
                    break;
                }
            case JobResultFormat.Csv:
                {
                    await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
                    await writer.WriteLineAsync(string.Join(",", Columns));
                    await foreach (var r in counted.WithCancellation(cancellationToken))
                    {
                        await writer.WriteLineAsync(string.Join(",", Cells(r).Select(c => CsvCell.Write(c?.ToString()))));
                    }
                    break;
                }
            default:
                await XlsxTable.WriteAsync("Audit", Columns, counted.Select(Cells), output, cancellationToken);
                break;
        }
        return count;

        async IAsyncEnumerable<AuditRecord> Count(IAsyncEnumerable<AuditRecord> source)
        {
            await foreach (var r in source.WithCancellation(cancellationToken))
            {
                count++;
                yield return r;
            }
        }
    }

    private static object?[] Cells(AuditRecord r) =>
    [
        r.Entry.Sequence, r.Entry.Time, r.Entry.Actor, WorkflowNames.Name(r.Entry.Kind), r.Entry.Subject, r.Entry.AlertId, r.Entry.DecisionId,
        r.Entry.SnapshotId, r.Entry.RunId, r.Entry.PayloadHash, r.LeafHash, r.ChainHash, r.Payload,
    ];
}
