namespace Vigil.Core.Screening;

/// <summary>A list snapshot in use, how long ago it was imported, and the most its source may be (null: no limit).</summary>
public sealed record ListAge(ScreenedSnapshot Snapshot, TimeSpan Age, TimeSpan? MaxAge)
{
    /// <summary>Older than its source may be: answers screened against it are not to be trusted as current.</summary>
    public bool Stale => MaxAge is { } max && Age > max;
}
