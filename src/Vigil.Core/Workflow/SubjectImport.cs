using System.Diagnostics;
using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Core.Workflow;

/// <summary>
/// <c>vigil subjects import</c>: streams a customer file into the subjects, in batches that are each written
/// atomically, screening every subject created or changed. Rejected rows go to the rejects file (CSV, line and reason
/// and the row as written, formula cells neutralised) and never stop the good rows.
/// </summary>
public static class SubjectImport
{
    /// <summary>Rows per transaction: large enough to amortise a commit, small enough that a crash loses little.</summary>
    public const int BatchSize = 500;

    /// <summary>Rejected and flagged rows the summary lists; the rejects file has them all.</summary>
    public const int SummaryIssues = 100;

    public static async Task<SubjectImportSummary> RunAsync(
        VigilStore store,
        ScreeningCorpus corpus,
        string path,
        string actor,
        string? portfolio = null,
        string? profile = null,
        string? rejectsPath = null,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (ScreeningConfiguration.ProfileName(profile, out var profileError) is null)
        {
            throw new ArgumentException(profileError);
        }
        using var reader = SubjectFileReader.Open(path);
        var intake = new SubjectIntake(store, corpus, actor, profile);
        using var rejects = rejectsPath is null ? null : new StreamWriter(rejectsPath);
        rejects?.WriteLine("line,id,reason,row");
        long read = 0, created = 0, changed = 0, unchanged = 0, rejected = 0, screened = 0, hits = 0, alerts = 0, flagged = 0;
        var rejections = new List<RowIssue>();
        var flags = new List<RowIssue>();
        var batch = new List<SubjectRow>(BatchSize);

        foreach (var row in reader.Rows())
        {
            read++;
            if (row.Input is null)
            {
                Reject(row.Line, "", row.Error!, row.Content);
            }
            else
            {
                batch.Add(row);
                if (batch.Count == BatchSize)
                {
                    await Flush();
                }
            }
        }
        await Flush();
        await intake.CompleteAsync(cancellationToken);
        rejects?.Flush();
        progress?.Report(1);
        return new SubjectImportSummary(read, created, changed, unchanged, rejected, screened, hits, alerts, flagged, rejections, flags, reader.IgnoredColumns, [.. intake.Runs], clock.Elapsed);

        async Task Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }
            var outcomes = await intake.WriteAsync([.. batch.Select(r => r.Input! with { Portfolio = portfolio })], cancellationToken);
            for (var i = 0; i < outcomes.Count; i++)
            {
                var outcome = outcomes[i];
                if (outcome.Error is { } error)
                {
                    Reject(batch[i].Line, outcome.Reference, error, batch[i].Content);
                    continue;
                }
                switch (outcome.Change)
                {
                    case SubjectChange.Created:
                        created++;
                        break;
                    case SubjectChange.Changed:
                        changed++;
                        break;
                    default:
                        unchanged++;
                        break;
                }
                if (outcome.Screening is { } screening)
                {
                    screened++;
                    hits += screening.Hits.Count > 0 ? 1 : 0;
                }
                alerts += outcome.RaisedAlerts.Count;
                if (outcome.Fields is { UnresolvedCountries.Count: > 0 } fields)
                {
                    flagged++;
                    if (flags.Count < SummaryIssues)
                    {
                        flags.Add(new RowIssue(batch[i].Line, outcome.Reference,
                            $"country: {string.Join(", ", fields.UnresolvedCountries.Select(c => $"'{c}'"))} is no country Vigil knows; kept as given, not used in screening"));
                    }
                }
            }
            batch.Clear();
            progress?.Report(reader.Fraction);
        }

        void Reject(long line, string reference, string reason, string content)
        {
            rejected++;
            if (rejections.Count < SummaryIssues)
            {
                rejections.Add(new RowIssue(line, reference, reason));
            }
            rejects?.WriteLine(string.Join(",", CsvCell.Write(line.ToString(System.Globalization.CultureInfo.InvariantCulture)), CsvCell.Write(reference), CsvCell.Write(reason), CsvCell.Write(content)));
        }
    }
}
