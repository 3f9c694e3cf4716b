namespace Vigil.Matching;

/// <summary>Every threshold and weight of the matcher, in one place, with why each has its value.</summary>
public static class MatchDefaults
{
    /// <summary>Score at or above which a result is a match (an alert) under the default profile.</summary>
    public const double Threshold = 0.70;

    // Token evidence, strongest first.
    public const double ClassScore = 0.95;
    public const double PhoneticScore = 0.92;
    public const double SkeletonScore = 0.85;
    public const double InitialScore = 0.6;

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

    /// <summary>Unmatched list-side tokens cost this share of their weight: lists spell names out in full (middle names, patronymics).</summary>
    public const double UnmatchedCandidateShare = 0.45;

    /// <summary>Multiplier for each contradiction (a different number, a different legal-form class).</summary>
    public const double ContradictionFactor = 0.55;

    /// <summary>Matched information (sum of weights) below which a match is too thin to trust fully, e.g. one common given name.</summary>
    public const double MinimumInformation = 1.6;
}
