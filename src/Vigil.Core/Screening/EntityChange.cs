using System.Globalization;
using Vigil.Core.Model;
using Vigil.Core.Storage;

namespace Vigil.Core.Screening;

/// <summary>
/// When an entity last changed, as far as Vigil can tell, and yente's <c>changed_since</c> over it. Vigil keeps no
/// per-record change times: a list that dates its own amendments (the UN's LAST_DAY_UPDATED) says so in
/// <c>modifiedAt</c>; for the others the change time is unknown.
/// </summary>
public static class EntityChange
{
    /// <summary>The latest full date in <c>modifiedAt</c> (midnight UTC); null when no record dates its amendments to the day.</summary>
    public static DateTimeOffset? LastChange(LatestEntity entity) =>
        entity.Properties.GetValueOrDefault(Properties.ModifiedAt) is { } dates
            ? dates.Select(ParseTime).Where(d => d is not null).Max()
            : null;

    /// <summary>
    /// Whether the entity may have changed after <paramref name="since"/>: its last change is later, or, with no
    /// change time, a snapshot holding it was imported later (it may have changed there; leaving it out would hide
    /// an amendment).
    /// </summary>
    public static bool MayHaveChangedSince(LatestEntity entity, DateTimeOffset since) =>
        LastChange(entity) is { } changed ? changed > since : ParseTime(entity.LastSeen) is { } seen && seen > since;

    /// <summary>A full date or date-time (ISO 8601, UTC when no zone is given); null for anything else, a partial date included.</summary>
    public static DateTimeOffset? ParseTime(string? text) =>
        text is { Length: >= 10 } && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
