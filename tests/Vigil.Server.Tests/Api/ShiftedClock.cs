namespace Vigil.Server.Tests.Api;

/// <summary>The system clock moved by a fixed offset: lists imported now look as old as the offset.</summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
