namespace Vigil.Matching;

/// <summary>Every threshold and weight of the matcher, in one place, with why each has its value.</summary>
public static class MatchDefaults
{
    /// <summary>Score at or above which a result is a match (an alert) under the default profile.</summary>
    /// <remarks>
    /// A score is the matcher's confidence that the query and the listed subject are the same party: 1 for the same
    /// name with corroborating facts, around 0.85 for the same name in another transliteration, around 0.7 for a name
    /// one typo away or missing a part, below 0.5 for names that merely share common words.
    /// </remarks>
    public const double Threshold = 0.70;

    /// <summary>Onboarding (KYC) profile: recall first; an analyst reviews every alert.</summary>
    public const double KycThreshold = 0.62;

    /// <summary>Payments profile: precision first; alerts stop payments in flight.</summary>
    public const double PaymentsThreshold = 0.80;

    public const int ResultLimit = 10;

    /// <summary>Results below this score are not returned at all.</summary>
    public const double ResultCutoff = 0.5;

    /// <summary>
    /// Candidates the index hands to full scoring, best rough score first. 50 kept every expected UN entity of the
    /// yente positive sets while tripling speed over 150 (bench: p50 2.1 ms against 4.2 ms).
    /// </summary>
    public const int CandidateLimit = 50;

    /// <summary>A query token on more names than this is not walked for candidates when the query has a rarer token.</summary>
    public const int CommonPostingLimit = 1500;

    // Qualifiers: facts beside the name that raise or lower the score.
    public const double BirthDateExactBonus = 0.08;
    public const double BirthDateYearBonus = 0.04;
    public const double BirthDateNearBonus = 0.02;
    public const double BirthDateConflictFactor = 0.7;
    public const double CountryBonus = 0.03;
    public const double CountryConflictFactor = 0.92;
    public const double SchemaConflictFactor = 0.6;

    /// <summary>An identical identifier (passport, national id, IMO) alerts whatever the name.</summary>
    public const double IdentifierScore = 0.98;

    // Token evidence, strongest first.
    public const double ClassScore = 0.95;
    public const double PhoneticScore = 0.92;
    public const double SkeletonScore = 0.82;
    public const double InitialScore = 0.8;

    /// <summary>A familiar form and its full name (Ted, Theodore): the same name in use, but not the same spelling.</summary>
    public const double NicknameScore = 0.8;

    /// <summary>A name shortened to its start (Ben/Benjamin): real, but weaker than a full spelling variant.</summary>
    public const double PrefixScore = 0.7;

    /// <summary>Edit similarity at or above which a match of several edits is still confident (long names carry several slips).</summary>
    public const double EditConfidentSimilarity = 0.82;

    /// <summary>
    /// From this written length a token may carry two slips and still be the same name with confidence, as typo
    /// tolerance usually scales with length (one edit up to five letters, two from six): Merkur/Merkel, Sechev/Sechin.
    /// </summary>
    public const int TwoSlipLength = 6;

    /// <summary>
    /// The most weighted edit cost two slips may have to count as confident: one cheap (a vowel, k/g, m/n) and one
    /// full. Castillo/Castro costs more and stays a different name.
    /// </summary>
    public const double TwoSlipCost = 1.5;

    /// <summary>Tokens whose phonetic keys differ in length by more than this are never edit matches.</summary>
    public const int EditMaximumLengthGap = 4;

    /// <summary>A fuzzy pairing at or below this similarity accounts for none of its tokens' weight.</summary>
    public const double CreditFloor = 0.5;

    /// <summary>Evidence of a token one edit away from the other, before the edit's own cost is taken off.</summary>
    public const double SingleEditScore = 0.8;

    /// <summary>Edit similarity at or above which a fuzzy match counts in full.</summary>
    public const double EditConfident = 0.88;

    /// <summary>How fast evidence falls below <see cref="EditConfident"/>: each point of similarity lost costs this many.</summary>
    public const double EditDecay = 1.8;

    /// <summary>Edit similarity is scaled so a fuzzy match never outranks a phonetic one.</summary>
    public const double EditScale = 0.95;

    /// <summary>Least edit similarity that counts as evidence for tokens of six letters or more.</summary>
    public const double EditFloor = 0.62;

    // Weight of a token by its role, before rarity.
    public const double WordWeight = 1.0;
    public const double PatronymicWeight = 0.5;
    public const double InitialWeight = 0.35;
    public const double ParticleWeight = 0.1;
    public const double TitleWeight = 0.05;
    public const double GenericWeight = 0.3;
    public const double NumberWeight = 1.0;
    public const double LegalFormWeight = 0.05;

    /// <summary>
    /// A token present on one side only costs this share of its weight: lists spell names out in full (middle names,
    /// patronymics, grandfathers' names) and customers' records often do too. A token unmatched on both sides is a
    /// substitution and costs in full.
    /// </summary>
    public const double ExtraTokenShare = 0.35;

    /// <summary>
    /// For organisations a word only one side has costs more: "Banco Santander México" is a subsidiary, not the
    /// parent, while a person's extra middle name is usually the same person.
    /// </summary>
    public const double ExtraOrganizationTokenShare = 0.6;

    /// <summary>Multiplier for each contradiction (a different number, a different legal-form class).</summary>
    public const double ContradictionFactor = 0.55;

    /// <summary>
    /// Multiplier when a person's one-word name (a given name alone, or a kunya such as Abu Bakr) meets one part of a
    /// longer query whose other words find nothing there: alone it stays under the alert line, a same birth date
    /// and country lift it back over.
    /// </summary>
    public const double SingleWordNameFactor = 0.8;

    /// <summary>Matched information (sum of weights) below which a match is too thin to trust fully, e.g. one common given name.</summary>
    public const double MinimumInformation = 1.0;

    /// <summary>Least similarity of two whole names written without spaces for that comparison to count.</summary>
    public const double CompactSimilarity = 0.92;

    /// <summary>Most edit cost two whole names written without spaces may differ by (a moved space costs nothing).</summary>
    public const double CompactMaximumCost = 1.2;

    /// <summary>Names shorter than this, written without spaces, are too short to compare whole.</summary>
    public const int CompactMinimumLength = 10;

    /// <summary>Names of the same letters with spaces elsewhere are compared whole from this length, whatever their token counts.</summary>
    public const int CompactSameLettersMinimumLength = 6;

    /// <summary>Score of a name made of initials (PLA) against the full name whose initials they are.</summary>
    public const double AcronymScore = 0.8;
}
