namespace Vigil.Core.Model;

/// <summary>How a list presents a name: its main name, an alias, a weak alias, a former name or the name in its original script.</summary>
public enum NameType
{
    Primary,
    Alias,

    /// <summary>Low-quality alias (UN "Low", OFAC "weak a.k.a."): corroborates a match but never alerts alone.</summary>
    WeakAlias,
    Former,
    OriginalScript,
}
