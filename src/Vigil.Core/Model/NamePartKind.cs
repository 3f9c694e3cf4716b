namespace Vigil.Core.Model;

/// <summary>The role of one part of a name as the list gives it.</summary>
/// <remarks>
/// UN and UK lists number their parts (first..sixth name) without saying which one is the surname,
/// so the numbered kinds are kept as given rather than guessed.
/// </remarks>
public enum NamePartKind
{
    Given,
    Middle,
    Family,
    Patronymic,
    Title,
    First,
    Second,
    Third,
    Fourth,
    Fifth,
    Sixth,
}
