using Vigil.Matching;

namespace Vigil.Core.Model;

/// <summary>One part of a name with its role, e.g. (Family, "KHALIMOV").</summary>
public readonly record struct NamePart(NamePartKind Kind, string Value);

/// <summary>A name exactly as a list gives it, with its type, script, language and parts.</summary>
public sealed record NameEntry(string FullName, NameType Type)
{
    /// <summary>ISO 15924 code of the dominant script (Latn, Cyrl, Arab, Hani...), detected from the text.</summary>
    public string Script { get; init; } = ScriptDetector.Detect(FullName);

    /// <summary>Language the list states for this name, when it states one (ISO 639).</summary>
    public string? Language { get; init; }

    public IReadOnlyList<NamePart> Parts { get; init; } = [];

    // Parts compare by content, so the same name met twice (one person under two programmes) folds into one.
    public bool Equals(NameEntry? other) =>
        other is not null && FullName == other.FullName && Type == other.Type && Script == other.Script
        && Language == other.Language && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => HashCode.Combine(FullName, Type, Language, Parts.Count);

    /// <summary>The FollowTheMoney property a name of this type is published under.</summary>
    public string Property => Type switch
    {
        NameType.Primary => "name",
        NameType.OriginalScript => "name",
        NameType.Alias => "alias",
        NameType.WeakAlias => "weakAlias",
        NameType.Former => "previousName",
        _ => "alias",
    };
}
