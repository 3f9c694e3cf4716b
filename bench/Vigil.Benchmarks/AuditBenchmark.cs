using System.Diagnostics;
using System.Globalization;
using Dapper;
using Vigil.Core.Audit;
using Vigil.Core.Storage;

namespace Vigil.Benchmarks;

/// <summary>
/// The audit log at a million entries: appending them (in transactions of 1,000, as a monitoring batch appends), against
/// the baseline of inserting the same number of plain rows without hashes or lock; <c>audit verify</c> over them
/// (target ≤ 60 s), against the baseline of reading every row; an inclusion proof (target ≤ 10 ms), against the
/// baseline of reading one entry.
/// </summary>
internal static class AuditBenchmark
{
    private const int Batch = 1000;
    private const int Proofs = 200;

    public static int Run(string[] args)
    {
        var entries = int.Parse(BenchSupport.Option(args, "--entries") ?? "1000000", CultureInfo.InvariantCulture);
        using var watchdog = BenchSupport.Watchdog("audit benchmark", TimeSpan.FromMinutes(60));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-audit-");
        try
        {
            var db = BenchSupport.Option(args, "--db") ?? Path.Combine(folder.FullName, "vigil.db");
            var store = VigilStore.Open(db);
            using var key = AuditSigningKey.LoadOrCreate(Path.Combine(folder.FullName, "audit-key.pem"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# audit benchmark: {entries:N0} entries; {store.Kind}; {Environment.ProcessorCount} cores"));

            using (var connection = store.Connect())
            {
                connection.Execute("CREATE TABLE bench_plain (seq BIGINT PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NULL, payload TEXT NOT NULL)");
                var baselineCpu = BenchSupport.CpuSeconds();
                var baseline = Stopwatch.StartNew();
                for (var start = 0; start < entries; start += Batch)
                {
                    using var transaction = connection.BeginTransaction();
                    connection.Execute("INSERT INTO bench_plain (seq, time, actor, kind, subject, payload) VALUES (@Seq, @Time, 'bench', 'alert_created', @Subject, @Payload)",
                        Enumerable.Range(start, Math.Min(Batch, entries - start)).Select(i => new { Seq = (long)i, Time = "2025-01-01T00:00:00.000Z", Subject = $"C-{i % 5000}", Payload = Payload(i) }), transaction);
                    transaction.Commit();
                }
                Report("append: plain rows, no hashes (baseline)", entries, baseline.Elapsed, baselineCpu);
                connection.Execute("DROP TABLE bench_plain");

                // The audit log's own two tables and indexes, written the same way without hashes or lock: what the
                // schema costs, apart from what the log computes.
                var (bigint, blob) = store.Kind == StoreKind.Sqlite ? ("INTEGER", "BLOB") : ("BIGINT", "BYTEA");
                connection.Execute($"""
                    CREATE TABLE bench_log (seq {bigint} PRIMARY KEY, time TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NULL,
                        alert_id {bigint} NULL, decision_id {bigint} NULL, snapshot_id {bigint} NULL, run_id {bigint} NULL,
                        payload_hash TEXT NOT NULL, leaf_hash {blob} NOT NULL, chain_hash {blob} NOT NULL);
                    CREATE INDEX ix_bench_log_subject ON bench_log (subject, seq);
                    CREATE INDEX ix_bench_log_time ON bench_log (time, seq);
                    CREATE INDEX ix_bench_log_run ON bench_log (run_id) WHERE run_id IS NOT NULL;
                    CREATE TABLE bench_log_payloads (seq {bigint} PRIMARY KEY REFERENCES bench_log (seq), payload TEXT NOT NULL);
                    """);
                var indexedCpu = BenchSupport.CpuSeconds();
                var indexed = Stopwatch.StartNew();
                var hash = new byte[32];
                for (var start = 0; start < entries; start += Batch)
                {
                    using var transaction = connection.BeginTransaction();
                    var batch = Enumerable.Range(start, Math.Min(Batch, entries - start)).Select(i => new
                    {
                        Seq = (long)i,
                        Time = "2025-01-01T00:00:00.000Z",
                        Subject = $"C-{i % 5000}",
                        PayloadHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                        Leaf = hash,
                        Payload = Payload(i),
                    }).ToList();
                    connection.Execute("""
                        INSERT INTO bench_log (seq, time, actor, kind, subject, alert_id, decision_id, snapshot_id, run_id, payload_hash, leaf_hash, chain_hash)
                        VALUES (@Seq, @Time, 'bench', 'alert_created', @Subject, NULL, NULL, NULL, NULL, @PayloadHash, @Leaf, @Leaf)
                        """, batch, transaction);
                    connection.Execute("INSERT INTO bench_log_payloads (seq, payload) VALUES (@Seq, @Payload)", batch, transaction);
                    transaction.Commit();
                }
                Report("append: the audit log's tables and indexes, no hashes (baseline)", entries, indexed.Elapsed, indexedCpu);
                connection.Execute("DROP TABLE bench_log_payloads; DROP TABLE bench_log");
            }

            // What an append computes before it writes: the canonical payload and entry, their hashes and the chain.
            var hashCpu = BenchSupport.CpuSeconds();
            var hashing = Stopwatch.StartNew();
            var chain = AuditHashes.ChainStart.ToArray();
            for (var i = 0; i < entries; i++)
            {
                var payload = CanonicalJson.Write(new Dictionary<string, object?> { ["n"] = i, ["payload"] = Payload(i) });
                var entry = new AuditEntry(i + 1, "2025-01-01T00:00:00.000Z", "bench", AuditEventKind.AlertCreated, $"C-{i % 5000}", null, null, null, null, AuditEntry.HashPayload(payload));
                chain = AuditHashes.Chain(chain, entry.LeafHash());
            }
            Report("hash and chain only, no store", entries, hashing.Elapsed, hashCpu);

            var appendCpu = BenchSupport.CpuSeconds();
            var append = Stopwatch.StartNew();
            for (var start = 0; start < entries; start += Batch)
            {
                store.AppendAuditAsync([.. Enumerable.Range(start, Math.Min(Batch, entries - start)).Select(i => new AuditEvent(
                    AuditEventKind.AlertCreated, "bench", new Dictionary<string, object?> { ["n"] = i, ["payload"] = Payload(i) }, $"C-{i % 5000}"))]).GetAwaiter().GetResult();
            }
            Report("append: audit entries, hashed and chained", entries, append.Elapsed, appendCpu);

            var sign = Stopwatch.StartNew();
            var checkpoint = store.SignCheckpointAsync(key, "bench").GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkpoint (caches {checkpoint.TreeSize >> TiledSubtrees.DefaultHeight:N0} tile roots): {sign.Elapsed.TotalSeconds:F1} s"));

            var read = Stopwatch.StartNew();
            long rows = 0;
            foreach (var _ in ReadAll(store))
            {
                rows++;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read every entry (baseline): {read.Elapsed.TotalSeconds:F1} s for {rows:N0}"));
            var verifyCpu = BenchSupport.CpuSeconds();
            var verify = Stopwatch.StartNew();
            var result = store.VerifyAuditAsync(key, null).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"audit verify: {verify.Elapsed.TotalSeconds:F1} s ({BenchSupport.CpuSeconds() - verifyCpu:F1} s CPU in this process) for {result.Entries:N0} entries ({(result.Ok ? "verified" : result.Problem!.Message)}); target ≤ 60 s"));

            var random = new Random(2017);
            var baselineTimes = Time(() => store.ListAuditAsync(new AuditQuery(AfterSequence: random.NextInt64(checkpoint.TreeSize - 1), Limit: 1)).GetAwaiter().GetResult());
            var cold = Stopwatch.StartNew();
            store.InclusionProofAsync(checkpoint.TreeSize / 3, checkpoint.TreeSize).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first inclusion proof of the process (loads the tile roots): {cold.Elapsed.TotalMilliseconds:F1} ms"));
            var proofTimes = Time(() =>
            {
                var seq = random.NextInt64(1, checkpoint.TreeSize + 1);
                var proof = store.InclusionProofAsync(seq, checkpoint.TreeSize).GetAwaiter().GetResult();
                if (proof.Count == 0)
                {
                    throw new InvalidOperationException("empty proof");
                }
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"read one entry (baseline): p50 {BenchSupport.Percentile(baselineTimes, 0.5):F2} ms, p95 {BenchSupport.Percentile(baselineTimes, 0.95):F2} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"inclusion proof in {checkpoint.TreeSize:N0}: p50 {BenchSupport.Percentile(proofTimes, 0.5):F2} ms, p95 {BenchSupport.Percentile(proofTimes, 0.95):F2} ms; target ≤ 10 ms"));
            return result.Ok ? 0 : 1;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    private static string Payload(int i) => $"screening {i} of subject C-{i % 5000}: score 0.{i % 97:D2}";

    private static IEnumerable<long> ReadAll(VigilStore store)
    {
        using var connection = store.Connect();
        foreach (var row in connection.Query<(long Seq, string Time, byte[] Leaf, string? Payload)>(
            "SELECT l.seq, l.time, l.leaf_hash, p.payload FROM audit_log l LEFT JOIN audit_payloads p ON p.seq = l.seq ORDER BY l.seq", buffered: false))
        {
            yield return row.Seq;
        }
    }

    private static List<double> Time(Action action)
    {
        action();
        var times = new List<double>(Proofs);
        for (var i = 0; i < Proofs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static void Report(string what, int count, TimeSpan elapsed, double cpuBefore) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {count / elapsed.TotalSeconds:N0} entries/s ({elapsed.TotalSeconds:F1} s, {BenchSupport.CpuSeconds() - cpuBefore:F1} s CPU in this process)"));
}
