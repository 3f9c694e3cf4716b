namespace Vigil.Tests.Webhooks;

/// <summary>The system clock moved forward by hand, so a retry schedule of hours runs in a test's seconds.</summary>
internal sealed class SettableClock : TimeProvider
{
    private TimeSpan _ahead;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _ahead;

    public void Advance(TimeSpan by) => _ahead += by;
}
