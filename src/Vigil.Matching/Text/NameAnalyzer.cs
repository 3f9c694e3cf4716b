using System.Text;

namespace Vigil.Matching.Text;

/// <summary>One token of a name, precomputed for comparison: its text, phonetic key, skeleton, spelling class and role.</summary>
public sealed record NameToken(string Text, string Folded, string Skeleton, string? Class, TokenRole Role)
{
    /// <summary>
    /// True when the token was romanised from a script whose vowels are unwritten (Arabic, Hebrew) or romanised
    /// inconsistently (Hangul: Seong/Sung, Jeong/Jong): consonant skeletons then compare.
    /// </summary>
    public bool LooseVowels { get; init; }

    /// <summary>
    /// True when the token is a syllable of a name written in Han or Hangul: each syllable is its own character,
    /// so a syllable one letter off in Latin (ping/peng) is a different character, never a typo.
    /// </summary>
    public bool FromSyllabary { get; init; }

    /// <summary>
    /// The Hangul syllable the token was romanised from, else '\0'. Hangul spells every syllable one way, so two
    /// different syllables are two different name parts even where romanisations fold together (종 jong, 정 jeong).
    /// </summary>
    public char Hangul { get; init; }

    /// <summary>The legal-form class of a legal-form token ("llc"), else null.</summary>
    public string? LegalForm { get; init; }

    /// <summary>Whether the token is a familiar form of some given name (Ted, Sasha): only then is the nickname table read.</summary>
    internal bool Familiar { get; } = NameVocabulary.IsFamiliarForm(Text);

    /// <summary>
    /// The folded and written forms' letter counts, which bound an edit distance before it is worked out: made once
    /// here, as a token meets hundreds of others in a search and most are ruled out by the counts alone.
    /// </summary>
    internal Scoring.WeightedEditDistance.LetterCounts FoldedLetters { get; } = Scoring.WeightedEditDistance.LetterCounts.Of(Folded);

    internal Scoring.WeightedEditDistance.LetterCounts TextLetters { get; } = Scoring.WeightedEditDistance.LetterCounts.Of(Text);

    /// <summary>
    /// The number a search's comparison cache knows the token by: positive once an index shares the token among its
    /// names, negative while it belongs to the query of one search, and 0 for any other token, which is never cached.
    /// A label, not part of the token: equality ignores it.
    /// </summary>
    internal int Id { get; set; }

    // Written out so that the Id stays out of equality; every other property takes part (Familiar and the letter counts
    // follow from Text and Folded).
    public bool Equals(NameToken? other) =>
        other is not null && Text == other.Text && Folded == other.Folded && Skeleton == other.Skeleton && Class == other.Class
        && Role == other.Role && LooseVowels == other.LooseVowels && FromSyllabary == other.FromSyllabary && Hangul == other.Hangul
        && LegalForm == other.LegalForm;

    public override int GetHashCode() => HashCode.Combine(Text, Folded, Skeleton, Class, Role, LooseVowels, FromSyllabary, HashCode.Combine(Hangul, LegalForm));

    public override string ToString() => Text;
}

/// <summary>A name as the matcher sees it: one romanisation of it (or of one of its alternates), split into analysed tokens.</summary>
public sealed record AnalyzedName(string Original, string Romanized, string Table, IReadOnlyList<NameToken> Tokens, bool Organization = false)
{
    private WeightCache? _weights;

    /// <summary>
    /// Every run of two or three adjacent tokens written as one (Abdul Rahman → abdulrahman), with the lengths the
    /// runs can match, made with the name and held in it: the scorer asks every candidate name for them, and a
    /// separate object would be one more cache miss each time.
    /// </summary>
    internal JoinedRunSet Joined { get; } = new(BuildJoinedRuns(Tokens, Organization));

    /// <summary>The lengths of <see cref="Tokens"/> a joined run on the other side could match; see <see cref="JoinedRunSet"/>.</summary>
    internal TokenLengths TokenLengths { get; } = TokenLengths.Of(Tokens);

    private static (int, int, NameToken)[] BuildJoinedRuns(IReadOnlyList<NameToken> tokens, bool organization)
    {
        if (tokens.Count < 2)
        {
            return [];
        }
        var runs = new List<(int, int, NameToken)>();
        Span<char> initials = stackalloc char[3];
        for (var run = 2; run <= 3; run++)
        {
            for (var i = 0; i + run <= tokens.Count; i++)
            {
                var joinable = true;
                var words = true;
                var length = 0;
                for (var k = i; k < i + run; k++)
                {
                    // Only words split by a space are joined back; a series number, legal form or initial is never half a word.
                    joinable &= tokens[k].Role is not (TokenRole.Number or TokenRole.LegalForm or TokenRole.Initial);
                    words &= tokens[k].Role is TokenRole.Word or TokenRole.Generic;
                    length += tokens[k].Text.Length;
                }
                if (!joinable)
                {
                    continue;
                }
                var text = string.Create(length, (tokens, i, run), static (chars, state) =>
                {
                    for (var k = state.i; k < state.i + state.run; k++)
                    {
                        state.tokens[k].Text.CopyTo(chars);
                        chars = chars[state.tokens[k].Text.Length..];
                    }
                });
                var folded = PhoneticFold.Fold(text);
                var loose = tokens[i].LooseVowels;
                runs.Add((i, run, new NameToken(text, folded, PhoneticFold.Skeleton(folded, loose), NameVocabulary.ClassOf(text), TokenRole.Word) { LooseVowels = loose }));
                if (organization && words)
                {
                    // "United States Department" may be written "U.S. Department": the run's initials stand for it.
                    for (var k = 0; k < run; k++)
                    {
                        initials[k] = tokens[i + k].Text[0];
                    }
                    var letters = initials[..run].ToString();
                    runs.Add((i, run, new NameToken(letters, letters, letters, null, TokenRole.Word)));
                }
            }
        }
        return [.. runs];
    }

    /// <summary>The tokens written together without spaces, for whole-name comparison.</summary>
    public string Compact { get; } = string.Concat(Tokens.Select(t => t.Text));

    // The facts the whole-name comparison rules most pairs out on, held in the name itself: reading them from the
    // strings and tokens would be a cache miss or more for every candidate name.
    internal int CompactLength { get; } = Tokens.Sum(t => t.Text.Length);

    internal int TokenCount { get; } = Tokens.Count;

    internal bool AnyFromSyllabary { get; } = Tokens.Any(t => t.FromSyllabary);

    /// <summary>
    /// Token weights under a rarity table, computed once per table: an indexed name is compared with many queries.
    /// The cache is one immutable object swapped whole, so concurrent searches never see it half-written.
    /// </summary>
    internal double[] WeightsFor(Scoring.TokenRarity rarity)
    {
        var cache = _weights;
        if (cache is not null && ReferenceEquals(cache.Rarity, rarity))
        {
            return cache.Weights;
        }
        var weights = new double[Tokens.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Scoring.NameScorer.Weight(Tokens[i], rarity);
        }
        _weights = new WeightCache(rarity, weights);
        return weights;
    }

    private sealed record WeightCache(Scoring.TokenRarity Rarity, double[] Weights);
}

/// <summary>
/// Token lengths as bit sets (bit n for length n, the last bit for every length from 63 on), for the test of whether a
/// joined run can match any token at all: a run matches a token with the same folded form, or with a folded form of
/// six letters or more at most two letters longer or shorter, or with the same skeleton of three letters or more when
/// either side has loose vowels (see <see cref="Scoring.NameScorer.JoinedMatches"/>). Most pairs of names fail on
/// length alone, which these sets answer without touching a single token.
/// </summary>
internal readonly record struct TokenLengths(ulong Partners, ulong Skeletons, ulong LooseSkeletons)
{
    /// <summary>Folded lengths a run could have to match one of <paramref name="tokens"/>, and their skeletons' lengths.</summary>
    public static TokenLengths Of(IReadOnlyList<NameToken> tokens)
    {
        ulong partners = 0, skeletons = 0, loose = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var length = t.Folded.Length;
            partners |= Bit(length);
            if (length >= 6)
            {
                for (var near = length - 2; near <= length + 2; near++)
                {
                    partners |= Bit(near);
                }
            }
            (skeletons, loose) = AddSkeleton(t, skeletons, loose);
        }
        return new(partners, skeletons, loose);
    }

    public static ulong Bit(int length) => 1UL << Math.Min(length, 63);

    /// <summary>A skeleton of three letters or more joins the set of all skeletons, and the loose ones when its token's vowels are loose.</summary>
    public static (ulong All, ulong Loose) AddSkeleton(NameToken t, ulong all, ulong loose) =>
        t.Skeleton.Length >= 3 ? (all | Bit(t.Skeleton.Length), t.LooseVowels ? loose | Bit(t.Skeleton.Length) : loose) : (all, loose);
}

/// <summary>A name's joined runs and their lengths as bit sets, to be tested against <see cref="TokenLengths"/> first.</summary>
internal readonly record struct JoinedRunSet
{
    private readonly ulong _folded;
    private readonly ulong _skeletons;
    private readonly ulong _looseSkeletons;

    // Each run's own bits, as the sets above hold them for all runs: a search tests runs one by one without
    // reading their strings.
    private readonly (ulong Folded, ulong Skeleton, bool Loose)[] _runs;

    public JoinedRunSet((int Start, int Run, NameToken Joined)[] runs)
    {
        Runs = runs;
        _runs = new (ulong, ulong, bool)[runs.Length];
        for (var i = 0; i < runs.Length; i++)
        {
            var joined = runs[i].Joined;
            var (folded, skeleton, loose) = _runs[i] = (TokenLengths.Bit(joined.Folded.Length), joined.Skeleton.Length >= 3 ? TokenLengths.Bit(joined.Skeleton.Length) : 0, joined.LooseVowels);
            _folded |= folded;
            _skeletons |= skeleton;
            _looseSkeletons |= loose ? skeleton : 0;
        }
    }

    public (int Start, int Run, NameToken Joined)[] Runs { get; }

    /// <summary>False when run <paramref name="run"/> can match none of the tokens <paramref name="other"/> describes; true when it might.</summary>
    public bool RunMayMatch(int run, TokenLengths other)
    {
        var (folded, skeleton, loose) = _runs[run];
        return (folded & other.Partners) != 0 || (skeleton & (loose ? other.Skeletons : other.LooseSkeletons)) != 0;
    }

    /// <summary>False when no run can match any of the tokens <paramref name="other"/> describes; true when one might.</summary>
    public bool MayMatch(TokenLengths other) =>
        (_folded & other.Partners) != 0 || (_looseSkeletons & other.Skeletons) != 0 || (_skeletons & other.LooseSkeletons) != 0;
}

/// <summary>Cleans, romanises and tokenises names: invisible characters, homoglyphs, punctuation, scripts, roles.</summary>
public static class NameAnalyzer
{
    private static readonly char[] Invisible =
        ['\u00AD', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF'];

    // Declared after Invisible: static fields initialise in textual order.
    private static readonly System.Buffers.SearchValues<char> InvisibleChars = System.Buffers.SearchValues.Create(Invisible);

    // Cyrillic and Greek letters that look Latin, as found mixed into Latin names to defeat screening.
    private static readonly Dictionary<char, char> Homoglyphs = new()
    {
        ['а'] = 'a',
        ['е'] = 'e',
        ['о'] = 'o',
        ['р'] = 'p',
        ['с'] = 'c',
        ['у'] = 'y',
        ['х'] = 'x',
        ['і'] = 'i',
        ['ј'] = 'j',
        ['ѕ'] = 's',
        ['А'] = 'A',
        ['В'] = 'B',
        ['Е'] = 'E',
        ['К'] = 'K',
        ['М'] = 'M',
        ['Н'] = 'H',
        ['О'] = 'O',
        ['Р'] = 'P',
        ['С'] = 'C',
        ['Т'] = 'T',
        ['Х'] = 'X',
        ['І'] = 'I',
        ['α'] = 'a',
        ['ο'] = 'o',
        ['ρ'] = 'p',
        ['ν'] = 'v',
        ['Α'] = 'A',
        ['Β'] = 'B',
        ['Ε'] = 'E',
        ['Η'] = 'H',
        ['Ι'] = 'I',
        ['Κ'] = 'K',
        ['Μ'] = 'M',
        ['Ν'] = 'N',
        ['Ο'] = 'O',
        ['Ρ'] = 'P',
        ['Τ'] = 'T',
        ['Χ'] = 'X',
    };

    /// <summary>Every romanisation of the name, analysed; at least one (possibly with no tokens for a name of punctuation).</summary>
    public static IReadOnlyList<AnalyzedName> Analyze(string name, bool organization = false)
    {
        var clean = Clean(name);
        var script = ScriptDetector.Detect(clean);
        var result = new List<AnalyzedName>(2);
        foreach (var form in Alternates(clean, organization))
        {
            foreach (var r in Romanizer.Romanize(form))
            {
                AddForm(result, name, form, script, r, organization);
            }
            if (script != "Hani" || organization)
            {
                continue;
            }
            // A person's name in Hanja is also read as Korean, and then analysed as the Hangul it reads as.
            if (Romanizer.SinoKorean(form) is { } hangul)
            {
                foreach (var r in Romanizer.Romanize(hangul))
                {
                    AddForm(result, name, hangul, "Hang", r with { Table = "sino-korean" }, organization);
                }
            }
            // A Japanese name in kanji is published in its reading (Yamada Taro), which no Chinese reading comes near.
            if (JapaneseNames.Reading(form) is { } kana)
            {
                AddForm(result, name, kana, "Kana", new Romanization(Hepburn.Romanize(kana), "japanese"), organization);
            }
        }
        return result;
    }

    private static void AddForm(List<AnalyzedName> result, string name, string form, string script, Romanization r, bool organization)
    {
        var abjad = script is "Arab" or "Hebr" or "Hang";
        var syllabary = script is "Hani" or "Hang";
        var tokens = Tokenize(r.Text, organization, abjad, syllabary, latin: r.Table == "latin");
        if (script == "Hang")
        {
            tokens = WithHangulSyllables(form, tokens);
        }
        if (tokens.Count > 0 || result.Count == 0)
        {
            result.Add(new AnalyzedName(name, string.Join(' ', tokens.Select(t => t.Text)), r.Table, tokens, organization));
        }
    }

    /// <summary>Each token with the syllable it was read from, when the name is Hangul syllables alone, one token each.</summary>
    private static List<NameToken> WithHangulSyllables(string form, List<NameToken> tokens)
    {
        var syllables = form.Where(c => c is >= '\uAC00' and <= '\uD7A3').ToList();
        if (syllables.Count != tokens.Count)
        {
            return tokens;
        }
        return [.. tokens.Select((t, i) => t with { Hangul = i == 0 ? InitialSoundLaw(syllables[i]) : syllables[i] })];
    }

    /// <summary>
    /// South Korean spelling of a word-initial syllable (두음 법칙): ㄹ is written ㄴ, and ㄹ or ㄴ before i or y is
    /// silent ㅇ, so the North's 리 and 류 are the South's 이 and 유, one family name each.
    /// </summary>
    private static char InitialSoundLaw(char syllable)
    {
        const int Rieul = 5, Nieun = 2, Ieung = 11;
        var index = syllable - '\uAC00';
        var (initial, medial, final) = (index / (21 * 28), index / 28 % 21, index % 28);
        // Medials ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ begin with the sound i or y.
        var beforeI = medial is 2 or 3 or 6 or 7 or 12 or 17 or 20;
        initial = initial switch
        {
            Rieul or Nieun when beforeI => Ieung,
            Rieul => Nieun,
            _ => initial,
        };
        return (char)('\uAC00' + (((initial * 21) + medial) * 28) + final);
    }

    /// <summary>
    /// The name itself and the alternates written into it: "Al-Qa'ida/Islamic Army" is also each side of the slash,
    /// a person's "Muhammad (Abu Ali)" also the name without its parenthesis and the parenthesis alone. A slash inside a short token (A/S) is
    /// part of the name, not a separator.
    /// </summary>
    private static IEnumerable<string> Alternates(string name, bool organization)
    {
        yield return name;
        var open = name.IndexOf('(', StringComparison.Ordinal);
        var close = open >= 0 ? name.IndexOf(')', open) : -1;
        // In a company name the parenthesis usually says which one ("Bank of China (Hong Kong)"): it stays part of the name.
        if (!organization && open > 0 && close > open)
        {
            yield return (name[..open] + name[(close + 1)..]).Trim();
            if (close - open > 4)
            {
                yield return name[(open + 1)..close].Trim();
            }
        }
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 2 && slash < name.Length - 3 && char.IsLetter(name[slash - 1]) && char.IsLetter(name[slash - 2]) && char.IsLetter(name[slash - 3])
            && char.IsLetter(name[slash + 1]) && char.IsLetter(name[slash + 2]) && char.IsLetter(name[slash + 3]))
        {
            foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return part;
            }
        }
    }

    /// <summary>Unicode-normalised text without invisible characters, with Latin look-alikes inside Latin words made Latin.</summary>
    public static string Clean(string name)
    {
        var text = name.Normalize(NormalizationForm.FormKC);
        if (text.AsSpan().IndexOfAny(InvisibleChars) >= 0)
        {
            text = string.Concat(text.Split(Invisible));
        }
        return FixHomoglyphs(text);
    }

    private static string FixHomoglyphs(string text)
    {
        // Every look-alike is outside ASCII, and most names are ASCII throughout.
        if (!text.AsSpan().ContainsAnyExceptInRange('\0', '\u007F'))
        {
            return text;
        }
        var words = text.Split(' ');
        var changed = false;
        for (var w = 0; w < words.Length; w++)
        {
            var word = words[w];
            var latin = 0;
            var other = 0;
            foreach (var c in word)
            {
                if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))
                {
                    latin++;
                }
                else if (char.IsLetter(c))
                {
                    other++;
                }
            }
            // Only a word that is mostly Latin with a few look-alikes is repaired; a Cyrillic word stays Cyrillic.
            if (latin == 0 || other == 0 || latin < other)
            {
                continue;
            }
            var chars = word.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (Homoglyphs.TryGetValue(chars[i], out var l))
                {
                    chars[i] = l;
                }
            }
            words[w] = new string(chars);
            changed = true;
        }
        return changed ? string.Join(' ', words) : text;
    }

    private static List<NameToken> Tokenize(string romanized, bool organization, bool abjad, bool syllabary, bool latin)
    {
        var words = SplitWords(JoinDottedInitials(romanized.ToLowerInvariant().Replace("&", " and ", StringComparison.Ordinal)));
        NumberWords.Fold(words);
        if (organization)
        {
            ReplaceLegalPhrases(words);
        }
        else if (latin)
        {
            SplitRunTogetherInitials(words);
        }
        var tokens = new List<NameToken>(words.Count);
        foreach (var word in words)
        {
            AddToken(tokens, word, organization, abjad, syllabary);
        }
        return tokens;
    }

    /// <summary>
    /// A person's word of two or three consonants is initials run together ("JC", "J.C.", "GW"): no given name in a Latin
    /// alphabet is written without a vowel. Only names written in Latin letters: romanised abjads leave out vowels.
    /// Initials alone ("N.N.") stand for given names, never for a whole name, so they are split only beside a word.
    /// </summary>
    private static void SplitRunTogetherInitials(List<string> words)
    {
        // Jr and Sr are suffixes at the end of a name; before it ("JR Ewing") they are initials.
        bool IsRun(int i) =>
            words[i].Length is 2 or 3 && words[i].All(c => char.IsAsciiLetter(c) && !PhoneticFold.IsVowel(c)) && !VowellessNames.Contains(words[i])
            && (NameVocabulary.RoleOf(words[i], organization: false) == TokenRole.Word || (i < words.Count - 1 && words[i] is "jr" or "sr"));
        var hasWord = false;
        for (var i = 0; i < words.Count && !hasWord; i++)
        {
            hasWord = words[i].Length > 1 && !IsRun(i);
        }
        if (!hasWord)
        {
            return;
        }
        for (var i = words.Count - 1; i >= 0; i--)
        {
            var word = words[i];
            if (IsRun(i))
            {
                words.RemoveAt(i);
                words.InsertRange(i, word.Select(c => c.ToString()));
            }
        }
    }

    // Family names written without a vowel letter, which are names, not initials.
    private static readonly HashSet<string> VowellessNames = ["ng", "ngh"];

    private static List<string> SplitWords(string lower)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in lower + " ")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (c is '\'' or '`' or '\u2019' or '\u02BC' or '\u02BB')
            {
                // O'Brien, Ma'ruf, AnyAscii's ayn: the apostrophe joins, it does not split.
            }
            else if (sb.Length > 0)
            {
                words.Add(DecodeLeet(sb.ToString()));
                sb.Clear();
            }
        }
        return words;
    }

    /// <summary>"sech1n" → "sechin", "i9or" → "igor": digits standing for letters between letters, as typed to dodge screening.</summary>
    private static string DecodeLeet(string word)
    {
        if (word.Length < 3 || !word.Any(char.IsAsciiDigit) || !word.Any(char.IsAsciiLetter))
        {
            return word;
        }
        var chars = word.ToCharArray();
        var changed = false;
        for (var i = 1; i < chars.Length - 1; i++)
        {
            if (char.IsAsciiDigit(chars[i]) && char.IsAsciiLetter(chars[i - 1]) && char.IsAsciiLetter(chars[i + 1]))
            {
                var letter = chars[i] switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '9' => 'g', _ => '\0' };
                if (letter != '\0')
                {
                    chars[i] = letter;
                    changed = true;
                }
            }
        }
        return changed ? new string(chars) : word;
    }

    /// <summary>
    /// Spelled-out legal forms ("obshchestvo s ogranichennoy otvetstvennostyu", "sp z o o") become their abbreviation,
    /// also when a word of the phrase carries one slip ("joynt stock company") or the last word is cut short
    /// ("joint stock compan", as fixed-width fields truncate).
    /// </summary>
    private static void ReplaceLegalPhrases(List<string> words)
    {
        if (words.Count < 2)
        {
            return;
        }
        foreach (var (parts, form) in LegalPhraseWords)
        {
            for (var i = 0; i + parts.Length <= words.Count; i++)
            {
                var all = true;
                for (var k = 0; k < parts.Length && all; k++)
                {
                    all = SameLegalWord(words[i + k], parts[k], last: i + k == words.Count - 1);
                }
                if (all)
                {
                    words.RemoveRange(i, parts.Length);
                    words.Insert(i, form);
                }
            }
        }
    }

    // Each spelled-out legal form split into its words once, not once for every name analysed.
    private static readonly (string[] Words, string Form)[] LegalPhraseWords =
        [.. NameVocabulary.SpelledOutLegalForms.Select(p => (p.Phrase.Split(' '), p.Form))];

    private static bool SameLegalWord(string word, string expected, bool last)
    {
        if (word == expected)
        {
            return true;
        }
        if (expected.Length < 4 || word.Length < 4)
        {
            return false;
        }
        if (last && expected.StartsWith(word, StringComparison.Ordinal))
        {
            return true;
        }
        return Math.Abs(word.Length - expected.Length) <= 1 && Scoring.WeightedEditDistance.Distance(word, expected, limit: 1.0) <= 1.0;
    }

    private static void AddToken(List<NameToken> tokens, string text, bool organization, bool abjad, bool syllabary)
    {
        if (organization)
        {
            text = NameVocabulary.Expand(text);
        }
        var role = NameVocabulary.RoleOf(text, organization);
        if (!organization && role == TokenRole.Word && IsPatronymic(text))
        {
            role = TokenRole.Patronymic;
        }
        var folded = PhoneticFold.Fold(text);
        tokens.Add(new NameToken(text, folded, PhoneticFold.Skeleton(folded, abjad), NameVocabulary.ClassOf(text), role)
        {
            LooseVowels = abjad,
            FromSyllabary = syllabary,
            LegalForm = role == TokenRole.LegalForm ? NameVocabulary.LegalFormClass(text) : null,
        });
    }

    /// <summary>A patronymic by its ending (Salimovich, Petrovna, Ogly), which costs little when one side omits it.</summary>
    public static bool IsPatronymic(string token) =>
        token.Length > 5 && (token.EndsWith("ovich", StringComparison.Ordinal) || token.EndsWith("evich", StringComparison.Ordinal)
            || token.EndsWith("ovna", StringComparison.Ordinal) || token.EndsWith("evna", StringComparison.Ordinal)
            || token.EndsWith("ogly", StringComparison.Ordinal) || token.EndsWith("oglu", StringComparison.Ordinal)
            || token.EndsWith("kyzy", StringComparison.Ordinal) || token.EndsWith("ovych", StringComparison.Ordinal)
            || token.EndsWith("ivna", StringComparison.Ordinal) || token.EndsWith("ich", StringComparison.Ordinal)
            || token.EndsWith("dottir", StringComparison.Ordinal));

    /// <summary>"u.s.a." → "usa": dots between single letters join them; any other dot separates words.</summary>
    private static string JoinDottedInitials(string text)
    {
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                var singleBefore = i >= 1 && char.IsAsciiLetter(text[i - 1]) && (i < 2 || !char.IsAsciiLetter(text[i - 2]));
                var letterAfter = i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]) && (i + 2 >= text.Length || !char.IsAsciiLetter(text[i + 2]));
                if (singleBefore && (letterAfter || i + 1 == text.Length || text[i + 1] == ' '))
                {
                    if (letterAfter)
                    {
                        continue;
                    }
                }
                sb.Append(' ');
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
