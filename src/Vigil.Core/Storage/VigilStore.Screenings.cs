using System.Data.Common;
using Dapper;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>Ad-hoc screenings (API queries, one-off command-line screenings) recorded as evidence, and any screening read back by id.</summary>
public sealed partial class VigilStore
{
    /// <summary>
    /// Records a finished run of ad-hoc queries in one transaction: the run with its configuration and the snapshot set
    /// the queries were screened against, then one screening per query (no subject: its input hash is the query's),
    /// with its hits. Returns the screenings' ids in the order given. Nothing is recorded when any write fails.
    /// </summary>
    public async Task<IReadOnlyList<long>> RecordAdHocAsync(
        ScreeningKind kind,
        string actor,
        ScreeningConfiguration configuration,
        IReadOnlyList<ScreenedSnapshot> snapshots,
        IReadOnlyList<AdHocScreening> screenings,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        var run = await InsertRunAsync(connection, transaction, kind, actor, configuration, snapshots, now,
            (screenings.Count, screenings.Count(s => s.Screening.Hits.Count > 0)), cancellationToken);
        var ids = new List<long>(screenings.Count);
        foreach (var s in screenings)
        {
            ids.Add(await InsertAdHocAsync(connection, transaction, run, s, now, cancellationToken));
        }
        await SealRunAsync(connection, transaction, run, null, cancellationToken);
        await CommitAsync(connection, transaction, cancellationToken);
        return ids;
    }

    private static Task<long> InsertAdHocAsync(DbConnection connection, DbTransaction transaction, long run, AdHocScreening adHoc, string now, CancellationToken cancellationToken) =>
        InsertScreeningAsync(connection, transaction, run, null, null, adHoc.InputHash, adHoc.Screening, now, cancellationToken);

    /// <summary>A recorded screening (of a subject or an ad-hoc query) with its run, snapshot set and hits; null when unknown.</summary>
    public async Task<RecordedScreening?> GetScreeningAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long Run, string? Reference, long? Version, string Hash, string Outcome, double? Top, string At)?>(new CommandDefinition(
            """
            SELECT s.run_id, j.reference, s.subject_version, s.input_hash, s.outcome, s.top_score, s.screened_at
            FROM screenings s LEFT JOIN subjects j ON j.id = s.subject_id WHERE s.id = @id
            """,
            new { id }, cancellationToken: cancellationToken));
        if (row is not { } r)
        {
            return null;
        }
        var runs = await RunsAsync(connection, "id = @run", new { run = r.Run }, cancellationToken);
        var hits = (await connection.QueryAsync<(string Entity, string Records, double Score, long Band, string Explanation, string? Fingerprint)>(new CommandDefinition(
                "SELECT entity_id, record_ids, score, band, explanation_hash, entity_fingerprint FROM screening_hits WHERE screening_id = @id ORDER BY seq",
                new { id }, cancellationToken: cancellationToken)))
            .Select(h => new RecordedHit(h.Entity, List(h.Records), h.Score, (ScoreBand)h.Band, h.Explanation, h.Fingerprint))
            .ToList();
        return new RecordedScreening(id, runs[r.Run], r.Reference, (int?)r.Version, r.Hash, Parse<ScreeningOutcome>(r.Outcome), r.Top, r.At, hits);
    }
}
