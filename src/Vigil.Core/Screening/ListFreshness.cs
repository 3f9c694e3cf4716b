using System.Globalization;

namespace Vigil.Core.Screening;

/// <summary>
/// How old a list may be before an answer screened against it can no longer be trusted: one maximum age for every
/// source, with overrides per source (<c>48h</c>, <c>us-ofac-sdn=24h</c>). A list's age counts from the import of
/// its latest snapshot: the store records no per-source "checked and unchanged" time (update checks are kept per
/// download address, and a quarantined download updates them too), so the import is the last moment Vigil knows
/// the list was current. An unchanged list re-imported does not renew it; that errs towards calling a list stale,
/// never towards an all-clear on old data.
/// </summary>
public sealed class ListFreshness
{
    private readonly TimeProvider _clock;

    public ListFreshness(TimeSpan? maxAge, IReadOnlyDictionary<string, TimeSpan> perSource, TimeProvider? clock = null)
    {
        DefaultMaxAge = maxAge;
        PerSource = perSource;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>No maximum age: no list is ever stale.</summary>
    public static ListFreshness Unlimited { get; } = new(null, new Dictionary<string, TimeSpan>());

    /// <summary>The maximum age of a source without an override of its own; null: no limit.</summary>
    public TimeSpan? DefaultMaxAge { get; }

    public IReadOnlyDictionary<string, TimeSpan> PerSource { get; }

    /// <summary>Whether any limit is set at all.</summary>
    public bool Limited => DefaultMaxAge is not null || PerSource.Count > 0;

    public TimeSpan? MaxAge(string source) => PerSource.TryGetValue(source, out var age) ? age : DefaultMaxAge;

    /// <summary>Each snapshot's age now against its source's limit, in the snapshots' order.</summary>
    public IReadOnlyList<ListAge> Check(IReadOnlyList<ScreenedSnapshot> snapshots)
    {
        var now = _clock.GetUtcNow();
        return snapshots.Select(s => new ListAge(s, now - s.ImportedAt, MaxAge(s.Source))).ToList();
    }

    /// <summary>
    /// Reads the settings as given on the command line: a duration for every source, or <c>SOURCE=DURATION</c> for
    /// one; a later setting for the same source replaces an earlier one.
    /// </summary>
    /// <exception cref="FormatException">A setting that is not a duration or a <c>SOURCE=DURATION</c> pair.</exception>
    public static ListFreshness Parse(IEnumerable<string> settings, TimeProvider? clock = null)
    {
        TimeSpan? all = null;
        var perSource = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            var split = setting.Split('=', 2, StringSplitOptions.TrimEntries);
            if (split.Length == 2)
            {
                if (split[0].Length == 0)
                {
                    throw new FormatException($"'{setting}' names no source before '='; use a duration such as 48h or SOURCE=24h");
                }
                perSource[split[0]] = Duration(split[1]);
            }
            else
            {
                all = Duration(setting);
            }
        }
        return new ListFreshness(all, perSource, clock);
    }

    /// <summary>A positive duration written as minutes, hours or days: <c>30m</c>, <c>48h</c>, <c>2d</c>.</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static TimeSpan Duration(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length > 1 && int.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (t[^1])
            {
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        throw new FormatException($"'{text}' is not a duration such as 30m, 48h or 2d");
    }
}
