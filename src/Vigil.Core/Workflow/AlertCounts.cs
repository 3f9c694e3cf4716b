namespace Vigil.Core.Workflow;

/// <summary>How many alerts a queue holds, by kind and by <see cref="AlertAge"/> (every kind counted, whatever the kind filter).</summary>
public sealed record AlertCounts(int Total, IReadOnlyDictionary<AlertKind, int> ByKind, IReadOnlyDictionary<AlertAge, int> ByAge)
{
    /// <summary>The oldest moment each age bucket starts at, seen from <paramref name="now"/>; <see cref="AlertAge.Older"/> has none.</summary>
    public static DateTimeOffset Since(AlertAge age, DateTimeOffset now) => age switch
    {
        AlertAge.Day => now.AddDays(-1),
        AlertAge.Week => now.AddDays(-7),
        AlertAge.Month => now.AddDays(-30),
        _ => DateTimeOffset.MinValue,
    };
}
