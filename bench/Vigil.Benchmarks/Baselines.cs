using System.Text;
using AnyAscii;
using F23.StringSimilarity;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Vigil.Matching.Screening;

namespace Vigil.Benchmarks;

/// <summary>The one simple normalisation both baselines share, so neither is handicapped by case, script or word order.</summary>
internal static class BaselineText
{
    /// <summary>
    /// Lower case, AnyAscii romanisation, split on anything but letters and digits, tokens sorted. Sorting makes
    /// "KHALIMOV, Gulmurod" and "Gulmurod Khalimov" the same string: without it Jaro-Winkler, which reads left to
    /// right, would count every reordered name (most of yente's treated rows, half the lists' surname-first
    /// spellings) as a miss, and the baseline would lose on word order rather than on spelling.
    /// </summary>
    public static string Normalize(string name)
    {
        var tokens = Tokens(name.Transliterate().ToLowerInvariant());
        tokens.Sort(StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }
        return tokens;
    }

    /// <summary>Each subject's distinct texts under <paramref name="normalize"/>, as (subject ordinal, text) pairs.</summary>
    public static List<(int Subject, string Text)> DistinctNames(IReadOnlyList<ScreeningSubject> subjects, Func<string, string> normalize)
    {
        var names = new List<(int, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < subjects.Count; s++)
        {
            seen.Clear();
            foreach (var name in subjects[s].Names)
            {
                var text = normalize(name.Text);
                if (text.Length > 0 && seen.Add(text))
                {
                    names.Add((s, text));
                }
            }
        }
        return names;
    }

    /// <summary>The best <paramref name="limit"/> subjects by score, best first; ties to the earlier subject.</summary>
    public static List<int> Top(double[] bestBySubject, int limit)
    {
        var top = new List<int>(limit + 1);
        for (var s = 0; s < bestBySubject.Length; s++)
        {
            var score = bestBySubject[s];
            if (score <= 0 || (top.Count == limit && score <= bestBySubject[top[^1]]))
            {
                continue;
            }
            var at = top.Count;
            while (at > 0 && bestBySubject[top[at - 1]] < score)
            {
                at--;
            }
            top.Insert(at, s);
            if (top.Count > limit)
            {
                top.RemoveAt(limit);
            }
        }
        return top;
    }
}

/// <summary>
/// Baseline without an index: F23.StringSimilarity's Jaro-Winkler between the normalised query and every normalised
/// listed name, each subject scored by its best name.
/// </summary>
internal sealed class BruteForceJaroWinkler
{
    private readonly JaroWinkler _similarity = new();
    private readonly IReadOnlyList<ScreeningSubject> _subjects;
    private readonly string[] _names;
    private readonly int[] _subjectOf;
    // One query at a time (the harness is single-threaded), so one buffer serves every search.
    private readonly double[] _best;

    public BruteForceJaroWinkler(IReadOnlyList<ScreeningSubject> subjects)
    {
        _subjects = subjects;
        var names = BaselineText.DistinctNames(subjects, BaselineText.Normalize);
        _names = names.Select(n => n.Text).ToArray();
        _subjectOf = names.Select(n => n.Subject).ToArray();
        _best = new double[subjects.Count];
    }

    public int NameCount => _names.Length;

    /// <summary>Ids of the best <paramref name="limit"/> subjects, best first.</summary>
    public List<string> Search(string query, int limit)
    {
        var q = BaselineText.Normalize(query);
        Array.Clear(_best);
        if (q.Length > 0)
        {
            for (var i = 0; i < _names.Length; i++)
            {
                var score = _similarity.Similarity(q, _names[i]);
                ref var best = ref _best[_subjectOf[i]];
                if (score > best)
                {
                    best = score;
                }
            }
        }
        return BaselineText.Top(_best, limit).ConvertAll(s => _subjects[s].Id);
    }
}

/// <summary>
/// Baseline with a general-purpose search engine: a Lucene.NET index in memory, one document per distinct romanised
/// name of a subject, searched with a fuzzy term query (two edits, no fixed prefix) per query token.
/// </summary>
internal sealed class LuceneFuzzyIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string NameField = "name";
    private const string SubjectField = "subject";
    // Documents are names, several per subject: enough of them to fill the result list with distinct subjects.
    private const int DocumentsPerResult = 5;

    private readonly IReadOnlyList<ScreeningSubject> _subjects;
    private readonly RAMDirectory _directory = new();
    // No stop words: "of", "and" and "the" are part of organisation names, and Vigil drops none either.
    private readonly Analyzer _analyzer = new StandardAnalyzer(Version, CharArraySet.Empty);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly NumericDocValues _subjectOf;

    public LuceneFuzzyIndex(IReadOnlyList<ScreeningSubject> subjects)
    {
        _subjects = subjects;
        var names = BaselineText.DistinctNames(subjects, Romanize);
        NameCount = names.Count;
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 256 }))
        {
            var name = new TextField(NameField, "", Field.Store.NO);
            // A doc value, not a stored field: reading it is an array lookup, so the search is timed, not the
            // decompression of stored documents.
            var subject = new NumericDocValuesField(SubjectField, 0);
            var document = new Document { name, subject };
            foreach (var (s, text) in names)
            {
                name.SetStringValue(text);
                subject.SetInt64Value(s);
                writer.AddDocument(document);
            }
            // A static index is searched most cheaply as one segment; merging is part of its build.
            writer.ForceMerge(1);
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
        _subjectOf = MultiDocValues.GetNumericValues(_reader, SubjectField);
    }

    public int NameCount { get; }

    /// <summary>Ids of the best <paramref name="limit"/> subjects, best first.</summary>
    public List<string> Search(string query, int limit)
    {
        var boolean = new BooleanQuery();
        foreach (var token in Tokens(Romanize(query)))
        {
            boolean.Add(new FuzzyQuery(new Term(NameField, token), maxEdits: 2, prefixLength: 0), Occur.SHOULD);
        }
        var ids = new List<string>(limit);
        if (boolean.Clauses.Count == 0)
        {
            return ids;
        }
        var seen = new HashSet<long>();
        foreach (var hit in _searcher.Search(boolean, limit * DocumentsPerResult).ScoreDocs)
        {
            var s = _subjectOf.Get(hit.Doc);
            if (seen.Add(s))
            {
                ids.Add(_subjects[(int)s].Id);
                if (ids.Count == limit)
                {
                    break;
                }
            }
        }
        return ids;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private static string Romanize(string name) => name.Transliterate().Trim();

    private List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        using var stream = _analyzer.GetTokenStream(NameField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }
        stream.End();
        return tokens;
    }
}
