using Vigil.Core.Model;

namespace Vigil.Core.Screening;

/// <summary>
/// Which properties each FollowTheMoney schema has (followthemoney/schema/*.yaml, inherited ones included), so that
/// an entity shown in FtM's shape claims only what FtM defines: Vigil's own facts (<c>listingDate</c>,
/// <c>authorityId</c>, <c>crossReference</c>, a sanction's <c>endDate</c>, an organisation's <c>position</c>) belong
/// to a FtM <c>Sanction</c> or to no schema at all, and are kept apart instead.
/// </summary>
public static class FtmSchemata
{
    private static readonly string[] Thing =
    [
        "name", "alias", "previousName", "weakAlias", "country", "summary", "notes", "description", "sourceUrl", "publisher",
        "publisherUrl", "alephUrl", "wikipediaUrl", "wikidataId", "keywords", "topics", "address", "addressEntity", "program",
        "programId", "proof", "indexText", "createdAt", "modifiedAt", "retrievedAt",
    ];

    private static readonly string[] LegalEntity =
    [
        .. Thing, "email", "phone", "website", "legalForm", "incorporationDate", "dissolutionDate", "taxStatus", "status", "sector",
        "classification", "registrationNumber", "idNumber", "taxNumber", "licenseNumber", "vatCode", "jurisdiction", "mainCountry",
        "opencorporatesUrl", "bvdId", "uscCode", "icijId", "okpoCode", "innCode", "ogrnCode", "leiCode", "dunsCode", "uniqueEntityId",
        "npiCode", "swiftBic", "parent",
    ];

    private static readonly string[] Person =
    [
        .. LegalEntity, "title", "firstName", "secondName", "middleName", "fatherName", "motherName", "lastName", "nameSuffix",
        "birthDate", "birthPlace", "birthCountry", "deathDate", "position", "nationality", "citizenship", "passportNumber",
        "socialSecurityNumber", "gender", "ethnicity", "height", "weight", "eyeColor", "hairColor", "appearance", "religion",
        "political", "profession", "education", "spokenLanguage",
    ];

    private static readonly string[] Organization = [.. LegalEntity, "cageCode", "permId", "imoNumber", "giiNumber"];

    // Company extends Organization and Asset (Thing and Value).
    private static readonly string[] Company = [.. Organization, "amount", "currency", "amountUsd", "amountEur", "capital", "ticker", "isinCode", "cikCode"];

    private static readonly string[] Vehicle =
    [
        .. Thing, "amount", "currency", "amountUsd", "amountEur", "registrationNumber", "type", "model", "owner", "operator",
        "buildDate", "registrationDate", "deregistrationDate",
    ];

    private static readonly string[] Vessel =
    [
        .. Vehicle, "imoNumber", "crsNumber", "flag", "registrationPort", "navigationArea", "tonnage", "grossRegisteredTonnage",
        "deadweightTonnage", "nameChangeDate", "callSign", "pastFlags", "pastTypes", "mmsi",
    ];

    private static readonly string[] Airplane = [.. Vehicle, "serialNumber", "icaoCode", "manufacturer"];

    private static readonly Dictionary<string, HashSet<string>> BySchema = new(StringComparer.Ordinal)
    {
        ["Thing"] = [.. Thing],
        ["LegalEntity"] = [.. LegalEntity],
        ["Person"] = [.. Person],
        ["Organization"] = [.. Organization],
        ["Company"] = [.. Company],
        ["Vessel"] = [.. Vessel],
        ["Airplane"] = [.. Airplane],
    };

    /// <summary>FtM's name for a Vigil schema: FtM calls an aircraft <c>Airplane</c>.</summary>
    public static string SchemaName(string schema) => schema == nameof(EntitySchema.Aircraft) ? "Airplane" : schema;

    /// <summary>Whether <paramref name="property"/> is a property of the FtM schema (an unknown schema is read as LegalEntity).</summary>
    public static bool Has(string schema, string property) =>
        (BySchema.TryGetValue(SchemaName(schema), out var properties) ? properties : BySchema["LegalEntity"]).Contains(property);

    /// <summary>
    /// An entity's properties in FtM's terms: those its schema defines (with <paramref name="topics"/> added to
    /// <c>topics</c>), and the rest apart.
    /// </summary>
    public static FtmProperties Split(string schema, IReadOnlyDictionary<string, IReadOnlyList<string>> properties, IReadOnlyList<string> topics)
    {
        var ftm = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var other = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (property, values) in properties)
        {
            (Has(schema, property) ? ftm : other)[property] = values;
        }
        if (topics.Count > 0)
        {
            var listed = ftm.GetValueOrDefault("topics") ?? [];
            ftm["topics"] = [.. listed.Concat(topics).Distinct(StringComparer.Ordinal)];
        }
        return new FtmProperties(SchemaName(schema), ftm, other);
    }
}
