using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Matching;
using Vigil.Server;
using Vigil.Server.Hosting;

namespace Vigil.Benchmarks;

/// <summary>
/// <c>GET /alerts</c> at scale: a store holding the shared lists and customers named after listed persons (so that
/// nearly every one alerts, through the real rules), then pages of 50 alerts read the ways an analyst reads them:
/// the newest open ones, one kind, one subject's, and twenty pages deep; then the analysts' queue, in the store and as
/// the <c>/alerts</c> page a real server renders. Reports p50/p95 per page against the baseline of reading one subject
/// (<c>GET /subjects/{ref}</c>) from the same store, and the pages against a page that reads nothing from the store.
/// With <c>--alerts N</c>, the alerts the rules raised are copied (with their records, onto the same subjects) until the
/// store holds N, so that a large queue does not need a customer file of that size screened first.
/// </summary>
internal static class AlertsBenchmark
{
    private const int Seed = 2016_02_29;
    private const int Pages = 200;

    public static int Run(string[] args)
    {
        var data = BenchSupport.Data(args);
        var subjects = int.Parse(BenchSupport.Option(args, "--subjects") ?? "40000", CultureInfo.InvariantCulture);
        var target = BenchSupport.Option(args, "--alerts") is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;
        using var watchdog = BenchSupport.Watchdog("alerts benchmark", TimeSpan.FromMinutes(40));
        var folder = Directory.CreateTempSubdirectory("vigil-bench-alerts-");
        try
        {
            var db = BenchSupport.Option(args, "--db") ?? Path.Combine(folder.FullName, "vigil.db");
            var store = BenchSupport.ImportLists(data, db);
            var corpus = ScreeningCorpus.Load(store);
            var clock = Stopwatch.StartNew();
            var file = WriteCustomers(folder.FullName, corpus, subjects);
            var summary = SubjectImport.RunAsync(store, corpus, file, "bench").GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# alerts benchmark: {summary.Created:N0} customers named after listed persons imported in {clock.Elapsed.TotalSeconds:F0} s, {summary.Alerts:N0} alerts raised; {store.Kind}; {Environment.ProcessorCount} cores"));

            if (target > 0)
            {
                clock.Restart();
                var total = TopUpAlerts(db, target);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# alerts copied until the store holds {total:N0} ({clock.Elapsed.TotalSeconds:F0} s); load average {Load()}"));
            }
            var random = new Random(Seed);
            var baseline = Time(() => store.GetSubjectAsync($"c{random.Next(subjects)}").GetAwaiter().GetResult());
            Report("GET /subjects/{ref} (baseline)", baseline, baseline);
            Report("GET /alerts (newest open, 50)", Time(() => store.ListAlertsAsync(new AlertQuery(OpenOnly: true)).GetAwaiter().GetResult()), baseline);
            Report("GET /alerts?kind=new_match&status=all", Time(() => store.ListAlertsAsync(new AlertQuery(Kind: AlertKind.NewMatch)).GetAwaiter().GetResult()), baseline);
            Report("GET /alerts?subject=REF", Time(() => store.ListAlertsAsync(new AlertQuery(Subject: $"c{random.Next(subjects)}")).GetAwaiter().GetResult()), baseline);
            var newest = store.ListAlertsAsync(new AlertQuery(Limit: 1)).GetAwaiter().GetResult()[0].Id;
            Report("GET /alerts?before=ID (any page)", Time(() => store.ListAlertsAsync(new AlertQuery(OpenOnly: true, Before: random.NextInt64(50, newest))).GetAwaiter().GetResult()), baseline);
            Report("queue page, priority order (store)", Time(() => store.ListAlertsAsync(new AlertQuery(OpenOnly: true) { Order = AlertOrder.Priority }).GetAwaiter().GetResult()), baseline);
            Report("queue counts by kind and age (store)", Time(() => store.CountAlertsAsync(new AlertQuery(OpenOnly: true), DateTimeOffset.UtcNow).GetAwaiter().GetResult()), baseline);
            PageRender(db, random, baseline).GetAwaiter().GetResult();
            return 0;
        }
        finally
        {
            BenchSupport.DeleteStoreFolder(folder);
        }
    }

    /// <summary>
    /// The <c>/alerts</c> page as a browser asks for it (Accept: text/html) from a real server over the same store, on
    /// loopback: the queue's first page, a page deep in the queue, one portfolio, and "assigned to me". Measured at the
    /// client, so each figure includes the loopback round trip: an upper bound of the server's time.
    /// </summary>
    private static async Task PageRender(string db, Random random, Timing baseline)
    {
        await using var app = VigilServer.Create(new ServerOptions { Store = db, Urls = ["http://127.0.0.1:0"], FullRescreenEvery = null });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var deadline = Stopwatch.StartNew();
        while ((await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode != HttpStatusCode.OK && deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(200);
        }
        // The lists' imports queued monitoring work that re-screens the customers: it runs in the server's background and
        // is let finish first, so that the pages are timed over a store at rest.
        var store = app.Services.GetRequiredService<VigilStore>();
        while ((await store.MonitorStatusAsync()).Pending.Count > 0 && deadline.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(1000);
        }
        var first = await client.GetStringAsync(new Uri("/alerts", UriKind.Relative));
        var deep = Regex.Match(first, "href=\"(/alerts\\?after=[^\"]+)\" rel=\"next\"").Groups[1].Value;
        var cursors = new List<string>();
        for (var i = 0; i < 20 && deep.Length > 0; i++)
        {
            cursors.Add(deep);
            var next = await client.GetStringAsync(new Uri(WebUtility.HtmlDecode(deep), UriKind.Relative));
            deep = Regex.Match(next, "href=\"(/alerts\\?after=[^\"]+)\" rel=\"next\"").Groups[1].Value;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# /alerts page: {first.Length / 1024.0:F0} KB of HTML for 50 alerts; load average {Load()}"));
        // A page through the same server, pipeline and layout that reads nothing from the store (an unreadable alert
        // number): what is left of a page's time when the queue's queries and rows are taken away.
        var shell = Time(() => Get(client, "/alerts/0", HttpStatusCode.BadRequest));
        Report("GET /alerts/0 page (no store read; page baseline)", shell, shell);
        Report("GET /alerts page (text/html, first page)", Time(() => Get(client, "/alerts")), shell);
        Report("GET /alerts page (up to 20 pages deep)", Time(() => Get(client, WebUtility.HtmlDecode(cursors[random.Next(cursors.Count)]))), shell);
        Report("GET /alerts page (?kind=re_review)", Time(() => Get(client, "/alerts?kind=re_review")), shell);
        Report("GET /alerts page (?mine=true)", Time(() => Get(client, "/alerts?mine=true")), shell);
        Report("GET /alerts page (?status=all)", Time(() => Get(client, "/alerts?status=all")), shell);
        Console.WriteLine($"# load average after the pages: {Load()}");
        await app.StopAsync();
    }

    /// <summary>
    /// Copies the store's alerts, with their records, until it holds <paramref name="target"/>: each copy a new open alert
    /// of the same subject, kind, score and band, created at a time of its own, so that the queue's orders and counts
    /// meet rows spread as real ones are. Returns the number of alerts.
    /// </summary>
    private static long TopUpAlerts(string db, long target)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}");
        connection.Open();
        long Count()
        {
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM alerts";
            return (long)count.ExecuteScalar()!;
        }
        var total = Count();
        if (total == 0)
        {
            throw new InvalidOperationException("no alert was raised to copy: give more --subjects");
        }
        while (total < target)
        {
            using var transaction = connection.BeginTransaction();
            using var copy = connection.CreateCommand();
            copy.Transaction = transaction;
            copy.CommandText = """
                CREATE TEMP TABLE IF NOT EXISTS copied (old_id INTEGER, new_id INTEGER);
                DELETE FROM copied;
                INSERT INTO copied (old_id, new_id)
                    SELECT id, (SELECT MAX(id) FROM alerts) + ROW_NUMBER() OVER (ORDER BY id) FROM alerts ORDER BY id LIMIT @n;
                INSERT INTO alerts (id, subject_id, kind, status, reasons, changes, entity_id, caption, score, band, input_hash, subject_version,
                        screening_id, decision_id, assigned_to, created_at, updated_at, closed_at, revision)
                    SELECT c.new_id, a.subject_id, a.kind, 'open', a.reasons, a.changes, a.entity_id, a.caption, a.score, a.band, a.input_hash,
                        a.subject_version, a.screening_id, NULL, NULL,
                        strftime('%Y-%m-%dT%H:%M:%fZ', a.created_at, printf('-%d minutes', c.new_id % 100000)),
                        a.updated_at, NULL, 1
                    FROM copied c JOIN alerts a ON a.id = c.old_id;
                INSERT INTO alert_records (alert_id, record_id, fingerprint)
                    SELECT c.new_id, r.record_id, r.fingerprint FROM copied c JOIN alert_records r ON r.alert_id = c.old_id;
                """;
            copy.Parameters.AddWithValue("@n", Math.Min(total, target - total));
            copy.ExecuteNonQuery();
            transaction.Commit();
            total = Count();
        }
        return total;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Get(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = client.GetAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{path} answered {response.StatusCode}");
        }
        response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
    }

    /// <summary>The sorted wall times of <see cref="Pages"/> reads, and the process's CPU time per read (server and client together).</summary>
    private sealed record Timing(List<double> Wall, double CpuMs);

    private static Timing Time(Action read)
    {
        read();
        var times = new List<double>(Pages);
        var cpu = BenchSupport.CpuSeconds();
        for (var i = 0; i < Pages; i++)
        {
            var clock = Stopwatch.StartNew();
            read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        var cpuMs = (BenchSupport.CpuSeconds() - cpu) * 1000 / Pages;
        times.Sort();
        return new Timing(times, cpuMs);
    }

    private static void Report(string what, Timing timing, Timing baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-50} p50 {BenchSupport.Percentile(timing.Wall, 0.5),7:F2} ms  p95 {BenchSupport.Percentile(timing.Wall, 0.95),7:F2} ms  ({BenchSupport.Percentile(timing.Wall, 0.95) / BenchSupport.Percentile(baseline.Wall, 0.95):F2}x baseline p95)  CPU {timing.CpuMs,6:F2} ms/read"));

    /// <summary>Customers named exactly as listed persons are, each with a birth date of its own: most alert, on one or more lists.</summary>
    private static string WriteCustomers(string folder, ScreeningCorpus corpus, int rows)
    {
        var names = corpus.Index.Subjects.Where(s => s.Kind == PartyKind.Person).SelectMany(s => s.Names.Take(1)).Select(n => n.Text)
            .Where(n => !n.Contains(',', StringComparison.Ordinal) && !n.Contains('"', StringComparison.Ordinal)).ToList();
        var random = new Random(Seed);
        var path = Path.Combine(folder, "customers.csv");
        using var file = new StreamWriter(path);
        file.WriteLine("id,name,dob");
        for (var i = 0; i < rows; i++)
        {
            file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"c{i},{names[random.Next(names.Count)]},{random.Next(1940, 2004)}"));
        }
        return path;
    }
}
