using Vigil.Cli;

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
            var (exit, _, error) = new CliRunner().Run("serve", "--urls", "http://0.0.0.0:18090");

            Assert.Equal(VigilCommand.BadInput, exit);
            Assert.Contains("without an API key", error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("VIGIL_API_KEYS", previous);
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
