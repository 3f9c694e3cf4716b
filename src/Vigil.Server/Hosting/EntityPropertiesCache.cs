using System.Collections.Concurrent;
using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// The listed properties and listing times of the entities <c>/match</c> returns, read from the store once per index: the same few
/// entities come back for many queries, and each read is a connection and two SQL queries. One cache belongs to one
/// <see cref="LoadedCorpus"/>, so it is dropped with the index it was filled under and a new snapshot is never hidden
/// behind it. Bounded, so that queries spread over the whole list cannot grow it past a fixed size.
/// </summary>
internal sealed class EntityPropertiesCache(int capacity)
{
    private readonly ConcurrentDictionary<string, LatestEntity> _entries = new(StringComparer.Ordinal);

    // ConcurrentDictionary.Count takes every lock; a separate counter keeps the bound check off the hot path. Racing
    // adds may pass the bound by at most the number of request threads.
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The entity's properties and listing times from the cache, else from <paramref name="read"/> (given its referents), kept while there is room.</summary>
    public LatestEntity GetOrRead(
        ScreenedEntity entity, Func<IReadOnlyList<string>, LatestEntity> read)
    {
        if (_entries.TryGetValue(entity.Id, out var cached))
        {
            return cached;
        }
        var properties = read(entity.Referents);
        if (Volatile.Read(ref _count) < capacity && _entries.TryAdd(entity.Id, properties))
        {
            Interlocked.Increment(ref _count);
        }
        return properties;
    }
}
