using Vigil.Core.Screening;

namespace Vigil.Tests.Screening;

public class ListFreshnessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_list_is_stale_once_older_than_its_source_limit_and_an_override_replaces_the_default()
    {
        var freshness = ListFreshness.Parse(["48h", "us-ofac-sdn=24h"], new FixedClock(Now));
        var snapshots = new[]
        {
            new ScreenedSnapshot("un-sc", 1, null, Now.AddHours(-30)),
            new ScreenedSnapshot("us-ofac-sdn", 2, null, Now.AddHours(-30)),
            new ScreenedSnapshot("eu-fsf", 3, null, Now.AddHours(-49)),
        };

        var ages = freshness.Check(snapshots);

        Assert.Equal([false, true, true], ages.Select(a => a.Stale));
        Assert.Equal([TimeSpan.FromHours(48), TimeSpan.FromHours(24), TimeSpan.FromHours(48)], ages.Select(a => a.MaxAge!.Value));
        Assert.Equal(TimeSpan.FromHours(30), ages[0].Age);
    }

    [Fact]
    public void Without_a_limit_no_list_is_ever_stale()
    {
        var ages = ListFreshness.Unlimited.Check([new ScreenedSnapshot("un-sc", 1, null, DateTimeOffset.UnixEpoch)]);

        Assert.False(Assert.Single(ages).Stale);
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("48h", 48 * 60)]
    [InlineData("2d", 2 * 24 * 60)]
    public void Durations_read_minutes_hours_and_days(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), ListFreshness.Duration(text));

    [Theory]
    [InlineData("48")]
    [InlineData("-1h")]
    [InlineData("0h")]
    [InlineData("two days")]
    [InlineData("=24h")]
    [InlineData("un-sc=soon")]
    public void Settings_that_are_not_durations_are_refused_quoting_them(string setting)
    {
        var e = Assert.Throws<FormatException>(() => ListFreshness.Parse([setting]));

        Assert.Contains('\'', e.Message);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
