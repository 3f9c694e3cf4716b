using Vigil.Matching.Text;

namespace Vigil.Tests.Matching;

public class RomanizerTests
{
    [Fact]
    public void Tajik_ha_is_h_while_russian_kha_is_kh()
    {
        Assert.Contains(Romanizer.Romanize("Ҳалимов"), r => r.Text == "Halimov");
        Assert.Contains(Romanizer.Romanize("Халимов"), r => r.Text == "Khalimov");
    }

    [Fact]
    public void Cyrillic_gives_both_bgn_and_icao_spellings_where_they_differ()
    {
        var forms = Romanizer.Romanize("Юрий Яковлев").Select(r => (r.Table, r.Text)).ToList();
        Assert.Contains(("bgn", "Yuriy Yakovlev"), forms);
        Assert.Contains(("icao", "Iurii Iakovlev"), forms);
    }

    [Fact]
    public void Han_syllables_come_apart_into_words() =>
        Assert.Equal("Xi Jin Ping", Assert.Single(Romanizer.Romanize("习近平")).Text);

    [Fact]
    public void Korean_family_names_take_their_customary_spelling() =>
        Assert.StartsWith("Kim ", Assert.Single(Romanizer.Romanize("김정은")).Text, StringComparison.Ordinal);

    [Theory]
    // 金 reads 금 (gold) first, but 김 as a family name; 李 reads 리 first, but 이 is the family name.
    [InlineData("金正恩", "김정은")]
    [InlineData("李明博", "이명박")]
    [InlineData("朴 槿惠", "박 근혜")]
    public void A_name_in_hanja_reads_in_korean_with_the_family_name_read_as_one(string hanja, string hangul) =>
        Assert.Equal(hangul, Romanizer.SinoKorean(hanja));

    [Theory]
    [InlineData("金正恩 Kim")]
    [InlineData("")]
    // A Japanese name: 山 (산) is no Korean family name.
    [InlineData("山田太郎")]
    // Western order, given name first.
    [InlineData("聰明 蔡")]
    [InlineData("金")]
    public void Only_a_name_written_as_a_korean_name_in_hanja_has_a_korean_reading(string name) =>
        Assert.Null(Romanizer.SinoKorean(name));

    [Theory]
    // Long vowels unmarked, contracted syllables as one, ッ doubling, ン as m before b/m/p, as passports write them.
    [InlineData("タロウ", "taro")]
    [InlineData("キョウコ", "kyoko")]
    [InlineData("ホッカイドウ", "hokkaido")]
    [InlineData("マッチャ", "matcha")]
    [InlineData("ナンバ", "namba")]
    [InlineData("ジュンイチロウ", "junichiro")]
    [InlineData("オオノ", "ono")]
    [InlineData("ユウコ", "yuko")]
    // The u of ue is no long vowel: Inoue.
    [InlineData("イノウエ", "inoue")]
    [InlineData("ティファニー", "tifani")]
    [InlineData("ウィリアム・シェイクスピア", "wiriamu sheikusupia")]
    // Hiragana reads as katakana does.
    [InlineData("しゅんぺい", "shumpei")]
    public void Kana_is_written_in_passport_hepburn(string kana, string latin) =>
        Assert.Equal(latin, Hepburn.Romanize(kana));

    [Theory]
    [InlineData("小泉純一郎", "コイズミ ジュンイチロウ")]
    [InlineData("橋本 龍太郎", "ハシモト リュウタロウ")]
    // The longer family name first: 佐々木, not 佐々 and a given name 木希.
    [InlineData("佐々木希", "ササキ ノゾミ")]
    [InlineData("井上京子", "イノウエ キョウコ")]
    public void A_japanese_name_in_kanji_reads_as_the_names_dictionary_gives_its_parts(string kanji, string kana) =>
        Assert.Equal(kana, JapaneseNames.Reading(kanji));

    [Theory]
    // Chinese and Korean names: a family name of one character (王 is also read Ō in Japan).
    [InlineData("王志明")]
    [InlineData("金正恩")]
    [InlineData("毛沢東")]
    // A family name with no given name, and a given name the dictionary does not know.
    [InlineData("小泉")]
    [InlineData("小泉 习近平")]
    [InlineData("")]
    public void A_name_not_written_as_a_japanese_name_has_no_japanese_reading(string name) =>
        Assert.Null(JapaneseNames.Reading(name));

    [Theory]
    [InlineData("Teng Hsiao-p'ing", "deng xiaoping")]
    [InlineData("Chiang Ching-kuo", "jiang jingguo")]
    [InlineData("TSAI YING-WEN", "zai yingwen")]
    [InlineData("Chou Shih-chieh", "zhou shijie")]
    public void A_chinese_name_in_wade_giles_is_also_written_in_pinyin(string wade, string pinyin) =>
        Assert.Contains(new Romanization(pinyin, "wade-giles"), Romanizer.Romanize(wade));

    [Theory]
    // Pinyin already, Korean, and names that only look like syllables in part.
    [InlineData("Xi Jinping")]
    [InlineData("Kim Jong-un")]
    [InlineData("Ana Lima")]
    [InlineData("Chou En-lai")]
    public void A_name_with_no_mark_of_wade_giles_has_only_its_latin_spelling(string name) =>
        Assert.Equal("latin", Assert.Single(Romanizer.Romanize(name)).Table);

    [Fact]
    public void Latin_diacritics_fold_to_ascii() =>
        Assert.Equal("Muller Strasse Oresund", Assert.Single(Romanizer.Romanize("Müller Straße Øresund")).Text);
}
