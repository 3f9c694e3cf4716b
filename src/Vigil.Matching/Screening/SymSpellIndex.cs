namespace Vigil.Matching.Screening;

/// <summary>
/// Symmetric-delete index over unique tokens (the SymSpell idea): every token is stored under the strings made by
/// deleting up to one letter (two for long tokens); a query token's own deletes then find every indexed token within
/// that edit distance by hash lookups alone, with no need for an equal first letter.
/// </summary>
public sealed class SymSpellIndex
{
    private const int LongToken = 8;

    private readonly Dictionary<string, List<int>> _deletes = new(StringComparer.Ordinal);
    private readonly List<string> _tokens = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

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
        if (token.Length >= 4)
        {
            foreach (var d in Deletes(token))
            {
                if (!_deletes.TryGetValue(d, out var list))
                {
                    _deletes[d] = list = [];
                }
                if (list.Count == 0 || list[^1] != id)
                {
                    list.Add(id);
                }
            }
        }
        return id;
    }

    public string Token(int id) => _tokens[id];

    /// <summary>The id of an indexed token, or null.</summary>
    public int? IdOf(string token) => _ids.TryGetValue(token, out var id) ? id : null;

    public int Count => _tokens.Count;

    /// <summary>Ids of indexed tokens within the delete distance of <paramref name="token"/> (the token itself included if indexed).</summary>
    public IEnumerable<int> Near(string token)
    {
        var seen = new HashSet<int>();
        if (_ids.TryGetValue(token, out var self) && seen.Add(self))
        {
            yield return self;
        }
        if (token.Length < 4)
        {
            yield break;
        }
        foreach (var d in Deletes(token))
        {
            if (_deletes.TryGetValue(d, out var list))
            {
                foreach (var id in list)
                {
                    if (seen.Add(id))
                    {
                        yield return id;
                    }
                }
            }
        }
    }

    /// <summary>The token and every string one deletion away, and two deletions away for long tokens.</summary>
    private static HashSet<string> Deletes(string token)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { token };
        for (var i = 0; i < token.Length; i++)
        {
            var once = token.Remove(i, 1);
            result.Add(once);
            if (token.Length >= LongToken)
            {
                for (var j = i; j < once.Length; j++)
                {
                    result.Add(once.Remove(j, 1));
                }
            }
        }
        return result;
    }
}
