using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Vigil.Core.Screening;
using Vigil.Matching;

namespace Vigil.Server.Api;

/// <summary>
/// Every word of every name in a corpus, sorted, so entity suggest can answer what a person is still typing
/// ("khalim" finds Gulmurod Khalimov) as a prefix search, which fuzzy screening of a half-typed word cannot. Built
/// once per corpus on first use; a swapped-in corpus gets its own.
/// </summary>
internal sealed class EntityNamePrefixes
{
    private static readonly ConditionalWeakTable<ScreeningCorpus, EntityNamePrefixes> Built = new();

    private readonly List<(string EntityId, PartyKind Kind, string Text, string[] Words)> _names = [];
    private readonly (string Word, int Name)[] _words;

    private EntityNamePrefixes(ScreeningCorpus corpus)
    {
        var words = new List<(string, int)>();
        foreach (var subject in corpus.Index.Subjects)
        {
            foreach (var name in subject.Names.Where(n => !n.Weak))
            {
                var split = Words(name.Text);
                if (split.Length == 0)
                {
                    continue;
                }
                words.AddRange(split.Distinct(StringComparer.Ordinal).Select(w => (w, _names.Count)));
                _names.Add((subject.Id, subject.Kind, name.Text, split));
            }
        }
        _words = [.. words.OrderBy(w => w.Item1, StringComparer.Ordinal).ThenBy(w => w.Item2)];
    }

    public static EntityNamePrefixes Of(ScreeningCorpus corpus) => Built.GetValue(corpus, c => new EntityNamePrefixes(c));

    /// <summary>
    /// The entities with a name in which every typed word starts a word, each once with its best such name: names
    /// that start as typed first, then shorter names; <paramref name="kind"/> Unknown takes every kind.
    /// </summary>
    public IEnumerable<(string EntityId, string Name)> Find(string prefix, PartyKind kind)
    {
        var typed = Words(prefix);
        if (typed.Length == 0)
        {
            return [];
        }
        // The longest typed word has the fewest names to check.
        var key = typed.MaxBy(w => w.Length)!;
        var matches = new List<(int Name, bool StartsAsTyped)>();
        for (var i = LowerBound(key); i < _words.Length && _words[i].Word.StartsWith(key, StringComparison.Ordinal); i++)
        {
            var name = _names[_words[i].Name];
            if ((kind == PartyKind.Unknown || name.Kind == kind) && typed.All(t => name.Words.Any(w => w.StartsWith(t, StringComparison.Ordinal))))
            {
                var startsAsTyped = typed.Length <= name.Words.Length && typed.Select((t, j) => name.Words[j].StartsWith(t, StringComparison.Ordinal)).All(b => b);
                matches.Add((_words[i].Name, startsAsTyped));
            }
        }
        return matches
            .OrderByDescending(m => m.StartsAsTyped)
            .ThenBy(m => _names[m.Name].Text.Length)
            .ThenBy(m => _names[m.Name].EntityId, StringComparer.Ordinal)
            .Select(m => (_names[m.Name].EntityId, _names[m.Name].Text))
            .DistinctBy(m => m.EntityId);
    }

    private int LowerBound(string key)
    {
        int low = 0, high = _words.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(_words[mid].Word, key) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /// <summary>A name's words, lower case without accents, split at anything not a letter or digit.</summary>
    private static string[] Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
