namespace Vigil.Matching.Text;

/// <summary>The role a token plays in a name, which decides how much it weighs and how a mismatch is judged.</summary>
public enum TokenRole
{
    Word,

    /// <summary>A father's name by its form (Salimovich, Petrovna): one side omitting it costs little, a different one a lot.</summary>
    Patronymic,
    Particle,
    Title,
    LegalForm,
    Number,
    Initial,

    /// <summary>A word that names what a company is rather than which one (company, group, trading): weighs little.</summary>
    Generic,
}

/// <summary>
/// Hand-written tables of how names vary: equivalence classes of spellings (Muhammad/Mohammed/Mohd,
/// Qaddafi/Gaddafi/Kadhafi), particles (bin, al, van), titles, legal forms folded to classes (LLC/OOO/GmbH,
/// JSC/AO/AG), and abbreviations of company words (INTL, SRVCES, COMP).
/// </summary>
public static class NameVocabulary
{
    private static readonly Dictionary<string, string> Classes = BuildClasses(
    [
        "muhammad mohammed mohammad muhammed mohamed mohamad muhamad muhammet mehmet mehmed mohd mhd muhamed mahomed mohammod mouhamed mohamud mahamat",
        "ahmad ahmed ahmet ahmadi",
        "abdul abd abdel abdol abdal abdoul abdu abdool",
        "abdullah abdallah abdulla abdollah abdellah",
        "abdulrahman abdurrahman abdelrahman abderrahmane abdurahman abdolrahman",
        "usama osama usamah osamah",
        "husayn hussein husein hussain husain hosein hossein huseyn husseyn hussien",
        "hasan hassan hasson",
        "yusuf yousef youssef yousuf yusef yousif youssouf",
        "umar omar omer",
        "uthman othman osman usman",
        "khalid khaled",
        "said saeed sayed sayid saied saiid",
        "sayyid sayyed seyed seyyed sayed",
        "qaddafi gaddafi kadhafi gadhafi kaddafi qadhafi qadhdhafi gathafi",
        "mustafa mustapha moustafa mostafa",
        "ibrahim ebrahim ibraheem",
        "ismail ismael esmail",
        "yahya yahia yehia",
        "jafar jaafar jafer",
        "abu abou",
        "nasrallah nasrullah",
        "mahmud mahmoud mahmood mehmood",
        "mansur mansour mansoor",
        "nur nour noor",
        "jamal gamal djamel jamaal",
        "qasim kasim qassem kassem qasem",
        "rahman rehman rahmon",
        "rasul rasool rassoul",
        "aleksandr alexander alexandr aleksander alexandre alessandro oleksandr alexandros aleksandros iskandar",
        "sergei sergey serhiy sergiy",
        "yuri yury yuriy iurii yurii",
        "dmitri dmitry dmitriy dmytro",
        "vladimir wladimir volodymyr",
        "aleksei alexei alexey aleksey oleksii",
        "mikhail michail mykhailo",
        "nikolai nikolay mykola",
        "evgeny evgeni yevgeny yevgeniy evgenii yevhen",
        "andrei andrey andriy",
        "kim gim",
        "lee yi rhee ri",
        "park bak pak bag",
        "choi choe choe",
        "jung jeong chung",
        "jong jeong chong chung",
        "un eun",
        "zhang chang",
        "wang wong",
        "li lee",
        "john jon",
    ]);

    // Familiar forms of given names (hypocorisms), each row a full name and the forms it is called by. A familiar form
    // is not a spelling of its full name, so it is weaker evidence than a spelling class; a form may belong to several
    // full names (Ted: Edward, Theodore). Forms that are also particles or titles (Al, Ben, Don) are left out.
    private static readonly Dictionary<string, HashSet<string>> FamiliarForms = BuildFamiliarForms(
    [
        // English
        "william bill billy will willy willie liam", "robert bob bobby rob robbie bert", "richard dick rick ricky rich richie",
        "edward ed eddie ted teddy ned", "theodore ted teddy theo", "charles charlie chuck chas", "james jim jimmy jamie",
        "john jack johnny", "jonathan jon jonny", "joseph joe joey", "michael mike mikey mick mickey", "thomas tom tommy",
        "anthony tony", "daniel dan danny", "david dave davey", "stephen steve", "steven steve", "christopher chris kit",
        "nicholas nick nicky", "patrick pat paddy", "peter pete", "henry harry hank", "harold harry hal", "lawrence larry",
        "gerald gerry jerry", "jerome jerry", "benjamin benny benji", "samuel sam sammy", "alexander alex sandy",
        "frederick fred freddie", "alfred alf fred", "douglas doug", "gregory greg", "jeffrey jeff", "kenneth ken kenny",
        "matthew matt", "raymond ray", "ronald ron ronnie", "timothy tim timmy", "walter walt wally", "leonard len lenny",
        "vincent vince vinny", "francis frank", "franklin frank", "albert bert", "eugene gene", "abraham abe", "isaac ike",
        "margaret maggie meg peggy", "elizabeth liz lizzie beth betty bess eliza", "katherine kate katie kathy",
        "catherine cathy kate", "jennifer jen jenny", "rebecca becky", "susan sue susie", "deborah debbie", "barbara barb",
        "patricia pat patty tricia", "victoria vicky", "dorothy dot dolly",
        // Russian and Ukrainian
        "aleksandr sasha sanya shura", "vladimir volodya vova", "dmitri dima mitya", "mikhail misha", "nikolai kolya",
        "sergei seryozha", "evgeny zhenya", "yuri yura", "aleksei alyosha lyosha", "ivan vanya", "pyotr petya", "pavel pasha",
        "konstantin kostya", "anatoly tolya", "viktor vitya", "boris borya", "grigory grisha", "yakov yasha", "maria masha",
        "ekaterina katya", "anastasia nastya", "tatiana tanya", "natalia natasha", "svetlana sveta", "olga olya", "elena lena",
        "irina ira", "lyudmila lyuda", "valentina valya",
        // Spanish, Portuguese, Italian, German
        "jose pepe", "francisco paco pancho chico", "ignacio nacho", "enrique quique", "guillermo memo", "jesus chucho chuy",
        "manuel manolo", "dolores lola", "concepcion concha", "rosario charo", "eduardo lalo", "giuseppe beppe peppe",
        "giovanni gianni", "johannes hans", "josef sepp",
        // Hebrew
        "benjamin bibi beni", "binyamin bibi beni", "yosef yossi", "avraham avi", "yitzhak itzik",
    ]);

    private static readonly HashSet<string> Particles =
    [
        "al", "el", "ad", "ar", "as", "ash", "at", "az", "ul", "ud", "bin", "ben", "ibn", "bint", "binti", "bte", "van", "von", "der", "den",
        "de", "del", "della", "di", "da", "dos", "das", "do", "du", "la", "le", "st", "y", "e", "ter", "ten", "mac", "mc", "ould", "uld",
    ];

    private static readonly HashSet<string> Titles =
    [
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "sheikh", "shaikh", "shaykh", "sheik", "haji", "hajji", "hadji", "alhaji",
        "mullah", "mulla", "maulvi", "mawlawi", "maulana", "mawlana", "qari", "hafiz", "imam", "emir", "amir", "general", "gen", "colonel",
        "col", "captain", "capt", "major", "maj", "lieutenant", "lt", "admiral", "adm", "brigadier", "commander", "cmdr", "sgt", "prince",
        "princess", "king", "president", "minister", "senator", "judge", "rev", "father", "engineer", "eng", "h.e.",
        // Generational suffixes and degrees, which say nothing of who is meant.
        "jr", "jnr", "sr", "snr", "phd", "md",
    ];

    // Legal forms folded to the class of company they denote; a different class on each side is evidence of difference.
    private static readonly Dictionary<string, string> LegalForms = BuildClasses(
    [
        "llc ooo tov gmbh sarl srl sro spzoo bv kft doo mchj ltd limited pty pvt plc llp lp",
        "jsc ao oao zao pao pjsc ojsc cjsc sa ag nv spa asa ab oyj ad jsco kk aktiengesellschaft aktieselskab",
        "inc incorporated corp corporation",
        "fze fzco fzc fzllc",
        "cooperative coop",
        "foundation stiftung fondation fundacion",
        "nonprofit ano nko ngo ev",
    ]);

    // Multi-word legal forms spelled out, as transliterated from the lists, replaced by their class before tokenising.
    private static readonly (string Phrase, string Form)[] LegalPhrases = SortLongestFirst(
    [
        ("obshchestvo s ogranichennoy otvetstvennostyu", "ooo"),
        ("obshchestvo s ogranichennoi otvetstvennostiu", "ooo"),
        ("limited liability company", "llc"),
        ("limited liability partnership", "llp"),
        ("aktsionernoe obshchestvo", "ao"),
        ("aktsionernoye obshchestvo", "ao"),
        ("otkrytoe aktsionernoe obshchestvo", "oao"),
        ("zakrytoe aktsionernoe obshchestvo", "zao"),
        ("publichnoe aktsionernoe obshchestvo", "pao"),
        ("joint stock company", "jsc"),
        ("public joint stock company", "pjsc"),
        ("closed joint stock company", "cjsc"),
        ("open joint stock company", "ojsc"),
        ("private limited company", "ltd"),
        ("public limited company", "plc"),
        ("sociedad anonima", "sa"),
        ("societe anonyme", "sa"),
        ("aktiengesellschaft", "ag"),
        ("gesellschaft mit beschrankter haftung", "gmbh"),
        ("free zone establishment", "fze"),
        ("free zone company", "fzco"),
        ("societatea cu raspundere limitata", "srl"),
        ("societa a responsabilita limitata", "srl"),
        ("sociedad de responsabilidad limitada", "srl"),
        ("societe a responsabilite limitee", "sarl"),
        ("sp z o o", "spzoo"),
        // "Sp. z o.o." as written: the dotted initials close up to "oo".
        ("sp z oo", "spzoo"),
        ("s a r l", "sarl"),
        ("s r l", "srl"),
        ("s a", "sa"),
        // Danish and Norwegian A/S (aktieselskab), split at its slash.
        ("a s", "aktieselskab"),
        ("l l c", "llc"),
        ("co ltd", "ltd"),
        ("private joint stock company", "pjsc"),
    ]);

    // The longest phrase first, so "open joint stock company" is not cut to "open" + "joint stock company".
    private static (string, string)[] SortLongestFirst((string Phrase, string Form)[] phrases) =>
        [.. phrases.OrderByDescending(p => p.Phrase.Length)];

    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["intl"] = "international",
        ["int'l"] = "international",
        ["internat"] = "international",
        ["svcs"] = "services",
        ["srvces"] = "services",
        ["srvcs"] = "services",
        ["svc"] = "services",
        ["serv"] = "services",
        ["service"] = "services",
        ["comp"] = "company",
        ["co"] = "company",
        ["cie"] = "company",
        ["compania"] = "company",
        ["companhia"] = "company",
        ["mfg"] = "manufacturing",
        ["manuf"] = "manufacturing",
        ["tech"] = "technology",
        ["technologies"] = "technology",
        ["ind"] = "industries",
        ["inds"] = "industries",
        ["industry"] = "industries",
        ["industrial"] = "industries",
        ["grp"] = "group",
        ["hldgs"] = "holding",
        ["hldg"] = "holding",
        ["holdings"] = "holding",
        ["natl"] = "national",
        ["nat'l"] = "national",
        ["assn"] = "association",
        ["assoc"] = "association",
        ["govt"] = "government",
        ["bros"] = "brothers",
        ["mgmt"] = "management",
        ["trdg"] = "trading",
        ["shpg"] = "shipping",
        ["engg"] = "engineering",
        ["dev"] = "development",
        ["ent"] = "enterprise",
        ["enterprises"] = "enterprise",
        ["elec"] = "electric",
        ["electrical"] = "electric",
        ["univ"] = "university",
        ["dept"] = "department",
        ["mgt"] = "management",
        ["invest"] = "investment",
        ["investments"] = "investment",
    };

    private static readonly HashSet<string> Generic =
    [
        "company", "group", "holding", "international", "trading", "services", "industries", "enterprise", "the", "and", "of", "for",
        "general", "global", "import", "export", "limited", "corporation", "establishment", "est", "organization", "organisation",
        "technology", "investment", "management", "development", "solutions", "partners", "brothers", "agency", "center", "centre",
        "business", "commercial", "products", "resources",
    ];

    private static readonly HashSet<string> RomanNumerals = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];

    /// <summary>Whether <paramref name="token"/> is listed as a familiar form of some name.</summary>
    public static bool IsFamiliarForm(string token) => FamiliarForms.ContainsKey(token);

    /// <summary>Whether one token is a familiar form of the other's given name (Ted, Theodore; Sasha, Alexander).</summary>
    public static bool AreFamiliarForms(string a, string? aClass, string b, string? bClass) =>
        (FamiliarForms.TryGetValue(a, out var aFull) && aFull.Contains(bClass ?? b))
        || (FamiliarForms.TryGetValue(b, out var bFull) && bFull.Contains(aClass ?? a));

    private static Dictionary<string, HashSet<string>> BuildFamiliarForms(string[] rows)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var words = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // The full name as its spelling class, so Sasha meets Aleksandr, Alexander and Oleksandr alike.
            var full = ClassOf(words[0]) ?? words[0];
            foreach (var form in words.Skip(1))
            {
                if (!map.TryGetValue(form, out var fulls))
                {
                    map[form] = fulls = new HashSet<string>(StringComparer.Ordinal);
                }
                fulls.Add(full);
            }
        }
        return map;
    }

    /// <summary>The canonical member of a spelling class ("mohammed" → "muhammad"), or null when the token is in none.</summary>
    public static string? ClassOf(string token) => Classes.GetValueOrDefault(token);

    /// <summary>The full word an abbreviated company word stands for ("srvces" → "services"), else the token itself.</summary>
    public static string Expand(string token) => Abbreviations.GetValueOrDefault(token, token);

    /// <summary>The legal-form class of a token ("ooo" and "gmbh" → "llc"; a misspelt "aktiengeselschaft" → "jsc"), or null.</summary>
    public static string? LegalFormClass(string token)
    {
        if (LegalForms.TryGetValue(token, out var form))
        {
            return form;
        }
        if (token.Length < 9)
        {
            return null;
        }
        foreach (var (word, wordForm) in LongLegalWords)
        {
            if (Math.Abs(word.Length - token.Length) <= 2 && Scoring.WeightedEditDistance.SimilarityAtLeast(word, token, 0.88))
            {
                return wordForm;
            }
        }
        return null;
    }

    private static readonly (string Word, string Form)[] LongLegalWords =
        [("aktiengesellschaft", "jsc"), ("incorporated", "inc"), ("corporation", "inc"), ("gesellschaft", "llc"), ("kommanditgesellschaft", "llc")];

    public static IReadOnlyList<(string Phrase, string Form)> SpelledOutLegalForms => LegalPhrases;

    /// <summary>The role of a normalised token within a person's or an organisation's name.</summary>
    public static TokenRole RoleOf(string token, bool organization)
    {
        if (token.Length > 0 && char.IsAsciiDigit(token[0]))
        {
            return TokenRole.Number;
        }
        if (organization)
        {
            if (LegalFormClass(token) is not null)
            {
                return TokenRole.LegalForm;
            }
            if (Generic.Contains(token))
            {
                return TokenRole.Generic;
            }
            if (RomanNumerals.Contains(token) && token.Length > 1)
            {
                return TokenRole.Number;
            }
        }
        else if (Titles.Contains(token))
        {
            return TokenRole.Title;
        }
        if (Particles.Contains(token))
        {
            return TokenRole.Particle;
        }
        if (token.Length == 1)
        {
            return TokenRole.Initial;
        }
        return TokenRole.Word;
    }

    private static Dictionary<string, string> BuildClasses(string[] rows)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var members = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var m in members)
            {
                map.TryAdd(m, members[0]);
            }
        }
        return map;
    }
}
