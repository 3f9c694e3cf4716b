namespace Vigil.Core.Merge;

/// <summary>
/// The sanctions regime a listing belongs to, across lists that name it differently (UN "Al-Qaida", UK "ISIL (Da'esh)
/// and Al-Qaida", Australia "1267/1989/2253", OFAC "SDGT" are one regime). Two organisations of the same name on
/// different lists are one when their regimes are compatible: a "Tabarak Investment" listed for Iran and one listed
/// for terrorism are not presumed the same.
/// </summary>
[Flags]
public enum SanctionsRegime
{
    None = 0,
    Terrorism = 1 << 0,
    Dprk = 1 << 1,
    Iran = 1 << 2,
    Russia = 1 << 3,
    Syria = 1 << 4,
    Iraq = 1 << 5,
    Libya = 1 << 6,
    Congo = 1 << 7,
    Sudan = 1 << 8,
    SouthSudan = 1 << 9,
    Somalia = 1 << 10,
    Yemen = 1 << 11,
    CentralAfricanRepublic = 1 << 12,
    Haiti = 1 << 13,
    Mali = 1 << 14,
    Myanmar = 1 << 15,
    Venezuela = 1 << 16,
    Nicaragua = 1 << 17,
    Zimbabwe = 1 << 18,
    Balkans = 1 << 19,
    Cuba = 1 << 20,
    Lebanon = 1 << 21,
    HumanRights = 1 << 22,
    Narcotics = 1 << 23,
    Cyber = 1 << 24,
}
