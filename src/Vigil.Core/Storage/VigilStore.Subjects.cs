using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Vigil.Core.Audit;
using Vigil.Core.Screening;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>Subjects, their versions, and every screening recorded with the snapshot set it ran against.</summary>
public sealed partial class VigilStore
{
    private static readonly JsonSerializerOptions ColumnJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Starts a write transaction; on SQLite it takes the write lock at once, as <see cref="BeginWrite"/> does.</summary>
    private static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection ? BeginWrite(connection) : await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// Starts a screening run: records its kind, actor, configuration and the snapshot set of <paramref name="corpus"/>
    /// (each snapshot with its publication date and file SHA-256). Returns the run's id.
    /// </summary>
    public async Task<long> StartRunAsync(ScreeningKind kind, string actor, ScreeningConfiguration configuration, ScreeningCorpus corpus, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var id = await InsertRunAsync(connection, transaction, kind, actor, configuration, corpus.Snapshots, Clock.NowText(), null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// A run row with its snapshot set, each snapshot's file hash and publication date copied from the snapshot row
    /// itself so the run names exactly what was imported; a run already finished carries its counts. Throws
    /// <see cref="InvalidDataException"/> when a snapshot is not in the store: a screening must name what it ran against.
    /// </summary>
    private async Task<long> InsertRunAsync(
        DbConnection connection, DbTransaction transaction, ScreeningKind kind, string actor, ScreeningConfiguration configuration,
        IReadOnlyList<ScreenedSnapshot> snapshots, string now, (int Screened, int Hits)? finished, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO screening_runs (kind, actor, profile, threshold, matcher_version, config_hash, config, started_at, finished_at, screened, hits, errors)
            VALUES (@kind, @actor, @profile, @threshold, @matcher, @hash, @config, @now, @finishedAt, @screened, @hits, 0) RETURNING id
            """,
            new
            {
                kind = Text(kind),
                actor,
                profile = configuration.Profile,
                threshold = configuration.Options.Threshold,
                matcher = configuration.MatcherVersion,
                hash = configuration.Hash,
                config = configuration.Json,
                now,
                finishedAt = finished is null ? null : now,
                screened = finished?.Screened ?? 0,
                hits = finished?.Hits ?? 0,
            },
            transaction, cancellationToken: cancellationToken));
        foreach (var snapshot in snapshots)
        {
            var copied = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO screening_run_snapshots (run_id, source, snapshot_id, published, content_hash)
                SELECT @run, source, id, published, content_hash FROM snapshots WHERE id = @snapshot
                """,
                new { run = id, snapshot = snapshot.Snapshot }, transaction, cancellationToken: cancellationToken));
            if (copied != 1)
            {
                throw new InvalidDataException($"snapshot {snapshot.Snapshot} of {snapshot.Source} is not in {Display}: the screening cannot name what it ran against");
            }
        }
        return id;
    }

    /// <summary>Marks a run finished; its counts were kept up to date by each committed batch.</summary>
    public async Task FinishRunAsync(long run, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE screening_runs SET finished_at = @now WHERE id = @run", new { run, now = Clock.NowText() }, transaction, cancellationToken: cancellationToken));
        await SealRunAsync(connection, transaction, run, null, cancellationToken);
        await CommitAsync(connection, transaction, cancellationToken);
    }

    /// <summary>The current state of the subjects with these references that exist (deleted ones included).</summary>
    internal async Task<Dictionary<string, SubjectHead>> SubjectHeadsAsync(IReadOnlyCollection<string> references, CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, SubjectHead>(StringComparer.Ordinal);
        if (references.Count == 0)
        {
            return heads;
        }
        await using var connection = await ConnectAsync(cancellationToken);
        foreach (var chunk in references.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var (list, args) = RecordIdParameters(chunk);
            var rows = await connection.QueryAsync<(long Id, string Reference, int Version, string Hash, string Profile, string? Portfolio, long Monitored, string? Deleted)>(new CommandDefinition(
                $"""
                SELECT s.id, s.reference, s.current_version, s.input_hash, v.profile, v.portfolio, s.monitored, s.deleted_at
                FROM subjects s JOIN subject_versions v ON v.subject_id = s.id AND v.version = s.current_version
                WHERE s.reference IN ({list})
                """,
                args, cancellationToken: cancellationToken));
            foreach (var r in rows)
            {
                heads[r.Reference] = new SubjectHead(r.Id, r.Reference, r.Version, r.Hash, r.Profile, r.Portfolio, r.Monitored != 0, r.Deleted is not null);
            }
        }
        return heads;
    }

    /// <summary>
    /// Writes new subject versions and their screenings in one transaction, and adds them to their runs' counts: a
    /// batch is stored completely or not at all. Throws <see cref="SubjectConflictException"/>, writing nothing, when a
    /// subject is no longer at the version the writer compared against.
    /// </summary>
    internal async Task<IReadOnlyList<RecordedOutcome?>> WriteSubjectsAsync(IReadOnlyList<SubjectWrite> writes, string actor, CancellationToken cancellationToken)
    {
        var outcomes = new RecordedOutcome?[writes.Count];
        if (writes.Count == 0)
        {
            return outcomes;
        }
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        var counts = new Dictionary<long, (int Screened, int Hits)>();
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            var head = await connection.QuerySingleOrDefaultAsync<(long Id, int Version)?>(new CommandDefinition(
                "SELECT id, current_version FROM subjects WHERE reference = @reference", new { reference = w.Reference }, transaction, cancellationToken: cancellationToken));
            if ((head?.Version ?? 0) != w.ExpectedVersion)
            {
                throw new SubjectConflictException(w.Reference);
            }
            var version = w.ExpectedVersion + 1;
            long id;
            if (head is { } h)
            {
                id = h.Id;
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE subjects SET current_version = @version, input_hash = @hash, monitored = @monitored, updated_at = @now, deleted_at = NULL WHERE id = @id",
                    new { id, version, hash = w.InputHash, monitored = w.Monitored ? 1 : 0, now }, transaction, cancellationToken: cancellationToken));
            }
            else
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO subjects (reference, current_version, input_hash, monitored, created_at, updated_at, deleted_at)
                    VALUES (@reference, 1, @hash, @monitored, @now, @now, NULL) RETURNING id
                    """,
                    new { reference = w.Reference, hash = w.InputHash, monitored = w.Monitored ? 1 : 0, now }, transaction, cancellationToken: cancellationToken));
            }
            var f = w.Fields;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO subject_versions (subject_id, version, change, input_hash, schema, names, birth_dates, countries, unresolved_countries, identifiers, profile, portfolio, monitored, recorded_by, recorded_at)
                VALUES (@id, @version, @change, @hash, @schema, @names, @dates, @countries, @unresolved, @identifiers, @profile, @portfolio, @monitored, @actor, @now)
                """,
                new
                {
                    id,
                    version,
                    change = Text(w.Change),
                    hash = w.InputHash,
                    schema = f.Schema,
                    names = Json(f.Names),
                    dates = Json(f.BirthDates),
                    countries = Json(f.Countries),
                    unresolved = Json(f.UnresolvedCountries),
                    identifiers = Json(f.Identifiers),
                    profile = w.Profile,
                    portfolio = w.Portfolio,
                    monitored = w.Monitored ? 1 : 0,
                    actor,
                    now,
                },
                transaction, cancellationToken: cancellationToken));
            Audit(transaction, new AuditEvent(
                w.Change switch { SubjectChange.Created => AuditEventKind.SubjectCreated, SubjectChange.Deleted => AuditEventKind.SubjectStopped, _ => AuditEventKind.SubjectChanged },
                actor, SubjectPayload(version, w.InputHash, f, w.Profile, w.Portfolio, w.Monitored), w.Reference));
            // The reverse key table moves with the version, so a list change finds this subject as it now stands.
            await WriteSubjectKeysAsync(connection, transaction, id, version, f, w.Monitored, cancellationToken);
            if (w is { RunId: { } run, Screening: { } screening })
            {
                var screeningId = await InsertScreeningAsync(connection, transaction, run, id, version, w.InputHash, screening, now, cancellationToken);
                outcomes[i] = await ApplyAlertRulesAsync(connection, transaction, id, version, w.InputHash, screeningId, screening, actor, now, cancellationToken);
                counts.TryGetValue(run, out var c);
                counts[run] = (c.Screened + 1, c.Hits + (screening.Hits.Count > 0 ? 1 : 0));
            }
        }
        await AddToRunCountsAsync(connection, transaction, counts, cancellationToken);
        await CommitAsync(connection, transaction, cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// Records screenings of subjects at their current versions (a list change, a full re-screen) with the alert rules
    /// applied, in one transaction. A subject whose version moved since it was read is skipped: the writer of the
    /// new version screened it. Returns each screening's outcome, null for a skipped one.
    /// </summary>
    internal async Task<IReadOnlyList<RecordedOutcome?>> RecordScreeningsAsync(long run, IReadOnlyList<MonitoredScreening> screenings, string actor, CancellationToken cancellationToken)
    {
        var outcomes = new RecordedOutcome?[screenings.Count];
        if (screenings.Count == 0)
        {
            return outcomes;
        }
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Clock.NowText();
        var counts = new Dictionary<long, (int Screened, int Hits)>();
        for (var i = 0; i < screenings.Count; i++)
        {
            var m = screenings[i];
            var current = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
                "SELECT current_version FROM subjects WHERE id = @id AND deleted_at IS NULL", new { id = m.SubjectId }, transaction, cancellationToken: cancellationToken));
            if (current != m.Version)
            {
                continue;
            }
            var screeningId = await InsertScreeningAsync(connection, transaction, run, m.SubjectId, m.Version, m.InputHash, m.Screening, now, cancellationToken);
            outcomes[i] = await ApplyAlertRulesAsync(connection, transaction, m.SubjectId, m.Version, m.InputHash, screeningId, m.Screening, actor, now, cancellationToken);
            counts.TryGetValue(run, out var c);
            counts[run] = (c.Screened + 1, c.Hits + (m.Screening.Hits.Count > 0 ? 1 : 0));
        }
        await AddToRunCountsAsync(connection, transaction, counts, cancellationToken);
        await CommitAsync(connection, transaction, cancellationToken);
        return outcomes;
    }

    private static async Task AddToRunCountsAsync(DbConnection connection, DbTransaction transaction, Dictionary<long, (int Screened, int Hits)> counts, CancellationToken cancellationToken)
    {
        foreach (var (run, c) in counts)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE screening_runs SET screened = screened + @screened, hits = hits + @hits WHERE id = @run",
                new { run, screened = c.Screened, hits = c.Hits }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>A screening and its hits; an ad-hoc query's has no subject, and its input hash is the query's.</summary>
    private static async Task<long> InsertScreeningAsync(DbConnection connection, DbTransaction transaction, long run, long? subject, int? version, string inputHash, SubjectScreening screening, string now, CancellationToken cancellationToken)
    {
        var screeningId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO screenings (run_id, subject_id, subject_version, input_hash, outcome, top_score, screened_at, decision_id, error)
            VALUES (@run, @subject, @version, @inputHash, @outcome, @top, @now, NULL, NULL) RETURNING id
            """,
            new { run, subject, version, inputHash, outcome = Text(screening.Outcome), top = screening.TopScore, now },
            transaction, cancellationToken: cancellationToken));
        for (var i = 0; i < screening.Hits.Count; i++)
        {
            var hit = screening.Hits[i];
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO screening_hits (screening_id, seq, entity_id, record_ids, score, band, explanation_hash, entity_fingerprint, record_fingerprints)
                VALUES (@screeningId, @seq, @entity, @records, @score, @band, @explanation, @fingerprint, @recordFingerprints)
                """,
                new
                {
                    screeningId,
                    seq = i,
                    entity = hit.EntityId,
                    records = Json(hit.RecordIds),
                    score = hit.Score,
                    band = (int)hit.Band,
                    explanation = hit.ExplanationHash,
                    fingerprint = hit.EntityFingerprint,
                    recordFingerprints = hit.RecordFingerprints is null ? null : JsonSerializer.Serialize(hit.RecordFingerprints, ColumnJson),
                },
                transaction, cancellationToken: cancellationToken));
        }
        return screeningId;
    }

    /// <summary>
    /// Ends a subject's monitoring: a new version marked deleted, not monitored. The subject, its versions and its
    /// screenings stay. False when there is no such subject or it is already deleted.
    /// </summary>
    public async Task<bool> DeleteSubjectAsync(string reference, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var head = await connection.QuerySingleOrDefaultAsync<(long Id, int Version, string? Deleted)?>(new CommandDefinition(
            "SELECT id, current_version, deleted_at FROM subjects WHERE reference = @reference", new { reference }, transaction, cancellationToken: cancellationToken));
        if (head is not { Deleted: null } h)
        {
            return false;
        }
        var now = Clock.NowText();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO subject_versions (subject_id, version, change, input_hash, schema, names, birth_dates, countries, unresolved_countries, identifiers, profile, portfolio, monitored, recorded_by, recorded_at)
            SELECT subject_id, version + 1, @change, input_hash, schema, names, birth_dates, countries, unresolved_countries, identifiers, profile, portfolio, 0, @actor, @now
            FROM subject_versions WHERE subject_id = @id AND version = @version
            """,
            new { id = h.Id, version = h.Version, change = Text(SubjectChange.Deleted), actor, now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE subjects SET current_version = @next, monitored = 0, updated_at = @now, deleted_at = @now WHERE id = @id",
            new { id = h.Id, next = h.Version + 1, now }, transaction, cancellationToken: cancellationToken));
        Audit(transaction, new AuditEvent(AuditEventKind.SubjectStopped, actor, new Dictionary<string, object?> { ["version"] = h.Version + 1 }, reference));
        await CommitAsync(connection, transaction, cancellationToken);
        return true;
    }

    /// <summary>A subject with every version (oldest first) and every screening (newest first) with its run and hits; null when unknown.</summary>
    public async Task<Subject?> GetSubjectAsync(string reference, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var subject = await connection.QuerySingleOrDefaultAsync<(long Id, long Monitored, string Created, string Updated, string? Deleted)?>(new CommandDefinition(
            "SELECT id, monitored, created_at, updated_at, deleted_at FROM subjects WHERE reference = @reference", new { reference }, cancellationToken: cancellationToken));
        if (subject is not { } s)
        {
            return null;
        }
        var args = new { id = s.Id };
        var versions = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
                """
                SELECT version AS Version, change AS Change, input_hash AS InputHash, schema AS Schema, names AS Names, birth_dates AS BirthDates,
                       countries AS Countries, unresolved_countries AS Unresolved, identifiers AS Identifiers, profile AS Profile,
                       portfolio AS Portfolio, monitored AS Monitored, recorded_by AS RecordedBy, recorded_at AS RecordedAt
                FROM subject_versions WHERE subject_id = @id ORDER BY version
                """,
                args, cancellationToken: cancellationToken)))
            .Select(v => new SubjectVersion(
                v.Version,
                Parse<SubjectChange>(v.Change),
                v.InputHash,
                v.Fields(),
                v.Profile,
                v.Portfolio,
                v.Monitored != 0,
                v.RecordedBy,
                v.RecordedAt))
            .ToList();
        var runs = await RunsAsync(connection, "id IN (SELECT run_id FROM screenings WHERE subject_id = @id)", args, cancellationToken);
        var hits = (await connection.QueryAsync<(long Screening, string Entity, string Records, double Score, long Band, string Explanation, string? Fingerprint, string? RecordFingerprints)>(new CommandDefinition(
                """
                SELECT h.screening_id, h.entity_id, h.record_ids, h.score, h.band, h.explanation_hash, h.entity_fingerprint, h.record_fingerprints
                FROM screening_hits h JOIN screenings s ON s.id = h.screening_id WHERE s.subject_id = @id ORDER BY h.screening_id, h.seq
                """,
                args, cancellationToken: cancellationToken)))
            .ToLookup(h => h.Screening, h => new RecordedHit(
                h.Entity, List(h.Records), h.Score, (ScoreBand)h.Band, h.Explanation, h.Fingerprint,
                h.RecordFingerprints is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(h.RecordFingerprints)));
        var screenings = (await connection.QueryAsync<(long Id, long Run, long Version, string Hash, string Outcome, double? Top, string At, long? Decision)>(new CommandDefinition(
                "SELECT id, run_id, subject_version, input_hash, outcome, top_score, screened_at, decision_id FROM screenings WHERE subject_id = @id ORDER BY id DESC",
                args, cancellationToken: cancellationToken)))
            .Select(r => new ScreeningRecord(r.Id, runs[r.Run], (int)r.Version, r.Hash, Parse<ScreeningOutcome>(r.Outcome), r.Top, r.At, [.. hits[r.Id]]) { DecisionId = r.Decision })
            .ToList();
        var alerts = await AlertsAsync(connection, "a.subject_id = @id", args, AlertQuery.MaxLimit, NewestFirst, cancellationToken);
        return new Subject(reference, s.Monitored != 0, s.Created, s.Updated, s.Deleted, versions, screenings) { Alerts = alerts };
    }

    /// <summary>A recorded run with its snapshot set; null when unknown.</summary>
    public async Task<ScreeningRun?> GetRunAsync(long run, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return (await RunsAsync(connection, "id = @run", new { run }, cancellationToken)).GetValueOrDefault(run);
    }

    private static async Task<Dictionary<long, ScreeningRun>> RunsAsync(DbConnection connection, string where, object args, CancellationToken cancellationToken)
    {
        var snapshots = (await connection.QueryAsync<(long Run, string Source, long Snapshot, string? Published, string Hash)>(new CommandDefinition(
                $"SELECT run_id, source, snapshot_id, published, content_hash FROM screening_run_snapshots WHERE run_id IN (SELECT id FROM screening_runs WHERE {where}) ORDER BY run_id, source",
                args, cancellationToken: cancellationToken)))
            .ToLookup(r => r.Run, r => new RunSnapshot(r.Source, r.Snapshot, r.Published, r.Hash));
        var runs = await connection.QueryAsync<(long Id, string Kind, string Actor, string Profile, double Threshold, string Matcher, string Hash, string Started, string? Finished, long Screened, long Hits, long Errors)>(new CommandDefinition(
            $"SELECT id, kind, actor, profile, threshold, matcher_version, config_hash, started_at, finished_at, screened, hits, errors FROM screening_runs WHERE {where}",
            args, cancellationToken: cancellationToken));
        return runs.ToDictionary(
            r => r.Id,
            r => new ScreeningRun(r.Id, Parse<ScreeningKind>(r.Kind), r.Actor, r.Profile, r.Threshold, r.Matcher, r.Hash, [.. snapshots[r.Id]], r.Started, r.Finished, (int)r.Screened, (int)r.Hits, (int)r.Errors));
    }

    /// <summary>A subject version as its audit entry carries it: the screened fields exactly as recorded (personal data, purged by retention).</summary>
    private static Dictionary<string, object?> SubjectPayload(int version, string inputHash, SubjectFields f, string profile, string? portfolio, bool monitored) => new()
    {
        ["version"] = version,
        ["input_hash"] = inputHash,
        ["schema"] = f.Schema,
        ["names"] = f.Names,
        ["birth_dates"] = f.BirthDates,
        ["countries"] = f.Countries,
        ["unresolved_countries"] = f.UnresolvedCountries,
        ["identifiers"] = f.Identifiers,
        ["profile"] = profile,
        ["portfolio"] = portfolio,
        ["monitored"] = monitored,
    };

    private static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, ColumnJson);

    private static List<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>An enum member as stored: snake case (<c>subject_update</c>), readable in SQL.</summary>
    internal static string Text<T>(T value) where T : struct, Enum => WorkflowNames.Name(value);

    private static T Parse<T>(string text) where T : struct, Enum =>
        WorkflowNames.TryParse<T>(text, out var value) ? value
        : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the store holds '{text}', which is no {typeof(T).Name}"));

    /// <summary>A subject_versions row as Dapper reads it (by column name, converting each engine's integer type).</summary>
    private sealed class VersionRow
    {
        /// <summary>The subject's id and reference, where a query reads versions of several subjects.</summary>
        public long SubjectId { get; set; }

        public string Reference { get; set; } = "";

        public int Version { get; set; }
        public string Change { get; set; } = "";
        public string InputHash { get; set; } = "";
        public string Schema { get; set; } = "";
        public string Names { get; set; } = "";
        public string BirthDates { get; set; } = "";
        public string Countries { get; set; } = "";
        public string Unresolved { get; set; } = "";
        public string Identifiers { get; set; } = "";
        public string Profile { get; set; } = "";
        public string? Portfolio { get; set; }
        public int Monitored { get; set; }
        public string RecordedBy { get; set; } = "";
        public string RecordedAt { get; set; } = "";

        public SubjectFields Fields() => new(Schema, List(Names), List(BirthDates), List(Countries), List(Unresolved), List(Identifiers));
    }
}
