using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vigil.Matching.Screening;

namespace Vigil.Tests.Matching;

/// <summary>The hashed symmetric-delete index against the plain one it replaces: string delete sets in a dictionary.</summary>
public class SymSpellIndexTests
{
    // Few letters, so generated tokens often lie within a delete or two of each other.
    private static Gen<string> Token =>
        Gen.Choose(0, 11).SelectMany(n => Gen.ArrayOf(Gen.Elements("abdehikmnorsu".ToCharArray()), n)).Select(c => new string(c));

    [Property(MaxTest = 200)]
    public Property Near_finds_exactly_the_tokens_the_plain_delete_sets_find() =>
        Prop.ForAll(Gen.ArrayOf(Token, 60).ToArbitrary(), Gen.ArrayOf(Token, 10).ToArbitrary(), (indexed, queries) =>
        {
            var index = new SymSpellIndex();
            var plain = new PlainSymSpellIndex();
            foreach (var token in indexed)
            {
                Assert.Equal(plain.Add(token), index.Add(token));
            }
            index.Seal();
            var wrong = queries.Concat(indexed.Take(10))
                .Where(q => !index.Near(q).ToHashSet().SetEquals(plain.Near(q)))
                .ToList();
            return (wrong.Count == 0).Label("differs for: " + string.Join(", ", wrong));
        });

    [Fact]
    public void A_token_added_after_a_search_is_found_by_the_next_search()
    {
        var index = new SymSpellIndex();
        index.Add("khalimov");
        Assert.Empty(index.Near("gulmurod"));
        var id = index.Add("gulmurot");
        Assert.Equal([id], index.Near("gulmurod"));
    }

    [Fact]
    public void A_long_token_two_letters_short_is_near_and_three_letters_short_is_not()
    {
        var index = new SymSpellIndex();
        var id = index.Add("abdulrahman");
        Assert.Equal([id], index.Near("abdrahman"));
        Assert.Empty(index.Near("abdahman"));
    }

    /// <summary>Every delete kept as a string in a dictionary of lists: obviously right, and slow to build on a large corpus.</summary>
    private sealed class PlainSymSpellIndex
    {
        private readonly Dictionary<string, List<int>> _deletes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public int Add(string token)
        {
            if (_ids.TryGetValue(token, out var id))
            {
                return id;
            }
            id = _ids.Count;
            _ids[token] = id;
            if (token.Length >= 4)
            {
                foreach (var d in Deletes(token))
                {
                    if (!_deletes.TryGetValue(d, out var list))
                    {
                        _deletes[d] = list = [];
                    }
                    list.Add(id);
                }
            }
            return id;
        }

        public HashSet<int> Near(string token)
        {
            var found = new HashSet<int>();
            if (_ids.TryGetValue(token, out var self))
            {
                found.Add(self);
            }
            if (token.Length >= 4)
            {
                foreach (var d in Deletes(token))
                {
                    found.UnionWith(_deletes.GetValueOrDefault(d) ?? []);
                }
            }
            return found;
        }

        private static HashSet<string> Deletes(string token)
        {
            var result = new HashSet<string>(StringComparer.Ordinal) { token };
            for (var i = 0; i < token.Length; i++)
            {
                var once = token.Remove(i, 1);
                result.Add(once);
                if (token.Length >= 8)
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
}
