namespace Vigil.Core.Model;

/// <summary>Property names used across parsers; FollowTheMoney names where FollowTheMoney has one.</summary>
public static class Properties
{
    public const string Name = "name";
    public const string Alias = "alias";
    public const string WeakAlias = "weakAlias";
    public const string PreviousName = "previousName";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string FatherName = "fatherName";
    public const string Title = "title";
    public const string BirthDate = "birthDate";
    public const string BirthPlace = "birthPlace";
    public const string DeathDate = "deathDate";
    public const string Nationality = "nationality";
    public const string Citizenship = "citizenship";
    public const string Country = "country";
    public const string Jurisdiction = "jurisdiction";
    public const string Address = "address";
    public const string Gender = "gender";
    public const string Position = "position";
    public const string PassportNumber = "passportNumber";
    public const string IdNumber = "idNumber";
    public const string TaxNumber = "taxNumber";
    public const string RegistrationNumber = "registrationNumber";
    public const string ImoNumber = "imoNumber";
    public const string Flag = "flag";
    public const string Mmsi = "mmsi";
    public const string VesselType = "type";
    public const string Tonnage = "tonnage";
    public const string GrossRegisteredTonnage = "grossRegisteredTonnage";
    public const string BuildDate = "buildDate";
    public const string Model = "model";
    public const string SerialNumber = "serialNumber";
    public const string IncorporationDate = "incorporationDate";
    public const string SwiftBic = "swiftBic";
    public const string CallSign = "callSign";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Website = "website";
    public const string Program = "program";
    public const string ListingDate = "listingDate";
    public const string ModifiedAt = "modifiedAt";
    public const string Notes = "notes";
    public const string SourceUrl = "sourceUrl";

    /// <summary>Another list's record this record quotes, as <c>source:nativeId</c> (e.g. <c>un-sc:QDi.372</c>).</summary>
    public const string CrossReference = "crossReference";
}
