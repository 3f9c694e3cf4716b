using System.Diagnostics;
using Vigil.Core.Storage;

namespace Vigil.Tests.Cli;

/// <summary>
/// Runs the real <c>vigil</c> program over every command with bad input and unavailable stores (missing, a folder, a
/// corrupt file, PostgreSQL that does not answer): each ends in a message and a non-zero exit code, never in a stack trace.
/// </summary>
public sealed class NoStackTraceTests : IDisposable
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=app;Database=vigil;Timeout=5";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigil-tests", $"no-trace-{Guid.NewGuid():N}");

    public NoStackTraceTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>For each command, the invocations that must fail cleanly; a command added to vigil without an entry here fails the test.</summary>
    private Dictionary<string, string[][]> Cases()
    {
        var corrupt = Path.Combine(_folder, "corrupt.db");
        File.WriteAllBytes(corrupt, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);
        var empty = Path.Combine(_folder, "empty.db");
        VigilStore.Open(empty, StoreAccess.CreateIfMissing);
        var garbage = Path.Combine(_folder, "garbage.csv");
        File.WriteAllText(garbage, "this,is\nnot,\"a list");
        var list = TestData.Path("un/consolidated.xml");
        var auditKey = Path.Combine(_folder, "audit-key.pem");
        var bundle = Path.Combine(_folder, "bundle.json");
        // A missing store is a case for the commands that must not create one; each gets a path of its own.
        string[][] Stores(params string[] args) =>
            [[.. args, "--db", Path.Combine(_folder, $"missing-{Guid.NewGuid():N}.db")], .. Unavailable(args)];
        string[][] Unavailable(params string[] args) => [[.. args, "--db", _folder], [.. args, "--db", corrupt], [.. args, "--db", Unreachable]];
        return new()
        {
            ["import"] = [.. Unavailable("import", list), ["import", "/nonexistent/list.xml", "--db", empty], ["import", garbage, "--db", empty], ["import", list, "--format", "nope", "--db", empty]],
            ["lists"] = [.. Stores("lists"), ["lists", "--json", "extra"]],
            ["diff"] = [.. Stores("diff", "un-sc"), ["diff", "un-sc", "--from", "abc", "--db", empty], ["diff", "un-sc", "--db", empty]],
            ["entity"] = [.. Stores("entity", "un-sc:QDi.372"), ["entity", "x", "--as-of", "soon", "--db", empty]],
            ["update"] = [["update", "--db", _folder], ["update", "--db", corrupt], ["update", "--db", Unreachable], ["update", "--timeout", "-5"], ["update", "--catalog", "/nonexistent/catalog.json", "--db", empty]],
            ["screen"] = [.. Stores("screen", "Gulmurod Halimov"), ["screen", "Gulmurod Halimov", "--db", empty], ["screen", "--input", garbage, "--db", empty], ["screen", "x", "--limit", "-1"], ["screen", "x", "--schema", "Banana"],
                .. Stores("screen", "Gulmurod Halimov", "--as-of", "2020-01-01"), .. Stores("screen", "Gulmurod Halimov", "--record"),
                ["screen", "x", "--as-of", "soon", "--db", empty], ["screen", "x", "--as-of", "2020-01-01", "--db", empty], ["screen", "x", "--record", "--db", empty],
                ["screen", "--input", garbage, "--record", "--db", empty]],
            ["score-pairs"] = [["score-pairs", "/nonexistent/pairs.csv"], ["score-pairs", garbage], ["score-pairs", garbage, "--threshold", "7"]],
            ["eval"] = [["eval", "--data", "/nonexistent/data"]],
            ["xref"] = [.. Stores("xref"), ["xref", "--accept", "a:1", "b:2", "--db", empty], ["xref", "--reject", "a:1"]],
            ["formats"] = [["formats", "--bogus"]],
            ["subjects"] = [.. Stores("subjects", "import", garbage), .. Stores("subjects", "show", "k1"), .. Stores("subjects", "delete", "k1"),
                ["subjects", "import", garbage, "--db", empty], ["subjects", "import", "/nonexistent/customers.csv", "--db", empty],
                ["subjects", "import", garbage, "--profile", "lenient", "--db", empty], ["subjects", "show", "k1", "--db", empty], ["subjects"]],
            ["alerts"] = [.. Stores("alerts"), .. Stores("alerts", "show", "1"), ["alerts", "--status", "bogus"], ["alerts", "--kind", "bogus"], ["alerts", "--limit", "0"],
                ["alerts", "show", "x"], ["alerts", "show", "999", "--db", empty]],
            ["decide"] = [.. Stores("decide", "1", "--outcome", "false-positive", "--reason", "dob-differs", "--note", "n"),
                ["decide", "1", "--outcome", "maybe", "--reason", "dob-differs", "--note", "n", "--db", empty],
                ["decide", "1", "--outcome", "false-positive", "--reason", "dob-differs", "--note", " ", "--db", empty],
                ["decide", "1", "--outcome", "false-positive", "--reason", "dob-differs", "--db", empty],
                ["decide", "1", "--outcome", "false-positive", "--reason", "dob-differs", "--note", "n", "--expires", "2001-01-01", "--db", empty],
                ["decide", "999", "--outcome", "false-positive", "--reason", "dob-differs", "--note", "n", "--db", empty],
                ["decide", "1", "--outcome", "false-positive", "--reason", "dob-differs", "--note", "n", "--four-eyes", "sometimes", "--db", empty]],
            ["accept-list"] = [.. Stores("accept-list"), ["accept-list", "--export", Path.Combine(_folder, "no-such-folder", "a.csv"), "--db", empty]],
            ["decisions"] = [.. Stores("decisions", "revoke", "1", "--reason", "r"), .. Stores("decisions", "show", "1"), ["decisions", "revoke", "1", "--db", empty],
                ["decisions", "revoke", "999", "--reason", "r", "--db", empty], ["decisions", "show", "0", "--db", empty], ["decisions"],
                .. Stores("decisions", "approve", "1"), ["decisions", "approve", "999", "--db", empty], ["decisions", "reject", "999", "--db", empty],
                ["decisions", "reject", "999", "--reason", "r", "--db", empty]],
            ["keys"] = [.. Stores("keys", "list"), .. Stores("keys", "create", "--role", "analyst", "--name", "n"), ["keys", "create", "--role", "boss", "--name", "n", "--db", empty],
                ["keys", "create", "--role", "analyst", "--db", empty], ["keys", "create", "--role", "analyst", "--name", " ", "--db", empty], ["keys", "revoke", "999", "--db", empty], ["keys"]],
            ["users"] = [.. Stores("users", "list"), ["users", "add", "ann", "--role", "analyst", "--password-file", "/nonexistent/password", "--db", empty],
                ["users", "add", "ann", "--role", "analyst", "--password-file", garbage, "--db", empty], ["users", "add", "has space", "--role", "analyst", "--password-file", garbage, "--db", empty],
                ["users", "add", "ann", "--role", "boss", "--password-file", garbage, "--db", empty], ["users", "disable", "nobody", "--db", empty], ["users"]],
            ["monitor"] = [.. Stores("monitor", "status"), .. Stores("monitor", "run"), ["monitor", "run", "--db", empty], ["monitor", "run", "--full", "--bogus"], ["monitor"]],
            ["batch"] = [.. Stores("batch", "submit", garbage), .. Stores("batch", "status"), .. Stores("batch", "results", "1"), .. Stores("batch", "cancel", "1"), .. Stores("batch", "work"),
                ["batch", "submit", garbage, "--db", empty], ["batch", "submit", "/nonexistent/rows.csv", "--db", empty], ["batch", "submit", garbage, "--chunk-rows", "0", "--db", empty],
                ["batch", "status", "abc", "--db", empty], ["batch", "status", "7", "--db", empty], ["batch", "results", "7", "--db", empty],
                ["batch", "results", "7", "--output", "out.pdf", "--db", empty], ["batch", "cancel", "-1", "--db", empty], ["batch", "cancel", "7", "--db", empty],
                ["batch", "work", "--lease-seconds", "0", "--db", empty], ["batch"]],
            ["audit"] = [.. Stores("audit", "verify"), .. Stores("audit", "checkpoint", "--audit-key", auditKey), .. Stores("audit", "export"), .. Stores("audit", "key", "--audit-key", auditKey),
                .. Stores("audit", "prove", "--subject", "k1", "--at", "2025-01-01", "--output", bundle, "--audit-key", auditKey),
                ["audit", "verify", "--db", empty], ["audit", "verify", "--key", "/nonexistent/public.pem", "--db", empty], ["audit", "verify", "--key", garbage, "--db", empty],
                ["audit", "verify", "--checkpoint", garbage, "--audit-key", auditKey, "--db", empty], ["audit", "checkpoint", "--audit-key", garbage, "--db", empty],
                ["audit", "prove", "--subject", "k1", "--at", "soon", "--output", bundle, "--audit-key", auditKey, "--db", empty],
                ["audit", "prove", "--subject", "nobody", "--at", "2025-01-01", "--output", bundle, "--audit-key", auditKey, "--db", empty],
                ["audit", "export", "--format", "pdf", "--db", empty], ["audit", "export", "--format", "xlsx", "--db", empty], ["audit", "export", "--to", "soon", "--db", empty],
                ["audit", "check-proof", garbage, "--key", garbage], ["audit", "check-proof", "/nonexistent/bundle.json", "--key", "/nonexistent/public.pem"], ["audit"]],
            ["retention"] = [.. Stores("retention", "run"), .. Stores("retention", "hold", "k1", "--reason", "court order"), .. Stores("retention", "release", "k1"),
                ["retention", "run", "--evidence-years", "0", "--db", empty], ["retention", "release", "k9", "--db", empty], ["retention", "hold", "k1", "--db", empty], ["retention"]],
            ["webhooks"] = [.. Stores("webhooks", "list"), .. Stores("webhooks", "add", "http://127.0.0.1:9/hook", "--events", "all"), .. Stores("webhooks", "deliver"),
                ["webhooks", "add", "ftp://127.0.0.1/hook", "--events", "all", "--db", empty], ["webhooks", "add", "http://127.0.0.1:9/hook", "--events", "alert.deleted", "--db", empty],
                ["webhooks", "add", "http://127.0.0.1:9/hook", "--db", empty], ["webhooks", "remove", "999", "--db", empty], ["webhooks", "test", "999", "--db", empty],
                ["webhooks", "log", "999", "--db", empty], ["webhooks", "log", "x", "--db", empty], ["webhooks", "log", "1", "--limit", "0", "--db", empty], ["webhooks"]],
            ["serve"] = [.. Stores("serve", "--urls", "http://127.0.0.1:0"), ["serve", "--max-list-age", "soon", "--db", empty], ["serve", "--full-rescreen-every", "weekly", "--db", empty], ["serve", "--urls", "not a url", "--db", empty], ["serve", "--four-eyes", "bogus", "--db", empty], ["serve", "--trusted-proxy", "proxy.example", "--db", empty],
                ["serve", "--record-screenings", "--db", Path.Combine(_folder, "missing-recording.db")]],
        };
    }

    [Fact]
    public async Task Every_command_on_bad_input_or_an_unavailable_store_ends_in_one_message_not_a_stack_trace()
    {
        var cases = Cases();
        var help = await Vigil("--help");
        var commands = help.Out.Split('\n').SkipWhile(l => !l.StartsWith("Commands:", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim().Split(' ')[0]).Where(c => c.Length > 0).ToList();
        Assert.NotEmpty(commands);
        Assert.Empty(commands.Except(cases.Keys));

        var failures = new List<string>();
        foreach (var args in cases.Values.SelectMany(c => c))
        {
            var (exit, output, error) = await Vigil(args);
            var all = output + error;
            if (exit == 0 || exit > 5 || all.Contains("Unhandled exception", StringComparison.Ordinal)
                || all.Split('\n').Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && l.Contains(" in ", StringComparison.Ordinal) || l.StartsWith("   at ", StringComparison.Ordinal))
                || !error.StartsWith("vigil", StringComparison.Ordinal))
            {
                failures.Add($"vigil {string.Join(' ', args)} -> exit {exit}\n{all}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n---\n", failures));
    }

    private static async Task<(int Exit, string Out, string Error)> Vigil(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "vigil.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["VIGIL_DB"] = null;
        start.Environment["VIGIL_API_KEYS"] = null;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await output, $"timed out after 60 s: {await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
