namespace Vigil.Matching.Screening;

/// <summary>
/// Symmetric-delete index over unique tokens (the SymSpell idea): every token is stored under the strings made by
/// deleting up to one letter (two for long tokens); a query token's own deletes then find every indexed token within
/// that edit distance by hash lookups alone, with no need for an equal first letter.
/// </summary>
/// <remarks>
/// Tens of thousands of tokens make millions of deletes. Kept as strings in a dictionary of lists they cost seconds of
/// allocation and garbage collection, so each delete is kept only as a 64-bit hash beside its token id, in one array
/// sorted by hash. A hash proves nothing by itself: every hit is confirmed by checking that the delete really is the
/// indexed token less one or two letters, so the answer is exactly that of the plain string sets.
/// </remarks>
public sealed class SymSpellIndex
{
    private const int LongToken = 8;
    private const int MinimumDeleteLength = 4;
    private const int StackLimit = 128;

    // Hashes are bucketed by their top 16 bits.
    private const int BucketShift = 48;

    private readonly List<string> _tokens = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Lock _sealing = new();
    private DeleteTable? _table;

    /// <summary>Adds a token once; returns its id.</summary>
    public int Add(string token)
    {
        if (_ids.TryGetValue(token, out var id))
        {
            return id;
        }
        id = _tokens.Count;
        _tokens.Add(token);
        _ids[token] = id;
        _table = null;
        return id;
    }

    public string Token(int id) => _tokens[id];

    /// <summary>The id of an indexed token, or null.</summary>
    public int? IdOf(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    public int Count => _tokens.Count;

    /// <summary>Builds the delete table now, across cores, rather than on the first search.</summary>
    public void Seal() => Table();

    /// <summary>Ids of indexed tokens within the delete distance of <paramref name="token"/> (the token itself included if indexed).</summary>
    public IEnumerable<int> Near(string token)
    {
        var found = new List<int>();
        Near(token, found, []);
        return found;
    }

    /// <summary>
    /// As <see cref="Near(string)"/>, written into <paramref name="found"/>, with <paramref name="seen"/> as working
    /// space: a search calls this for every query token and keeps both to reuse. The order of the ids is unspecified.
    /// </summary>
    internal void Near(string token, List<int> found, HashSet<int> seen)
    {
        found.Clear();
        seen.Clear();
        var table = Table();
        if (_ids.TryGetValue(token, out var self) && seen.Add(self))
        {
            found.Add(self);
        }
        var n = token.Length;
        if (n < MinimumDeleteLength)
        {
            return;
        }
        // The token's deletes as hashes, each beside the gaps that made it: no delete is written out unless its
        // hash is in the table. Sorted, a delete that two gaps make alike (either m of "muhammad") is probed once,
        // and the probes walk the table in order.
        var count = DeleteCount(n);
        Span<ulong> hashes = count <= DeleteStackLimit ? stackalloc ulong[count] : new ulong[count];
        Span<int> gaps = count <= DeleteStackLimit ? stackalloc int[count] : new int[count];
        WriteDeletes(token, hashes, gaps);
        hashes.Sort(gaps);
        Span<char> buffer = n <= StackLimit ? stackalloc char[n] : new char[n];
        Span<char> other = n <= StackLimit ? stackalloc char[n] : new char[n];
        for (var p = 0; p < hashes.Length; p++)
        {
            // Equal hashes are nearly always equal deletes; a true collision of two different ones is probed too.
            if (p > 0 && hashes[p] == hashes[p - 1] && Delete(token, gaps[p], buffer).SequenceEqual(Delete(token, gaps[p - 1], other)))
            {
                continue;
            }
            Probe(table, hashes[p], token, gaps[p], buffer, seen, found);
        }
    }

    // The positions of up to two deleted letters in one int: the first in the high half, the second in the low, -1
    // for none. Positions stay under 32,768, far beyond any token of a name.
    private static int Gaps(int first, int second) => (first << 16) | (second & 0xFFFF);

    private void Probe(DeleteTable table, ulong hash, string token, int gaps, Span<char> buffer, HashSet<int> seen, List<int> found)
    {
        var keys = table.Hashes;
        // The hash's top bits name the stretch of the sorted table it can lie in: a search of a few dozen entries
        // instead of millions, so a few cache misses instead of twenty.
        var bucket = (int)(hash >> BucketShift);
        var from = table.Buckets[bucket];
        var at = Array.BinarySearch(keys, from, table.Buckets[bucket + 1] - from, hash);
        if (at < 0)
        {
            return;
        }
        // Equal hashes sit together; the search may land anywhere in the run.
        while (at > from && keys[at - 1] == hash)
        {
            at--;
        }
        // A hash proves nothing by itself: the delete is written out now, to confirm each hit against its token.
        var delete = Delete(token, gaps, buffer);
        for (; at < keys.Length && keys[at] == hash; at++)
        {
            var id = table.Ids[at];
            if (!seen.Contains(id) && IsDeleteOf(delete, _tokens[id]))
            {
                seen.Add(id);
                found.Add(id);
            }
        }
    }

    // The token less the letters at the gaps (see Gaps).
    private static ReadOnlySpan<char> Delete(string token, int gaps, Span<char> buffer)
    {
        var first = gaps >> 16;
        var second = (int)(short)(gaps & 0xFFFF);
        var length = 0;
        for (var i = 0; i < token.Length; i++)
        {
            if (i != first && i != second)
            {
                buffer[length++] = token[i];
            }
        }
        return buffer[..length];
    }

    /// <summary>True when <paramref name="delete"/> is <paramref name="token"/> less as many letters as the index deletes from it.</summary>
    private static bool IsDeleteOf(ReadOnlySpan<char> delete, string token)
    {
        var missing = token.Length - delete.Length;
        if (missing < 0 || missing > (token.Length >= LongToken ? 2 : 1))
        {
            return false;
        }
        var d = 0;
        for (var t = 0; t < token.Length && d < delete.Length; t++)
        {
            if (token[t] == delete[d])
            {
                d++;
            }
        }
        return d == delete.Length;
    }

    private const ulong FnvOffset = 14695981039346656037UL;

    // FNV-1a over the UTF-16 code units: fixed (unlike string hash codes, which vary by process) and cheap on short keys.
    private static ulong Hash(ReadOnlySpan<char> text) => Continue(FnvOffset, text);

    private static ulong Continue(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }
        return hash;
    }

    private static ulong Step(ulong hash, char c) => (hash ^ c) * 1099511628211UL;

    private DeleteTable Table()
    {
        var table = _table;
        if (table is not null)
        {
            return table;
        }
        lock (_sealing)
        {
            return _table ??= Build(_tokens);
        }
    }

    /// <summary>Every token's distinct delete hashes, paired with its id and sorted by hash.</summary>
    private static DeleteTable Build(List<string> tokens)
    {
        var perToken = new ulong[tokens.Count][];
        Parallel.For(0, tokens.Count, id => perToken[id] = DeleteHashes(tokens[id]));
        var total = 0L;
        foreach (var hashes in perToken)
        {
            total += hashes.Length;
        }
        // Partition by the top byte of the hash, then sort each partition on its own core.
        const int Partitions = 256;
        var starts = new int[Partitions + 1];
        foreach (var hashes in perToken)
        {
            foreach (var h in hashes)
            {
                starts[(int)(h >> 56) + 1]++;
            }
        }
        for (var p = 0; p < Partitions; p++)
        {
            starts[p + 1] += starts[p];
        }
        var keys = new ulong[total];
        var ids = new int[total];
        var next = starts.AsSpan(0, Partitions).ToArray();
        for (var id = 0; id < perToken.Length; id++)
        {
            foreach (var h in perToken[id])
            {
                var at = next[(int)(h >> 56)]++;
                keys[at] = h;
                ids[at] = id;
            }
        }
        Parallel.For(0, Partitions, p => Array.Sort(keys, ids, starts[p], starts[p + 1] - starts[p]));
        var buckets = new int[(1 << (64 - BucketShift)) + 1];
        var k = 0;
        for (var b = 0; b < buckets.Length; b++)
        {
            while (k < keys.Length && (int)(keys[k] >> BucketShift) < b)
            {
                k++;
            }
            buckets[b] = k;
        }
        return new DeleteTable(keys, ids, buckets);
    }

    /// <summary>The distinct hashes of the token and every string one deletion away, and two deletions away for long tokens.</summary>
    private static ulong[] DeleteHashes(string token)
    {
        var n = token.Length;
        if (n < MinimumDeleteLength)
        {
            return [];
        }
        var count = DeleteCount(n);
        Span<ulong> hashes = count <= DeleteStackLimit ? stackalloc ulong[count] : new ulong[count];
        Span<int> gaps = count <= DeleteStackLimit ? stackalloc int[count] : new int[count];
        WriteDeletes(token, hashes, gaps);
        hashes.Sort();
        var distinct = 0;
        for (var d = 0; d < hashes.Length; d++)
        {
            if (d == 0 || hashes[d] != hashes[d - 1])
            {
                hashes[distinct++] = hashes[d];
            }
        }
        return hashes[..distinct].ToArray();
    }

    // The token itself, every single deletion and, for a long token, every double one.
    private static int DeleteCount(int n) => 1 + n + (n >= LongToken ? n * (n - 1) / 2 : 0);

    // Past this many deletes (a token of about 45 letters) the working space goes on the heap.
    private const int DeleteStackLimit = 1024;

    /// <summary>
    /// The hashes of the token and of its deletes (see <see cref="DeleteCount"/>), each beside the gaps that made it,
    /// in the same order for the index and a search.
    /// </summary>
    /// <remarks>
    /// FNV-1a runs left to right, so the hash of a string with letters left out is the running hash of the letters
    /// before the gap carried on over the rest: no delete is ever written out, and the hashes equal those of the
    /// strings themselves.
    /// </remarks>
    private static void WriteDeletes(string token, Span<ulong> hashes, Span<int> gaps)
    {
        var n = token.Length;
        var k = 0;
        hashes[k] = Hash(token);
        gaps[k++] = Gaps(-1, -1);
        // The running hash of token[..i], then of token[..i] + token[(i + 1)..j] for the second gap at j.
        var before = FnvOffset;
        for (var i = 0; i < n; i++)
        {
            hashes[k] = Continue(before, token.AsSpan(i + 1));
            gaps[k++] = Gaps(i, -1);
            if (n >= LongToken)
            {
                var between = before;
                for (var j = i + 1; j < n; j++)
                {
                    hashes[k] = Continue(between, token.AsSpan(j + 1));
                    gaps[k++] = Gaps(i, j);
                    between = Step(between, token[j]);
                }
            }
            before = Step(before, token[i]);
        }
    }

    /// <summary>Delete hashes sorted, the token id of each, and where each run of equal top bits starts.</summary>
    private sealed record DeleteTable(ulong[] Hashes, int[] Ids, int[] Buckets);
}
