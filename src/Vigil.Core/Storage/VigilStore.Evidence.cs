using System.Globalization;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Core.Storage;

/// <summary>Proof of screening: the evidence bundle of one subject up to a date.</summary>
public sealed partial class VigilStore
{
    /// <summary>
    /// The evidence of <paramref name="reference"/> up to <paramref name="at"/>, proven to the latest checkpoint (one
    /// is signed with <paramref name="key"/> first when the latest does not cover every entry the bundle needs). The
    /// bundle is verified before it is returned, and its making is audited. Null for an unknown subject.
    /// </summary>
    /// <exception cref="InvalidDataException">The log does not prove its own entries: it was altered (run 'vigil audit verify').</exception>
    public async Task<EvidenceBundle?> BuildEvidenceAsync(string reference, DateTimeOffset at, AuditSigningKey key, string actor, CancellationToken cancellationToken = default)
    {
        var subject = await GetSubjectAsync(reference, cancellationToken);
        if (subject is null)
        {
            return null;
        }
        var until = Clock.Text(at);
        var screenings = subject.Screenings.Where(s => string.CompareOrdinal(s.ScreenedAt, until) <= 0).OrderBy(s => s.Id).ToList();
        var runs = screenings.Select(s => s.Run.Id).Distinct().ToList();
        List<long> seqs;
        Dictionary<long, long> seals;
        await using (var connection = await ConnectAsync(cancellationToken))
        {
            seqs = [.. await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT seq FROM audit_log WHERE subject = @reference AND time <= @until ORDER BY seq", new { reference, until }, cancellationToken: cancellationToken))];
            seals = [];
            foreach (var chunk in runs.Chunk(500))
            {
                var rows = await connection.QueryAsync<(long Run, long Seq)>(new CommandDefinition(
                    $"SELECT run_id, seq FROM audit_log WHERE kind = 'screening_run_sealed' AND run_id IN ({string.Join(",", chunk.Select(r => r.ToString(CultureInfo.InvariantCulture)))})",
                    cancellationToken: cancellationToken));
                foreach (var (run, seq) in rows)
                {
                    seals[run] = seq;
                }
            }
        }
        var needed = seqs.Concat(seals.Values).Distinct().Order().ToList();
        var checkpoint = await LatestCheckpointAsync(cancellationToken);
        if (checkpoint is null || (needed.Count > 0 && checkpoint.TreeSize < needed[^1]))
        {
            checkpoint = await SignCheckpointAsync(key, actor, cancellationToken);
        }
        var entries = new List<EvidenceEntry>();
        await using (var connection = await ConnectAsync(cancellationToken))
        {
            foreach (var seq in needed)
            {
                var stored = await StoredEntriesAsync(connection, seq, cancellationToken).FirstAsync(cancellationToken);
                var entry = stored.Stored ?? throw new InvalidDataException(stored.Problem!.Message + ": run 'vigil audit verify'");
                var proof = await InclusionProofAsync(seq, checkpoint.TreeSize, cancellationToken);
                entries.Add(new EvidenceEntry(seq, entry.Entry.Canonical(), entry.Payload, [.. proof.Select(Convert.ToBase64String)]));
            }
            var proven = new List<EvidenceScreening>();
            foreach (var group in screenings.Where(s => seals.ContainsKey(s.Run.Id)).GroupBy(s => s.Run.Id))
            {
                var leaves = await RunScreeningLeavesAsync(connection, null, group.Key, cancellationToken);
                var hashes = leaves.Select(l => ScreeningLeaf.LeafHash(l.Canonical)).ToArray();
                foreach (var s in group)
                {
                    var index = leaves.FindIndex(l => l.Id == s.Id);
                    var proof = MerkleTree.InclusionProof(index, hashes.Length, (start, end) => MerkleAccumulator.RootOf(hashes[(int)start..(int)end]));
                    proven.Add(new EvidenceScreening(s.Id, seals[group.Key], index, leaves[index].Canonical, [.. proof.Select(Convert.ToBase64String)]));
                }
            }
            var bundle = new EvidenceBundle(EvidenceBundle.CurrentFormat, reference, until, Clock.NowText(), checkpoint.Note(), entries, proven,
                [.. screenings.Select(s => RescreenCommand(subject, s))]);
            if (EvidenceCheck.Verify(bundle, key) is { } failure)
            {
                throw new InvalidDataException($"the audit log does not prove its own entries ({failure}): run 'vigil audit verify'");
            }
            await AppendAuditAsync(new AuditEvent(AuditEventKind.ExportMade, actor, new Dictionary<string, object?>
            {
                ["export"] = "evidence",
                ["subject"] = reference,
                ["at"] = until,
                ["entries"] = entries.Count,
                ["screenings"] = proven.Count,
                ["checkpoint_size"] = checkpoint.TreeSize,
            }, reference), cancellationToken);
            return bundle;
        }
    }

    /// <summary>The <c>vigil screen --as-of</c> command that re-performs a screening with the subject's version then, against the lists as they stood.</summary>
    private static string RescreenCommand(Subject subject, ScreeningRecord screening)
    {
        var version = subject.Versions.FirstOrDefault(v => v.Version == screening.SubjectVersion) ?? subject.Current;
        var f = version.Fields;
        var parts = new List<string> { "vigil screen", Quote(f.Names.Count > 0 ? f.Names[0] : "") };
        if (f.BirthDates.Count > 0 && f.BirthDates[0] is var dob)
        {
            parts.Add("--dob " + Quote(dob));
        }
        if (f.Countries.Count > 0 && f.Countries[0] is var country)
        {
            parts.Add("--country " + country);
        }
        if (f.Schema != SubjectFields.UnknownSchema)
        {
            parts.Add("--schema " + f.Schema);
        }
        if (f.Identifiers.Count > 0 && f.Identifiers[0] is var id)
        {
            parts.Add("--id " + Quote(id));
        }
        parts.Add("--profile " + screening.Run.Profile);
        parts.Add("--threshold " + screening.Run.Threshold.ToString("R", CultureInfo.InvariantCulture));
        parts.Add("--as-of " + screening.ScreenedAt);
        return string.Join(' ', parts);

        static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// Whether <paramref name="actor"/> worked on an alert of the subject (was assigned it, commented, proposed or
    /// decided): what lets an analyst read that subject's evidence without reading the whole trail.
    /// </summary>
    public async Task<bool> HasWorkedOnSubjectAsync(string reference, string actor, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM alerts a JOIN subjects s ON s.id = a.subject_id
            WHERE s.reference = @reference AND (a.assigned_to = @actor
                OR EXISTS (SELECT 1 FROM alert_events e WHERE e.alert_id = a.id AND e.actor = @actor)
                OR EXISTS (SELECT 1 FROM decisions d WHERE d.alert_id = a.id AND d.decided_by = @actor))
            """,
            new { reference, actor }, cancellationToken: cancellationToken)) > 0;
    }
}
