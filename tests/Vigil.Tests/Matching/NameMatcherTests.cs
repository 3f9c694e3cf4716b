using Vigil.Matching;
using Vigil.Matching.Text;

namespace Vigil.Tests.Matching;

/// <summary>Pairwise scoring, including the known failures of the best open matcher that Vigil must not repeat.</summary>
public class NameMatcherTests
{
    private static double Score(string a, string b, PartyKind kind = PartyKind.Person) => NameMatcher.Compare(a, b, kind).Score;

    [Theory]
    [InlineData("Gulmurod Khalimov", "Гулмурод Салимович Ҳалимов")]
    [InlineData("HALIMOV GULMUROD", "Khalimov, Gulmurod Salimovich")]
    [InlineData("Mohammed Ali", "محمد علي")]
    [InlineData("Vladimir Putin", "Владимир Путин")]
    [InlineData("Xi Jinping", "习近平")]
    [InlineData("Park Ji Sung", "박지성")]
    [InlineData("Muammar Qaddafi", "Muammar Gaddafi")]
    [InlineData("Abdul Rahman Yasin", "Abdulrahman Yasin")]
    [InlineData("Teng Hsiao-ping", "Deng Xiaoping")]
    [InlineData("Kim Jong Un", "金正恩")]
    [InlineData("Jin Zhengen", "金正恩")]
    [InlineData("Junichiro Koizumi", "小泉純一郎")]
    [InlineData("HASHIMOTO Ryutaro", "橋本龍太郎")]
    [InlineData("Kyoko Inoue", "イノウエ キョウコ")]
    public void The_same_person_in_another_spelling_or_script_alerts(string query, string listed) =>
        Assert.True(Score(query, listed) >= MatchDefaults.Threshold, $"{query} / {listed}: {Score(query, listed)}");

    [Fact]
    public void A_short_given_name_one_letter_off_still_alerts() =>
        Assert.True(Score("Jon Smith", "John Smith") >= MatchDefaults.Threshold);

    [Fact]
    public void An_omitted_patronymic_costs_little_and_a_different_one_a_lot()
    {
        var omitted = Score("Zaurbek Guchaev", "Zaurbek Salimovich Guchaev");
        var contradicting = Score("Zaurbek Magomedovich Guchaev", "Zaurbek Salimovich Guchaev");
        Assert.True(omitted >= MatchDefaults.Threshold, $"omitted {omitted}");
        Assert.True(contradicting < MatchDefaults.Threshold, $"contradicting {contradicting}");
        Assert.True(omitted > contradicting + 0.2);
    }

    [Fact]
    public void A_different_closing_al_name_is_a_different_family_but_an_omitted_or_respelled_one_is_not()
    {
        var different = NameMatcher.Compare("Hamid Khalil Ibrahim al-Jubouri", "Hamid Khalil Ibrahim al-Obeidi", PartyKind.Person);
        var omitted = Score("Hamid Khalil Ibrahim", "Hamid Khalil Ibrahim al-Jubouri");
        var respelled = Score("Hamid Khalil Ibrahim al-Juburi", "Hamid Khalil Ibrahim al-Jubouri");
        Assert.Contains("family name al-jubouri ≠ al-obeidi", different.Contradictions);
        Assert.True(different.Score < MatchDefaults.Threshold, $"different {different.Score}");
        Assert.True(omitted >= MatchDefaults.Threshold, $"omitted {omitted}");
        Assert.True(respelled >= MatchDefaults.Threshold, $"respelled {respelled}");
    }

    [Fact]
    public void Abbreviated_company_words_match_their_full_form() =>
        Assert.True(Score("Acme Intl Srvces Comp", "ACME International Services Company", PartyKind.Organization) >= 0.95);

    [Fact]
    public void A_name_of_initials_does_not_match_every_company_with_those_letters()
    {
        Assert.True(Score("ABC Ltd", "Alpha Beta Trading Company", PartyKind.Organization) < 0.5);
        Assert.True(Score("ABC Ltd", "ABC Logistics Ltd", PartyKind.Organization) < MatchDefaults.Threshold);
        Assert.True(Score("PLA", "People's Liberation Army", PartyKind.Organization) >= MatchDefaults.Threshold);
    }

    [Fact]
    public void Different_series_numbers_are_different_companies() =>
        Assert.True(Score("Snow Storm 1", "Snow Storm 2", PartyKind.Vessel) < MatchDefaults.Threshold);

    [Fact]
    public void Different_legal_classes_count_against_a_match()
    {
        var same = Score("Romashka LLC", "OOO Romashka", PartyKind.Organization);
        var different = Score("Romashka LLC", "AO Romashka", PartyKind.Organization);
        Assert.True(same > different, $"{same} vs {different}");
    }

    [Fact]
    public void Son_and_father_reversed_around_bin_are_different_men() =>
        Assert.True(Score("Salman bin Muhammad Al-Rawi", "Muhammad bin Salman Al-Rawi") < MatchDefaults.Threshold);

    [Fact]
    public void Son_and_father_reversed_around_bin_are_different_men_when_the_father_carries_an_article() =>
        Assert.True(Score("Yusuf bin al-Karim al-Tamimi", "Karim bin Yusuf al-Tamimi") < MatchDefaults.Threshold);

    [Fact]
    public void The_danish_a_s_is_one_legal_form_not_two_initials()
    {
        var tokens = NameAnalyzer.Analyze("Nordhavn Shipping A/S", organization: true)[0].Tokens;
        Assert.Equal(["nordhavn", "shipping", "aktieselskab"], tokens.Select(t => t.Text));
        Assert.Equal("jsc", tokens[2].LegalForm);
        Assert.True(Score("Nordhavn Shipping A/S", "Nordhavn Shipping AG", PartyKind.Organization) >= 0.95);
    }

    [Fact]
    public void Names_that_share_only_letters_do_not_alert()
    {
        Assert.True(Score("Raul Castillo", "Raul Castro") < MatchDefaults.Threshold);
        Assert.True(Score("Octavian Scholz", "Olaf Scholz") < 0.5);
    }

    [Fact]
    public void Different_initials_in_the_same_slot_count_against_a_match()
    {
        var same = Score("William G. Frost", "Frost, William G.");
        var different = Score("William G. Frost", "William W. Frost");
        Assert.True(same >= MatchDefaults.Threshold);
        Assert.True(different < MatchDefaults.Threshold, $"{different}");
        Assert.Contains("initial g ≠ w", NameMatcher.Compare("William G. Frost", "William W. Frost", PartyKind.Person).Contradictions);
    }

    [Fact]
    public void Abbreviated_words_of_a_company_meet_their_initials() =>
        Assert.True(Score("U.S. Department of State", "United States Department of State", PartyKind.Organization) >= MatchDefaults.Threshold);

    [Fact]
    public void A_series_number_is_never_joined_into_a_word() =>
        Assert.True(Score("Bowne Global Solutions, Inc.", "Bowne Global Solutions II, Inc.", PartyKind.Organization) < MatchDefaults.Threshold);

    [Fact]
    public void One_slip_in_a_four_letter_name_counts_even_when_the_name_has_a_doubled_letter() =>
        // "Pitt" folds to "pit", but it is written with four letters and Pitz is one slip from it.
        Assert.True(Score("Tomas Pitt", "Tomas Pitz") >= MatchDefaults.Threshold, $"{Score("Tomas Pitt", "Tomas Pitz")}");

    [Fact]
    public void Slips_are_counted_against_the_written_length_when_the_written_forms_are_closer()
    {
        // Folding "ll" to "l" makes the two slips of Marcellano/Marcellanto a larger share of a shorter word.
        var c = NameMatcher.Compare("Marcellano", "Marcellanto", PartyKind.Person);
        Assert.True(c.Pairs[0].Similarity >= 0.85, $"{c.Pairs[0].Similarity}");
    }

    [Theory]
    // One cheap slip (a vowel, m/n, k/g) and one full slip in a name of six letters or more.
    [InlineData("Helena Brandur", "Helena Brandel")]
    [InlineData("Tomasz Wiśniewski", "Tomasz Wisnowski")]
    public void Two_slips_in_a_long_name_part_still_alert(string query, string listed) =>
        Assert.True(Score(query, listed) >= MatchDefaults.Threshold, $"{query} / {listed}: {Score(query, listed)}");

    [Theory]
    // The same two slips in a short name part make another name, and more than two slips in a long one do too.
    [InlineData("Helena Bras", "Helena Brel")]
    [InlineData("Raul Castillo", "Raul Castro")]
    public void Two_slips_in_a_short_name_part_or_more_in_a_long_one_do_not_alert(string query, string listed) =>
        Assert.True(Score(query, listed) < MatchDefaults.Threshold, $"{query} / {listed}: {Score(query, listed)}");

    [Fact]
    public void Each_added_slip_lowers_the_score()
    {
        var none = Score("Helena Brandel", "Helena Brandel");
        var one = Score("Helena Brandal", "Helena Brandel");
        var two = Score("Helena Brandur", "Helena Brandel");
        Assert.True(none > one && one > two, $"{none} {one} {two}");
    }

    [Fact]
    public void Cyrillic_short_i_spelled_j_meets_its_y_spelling() =>
        Assert.True(Score("Andrej Sokolov", "Andrey Sokolov") >= 0.9);

    [Fact]
    public void Different_hangul_syllables_are_different_names_however_alike_in_latin_letters()
    {
        // 종 (jong) and 정 (jeong) fold together in Latin letters, but a Korean reader sees two names.
        Assert.True(Score("박종수", "박정수") < MatchDefaults.Threshold, $"{Score("박종수", "박정수")}");
        Assert.True(Score("박종수", "Park Jong Su") >= MatchDefaults.Threshold);
        // The same family name in its North and South Korean spellings (리, 이) is still the same name.
        Assert.True(Score("리설주", "이설주") >= MatchDefaults.Threshold, $"{Score("리설주", "이설주")}");
    }

    [Fact]
    public void A_name_written_without_its_spaces_matches_the_spaced_name()
    {
        Assert.True(Score("NordstahlAG", "Nordstahl AG", PartyKind.Organization) >= 0.9);
        Assert.True(Score("Abubakar Sani", "Abu Bakar Sani") >= 0.9);
    }

    [Fact]
    public void Ordinals_and_their_digits_name_the_same_company()
    {
        Assert.True(Score("Third Federal Savings", "3rd Federal Savings", PartyKind.Organization) >= 0.95);
        Assert.True(Score("Third Federal Savings", "Fourth Federal Savings", PartyKind.Organization) < MatchDefaults.Threshold);
    }

    [Fact]
    public void A_familiar_form_of_a_given_name_meets_the_full_name()
    {
        Assert.True(Score("Bill Hartley", "William Hartley") >= MatchDefaults.Threshold);
        Assert.True(Score("Sasha Ivanova", "Aleksandr Ivanova") >= MatchDefaults.Threshold);
        Assert.Contains(NameMatcher.Compare("Bill Hartley", "William Hartley").Pairs, p => p is { Query: "bill", Candidate: "william", Method: "nickname" });
        // Weaker than the name spelled another way, and no bridge between two full names.
        Assert.True(Score("Bill Hartley", "William Hartley") < Score("Wiliam Hartley", "William Hartley"));
        Assert.True(Score("Robert Hartley", "William Hartley") < MatchDefaults.Threshold);
    }

    [Fact]
    public void Initials_run_together_meet_the_given_names_they_stand_for()
    {
        Assert.True(Score("JR Tolkien", "John Ronald Tolkien") >= MatchDefaults.Threshold, $"{Score("JR Tolkien", "John Ronald Tolkien")}");
        Assert.True(Score("J.R. Tolkien", "John Ronald Tolkien") >= MatchDefaults.Threshold);
        Assert.True(Score("JR Tolkien", "Peter Ronald Tolkien") < Score("JR Tolkien", "John Ronald Tolkien"));
        // Initials alone say nothing of the family name.
        Assert.True(Score("J.R.", "John Ronald Tolkien") < MatchDefaults.Threshold);
    }

    [Fact]
    public void A_generational_suffix_is_not_a_name_part() =>
        Assert.True(Score("Martin Luther King Jr", "Martin Luther King") >= 0.95);

    [Fact]
    public void The_explanation_names_each_pairing_and_its_method()
    {
        var c = NameMatcher.Compare("Gulmurod Khalimov", "Гулмурод Салимович Ҳалимов", PartyKind.Person);
        Assert.Contains(c.Pairs, p => p is { Query: "khalimov", Candidate: "halimov", Method: "phonetic" });
        Assert.Contains(c.Pairs, p => p is { Query: "gulmurod", Candidate: "gulmurod" } && p.Method.StartsWith("translit:", StringComparison.Ordinal));
        Assert.Equal(["salimovich"], c.UnmatchedCandidate);
    }
}
