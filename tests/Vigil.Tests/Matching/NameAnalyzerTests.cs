using Vigil.Matching.Text;

namespace Vigil.Tests.Matching;

public class NameAnalyzerTests
{
    private static string[] Tokens(string name, bool organization = false) =>
        NameAnalyzer.Analyze(name, organization)[0].Tokens.Select(t => t.Text).ToArray();

    [Fact]
    public void A_cache_label_leaves_token_equality_alone()
    {
        var listed = NameAnalyzer.Analyze("Gulmurod Khalimov")[0].Tokens[1];
        var queried = NameAnalyzer.Analyze("Gulmurod Khalimov")[0].Tokens[1];
        listed.Id = 7;
        queried.Id = -3;
        Assert.Equal(listed, queried);
        Assert.Equal(listed.GetHashCode(), queried.GetHashCode());
        // Any real difference still tells tokens apart.
        Assert.NotEqual(listed, queried with { LooseVowels = true });
    }

    [Fact]
    public void Invisible_characters_and_latin_lookalikes_are_cleaned_away() =>
        // A zero-width joiner and a Cyrillic "о" inside a Latin word, as typed to slip past screening.
        Assert.Equal(["osama", "bin", "laden"], Tokens("Os\u200Dаma bin Lаden"));

    [Fact]
    public void Apostrophes_join_and_dotted_initials_close_up()
    {
        Assert.Equal(["obrien"], Tokens("O'Brien"));
        Assert.Equal(["usa", "trading"], Tokens("U.S.A. Trading"));
    }

    [Fact]
    public void Surname_comma_given_order_gives_the_same_tokens() =>
        Assert.Equal(Tokens("Gulmurod Khalimov").Order(), Tokens("KHALIMOV, Gulmurod").Order());

    [Fact]
    public void Spelled_out_legal_forms_fold_to_their_class()
    {
        var tokens = NameAnalyzer.Analyze("Obshchestvo s Ogranichennoy Otvetstvennostyu Romashka", organization: true)[0].Tokens;
        Assert.Equal(["ooo", "romashka"], tokens.Select(t => t.Text));
        Assert.Equal("llc", tokens[0].LegalForm);
        Assert.Equal("llc", NameAnalyzer.Analyze("Romashka GmbH", organization: true)[0].Tokens[1].LegalForm);
    }

    [Fact]
    public void Abbreviated_company_words_expand() =>
        Assert.Equal(["acme", "international", "services", "company"], Tokens("ACME INTL SRVCES COMP", organization: true));

    [Fact]
    public void Digits_standing_for_letters_are_read_as_letters() =>
        Assert.Equal(["igor", "sechin"], Tokens("I9or Sech1n"));

    [Fact]
    public void Number_words_become_digits() =>
        Assert.Equal(["brigade", "44"], Tokens("Brigade Forty-Four", organization: true));

    [Fact]
    public void Ordinals_spelled_or_with_digits_become_their_number()
    {
        Assert.Equal(["2", "national", "bank"], Tokens("Second National Bank", organization: true));
        Assert.Equal(["2", "national", "bank"], Tokens("2nd National Bank", organization: true));
        Assert.Equal(["regiment", "23"], Tokens("23rd Regiment", organization: true).Reverse());
    }

    [Fact]
    public void A_tens_word_before_a_digit_is_one_number() =>
        Assert.Equal(["battalion", "27"], Tokens("Battalion Twenty 7", organization: true));

    [Fact]
    public void The_polish_limited_company_is_a_legal_form_as_it_is_written_with_dots()
    {
        var tokens = NameAnalyzer.Analyze("Kowalczyk Sp. z o.o.", organization: true)[0].Tokens;
        Assert.Equal(["kowalczyk", "spzoo"], tokens.Select(t => t.Text));
        Assert.Equal("llc", tokens[1].LegalForm);
    }

    [Fact]
    public void Cyrillic_short_i_written_j_y_or_i_folds_alike()
    {
        Assert.Equal(NameAnalyzer.Analyze("Andrey")[0].Tokens[0].Folded, NameAnalyzer.Analyze("Andrej")[0].Tokens[0].Folded);
        Assert.Equal(NameAnalyzer.Analyze("Andrei")[0].Tokens[0].Folded, NameAnalyzer.Analyze("Andrej")[0].Tokens[0].Folded);
        // Before a vowel j is a consonant: Jasmina and Yasmina stay apart from "iasmina".
        Assert.Equal("jasmina", NameAnalyzer.Analyze("Jasmina")[0].Tokens[0].Folded);
    }

    [Fact]
    public void Hangul_tokens_remember_their_syllable() =>
        Assert.Equal(['박', '지', '성'], NameAnalyzer.Analyze("박지성")[0].Tokens.Select(t => t.Hangul));

    [Fact]
    public void A_slash_gives_each_side_as_an_alternate_name()
    {
        var forms = NameAnalyzer.Analyze("Al-Qa'ida/Islamic Army", organization: true).Select(f => f.Romanized).ToList();
        Assert.Contains("al qaida", forms);
        Assert.Contains("islamic army", forms);
    }

    [Fact]
    public void Patronymics_are_recognised_by_their_ending()
    {
        var tokens = NameAnalyzer.Analyze("Gulmurod Salimovich Khalimov")[0].Tokens;
        Assert.Equal(TokenRole.Patronymic, tokens[1].Role);
        Assert.Equal(TokenRole.Word, tokens[2].Role);
    }
}
