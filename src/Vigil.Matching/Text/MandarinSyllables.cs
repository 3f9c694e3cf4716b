namespace Vigil.Matching.Text;

/// <summary>
/// The syllables of Mandarin in Pinyin. In a romanised Chinese or Korean name each syllable is a character, so two
/// different syllables are two different names, not a typo: Liu is not Lu, Zhou is not Zhao, Min-jun is not Min-jin.
/// Spellings of one syllable in two romanisations (Zhang/Chang, the Wade-Giles initials ch for zh, j and q) keep
/// their usual comparison.
/// </summary>
public static class MandarinSyllables
{
    private const string Inventory =
        "a ai an ang ao e ei en eng er o ou " +
        "ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu " +
        "pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu " +
        "ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu " +
        "fa fan fang fei fen feng fo fou fu " +
        "da dai dan dang dao de dei den deng di dian diao die ding diu dong dou du duan dui dun duo " +
        "ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo " +
        "na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo " +
        "la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo " +
        "ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo " +
        "ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo " +
        "ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo " +
        "ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun " +
        "qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun " +
        "xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun " +
        "zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo " +
        "cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo " +
        "sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo " +
        "ran rang rao re ren reng ri rong rou ru ruan rui run ruo " +
        "za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo " +
        "ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo " +
        "sa sai san sang sao se sen seng si song sou su suan sui sun suo " +
        "ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun " +
        "wa wai wan wang wei wen weng wo wu";

    private static readonly HashSet<string> Syllables = [.. Inventory.Split(' ')];

    // Cantonese and Mandarin spellings of one surname that both happen to be Pinyin syllables.
    private static readonly HashSet<(string, string)> Variants = [("chan", "chen"), ("chen", "chan")];

    public static bool IsSyllable(string token) => Syllables.Contains(token);

    /// <summary>
    /// True when two different Pinyin syllables cannot be one syllable romanised or misheard two ways: their initials
    /// differ beyond the Wade-Giles and Pinyin spellings of one sound (zh, ch, j, q; z, c; x, sh, s: Xi, Hsi, Shi),
    /// or their finals differ.
    /// </summary>
    public static bool AreDifferentSyllables(string a, string b) =>
        a != b && IsSyllable(a) && IsSyllable(b) && !Variants.Contains((a, b)) && Key(a) != Key(b);

    private static string Key(string syllable)
    {
        var (initial, rest) = syllable switch
        {
            ['z', 'h', .. var r] => ("C", r),
            ['c', 'h', .. var r] => ("C", r),
            ['s', 'h', .. var r] => ("S", r),
            ['x', .. var r] => ("S", r),
            ['s', .. var r] => ("S", r),
            ['j', .. var r] => ("C", r),
            ['q', .. var r] => ("C", r),
            ['z', .. var r] => ("Z", r),
            ['c', .. var r] => ("Z", r),
            _ => ("", syllable),
        };
        return initial + rest;
    }
}
