using System.Diagnostics;
using Vigil.Cli;
using Vigil.Core.Storage;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil serve</c> refuses unsafe or malformed settings before it listens.</summary>
public class ServeCommandTests
{
    [Fact]
    public void Serve_without_an_API_key_refuses_a_non_loopback_address_with_exit_code_2()
    {
        var previous = Environment.GetEnvironmentVariable("VIGIL_API_KEYS");
        Environment.SetEnvironmentVariable("VIGIL_API_KEYS", null);
        try
        {
            // The store is asked whether any key or user exists, so the refusal comes once it is open.
            using var cli = new CliRunner();
            Vigil.Core.Storage.VigilStore.Open(cli.Db, Vigil.Core.Storage.StoreAccess.CreateIfMissing);
            var (exit, _, error) = cli.Run("serve", "--urls", "http://0.0.0.0:18090");

            Assert.Equal(VigilCommand.BadInput, exit);
            Assert.Contains("without an API key", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("VIGIL_API_KEYS", previous);
        }
    }

    [Theory]
    [InlineData("http://loopback:18091")]
    [InlineData("http://LOOPBACK:18091")]
    [InlineData("http://127.0.0.1:18091/;http://0.0.0.0:18092")]
    [InlineData("http://[::ffff:127.0.0.1]:18091")]
    public async Task Serve_without_an_API_key_refuses_every_address_Kestrel_would_bind_beyond_loopback(string urls)
    {
        var (exit, error) = await ServeOutOfProcess(["--urls", urls], new Dictionary<string, string?>());

        Assert.True(exit == VigilCommand.BadInput, $"exit {exit}: {error}");
        Assert.StartsWith("vigil: error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_without_an_API_key_refuses_a_Kestrel_endpoint_configured_in_the_environment()
    {
        var (exit, error) = await ServeOutOfProcess(["--urls", "http://127.0.0.1:18093"],
            new Dictionary<string, string?> { ["Kestrel__Endpoints__Http__Url"] = "http://0.0.0.0:18094" });

        Assert.True(exit == VigilCommand.BadInput, $"exit {exit}: {error}");
        Assert.Contains("0.0.0.0:18094", error, StringComparison.Ordinal);
        Assert.Contains("without an API key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_a_keys_file_that_holds_only_comments()
    {
        var keys = Path.Combine(Path.GetTempPath(), $"vigil-keys-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(keys, ["# the analysts' keys go here", ""], TestContext.Current.CancellationToken);
        try
        {
            var (exit, error) = await ServeOutOfProcess(["--keys-file", keys, "--urls", "http://127.0.0.1:18095"], new Dictionary<string, string?>());

            Assert.True(exit == VigilCommand.BadInput, $"exit {exit}: {error}");
            Assert.Contains("holds no key", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keys);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Serve_warns_in_one_line_when_the_keys_file_is_readable_by_other_users_and_not_when_it_is_the_owners_alone()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var keys = Tests.Storage.StoreFactory.NewFilePath("keys", ".txt");
        File.WriteAllLines(keys, ["operator-key-for-warning-test"]);
        // The store is missing, so serve stops with exit 2 right after reading the keys: the warning comes first.
        using var cli = new CliRunner();

        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (_, _, exposed) = cli.Run("serve", "--keys-file", keys);
        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (_, _, ownerOnly) = cli.Run("serve", "--keys-file", keys);

        var warning = Assert.Single(exposed.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal));
        Assert.Contains(keys, warning, StringComparison.Ordinal);
        Assert.Contains("other users", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", ownerOnly, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs <c>vigil serve</c> as its own process over an empty store (so environment variables stay its own) and
    /// returns its exit code and standard error; a server that starts instead of refusing is killed after 20 s and
    /// reported as exit -1.
    /// </summary>
    private static async Task<(int Exit, string Error)> ServeOutOfProcess(string[] args, Dictionary<string, string?> environment)
    {
        var db = Tests.Storage.StoreFactory.NewSqliteSpec();
        VigilStore.Open(db, StoreAccess.CreateIfMissing);
        try
        {
            var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "serve", .. args, "--db", db])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["VIGIL_API_KEYS"] = null;
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                return (-1, await output + await error);
            }
            return (process.ExitCode, await error);
        }
        finally
        {
            foreach (var file in new[] { db, db + "-wal", db + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public void Serve_with_an_unreadable_update_interval_exits_2_naming_the_option()
    {
        var (exit, _, error) = new CliRunner().Run("serve", "--update-every", "often");

        Assert.Equal(VigilCommand.BadInput, exit);
        Assert.Contains("--update-every", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_with_a_missing_keys_file_exits_2_naming_the_file()
    {
        var (exit, _, error) = new CliRunner().Run("serve", "--keys-file", "/nonexistent/keys.txt");

        Assert.Equal(VigilCommand.BadInput, exit);
        Assert.Contains("/nonexistent/keys.txt", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("6h", 6 * 3600)]
    [InlineData("1d", 86400)]
    public void Update_intervals_read_minutes_hours_and_days(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ServeCommand.Interval(text));
    }
}
