using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>US Treasury OFAC legacy XML (<c>sdnList</c> of <c>sdnEntry</c>): sdn.xml and the Consolidated list's consolidated.xml.</summary>
/// <remarks>
/// Both lists share one schema and the file names neither. A file is the Consolidated (non-SDN) list when one of
/// its entries is listed only under non-SDN programme tags (NS-PLC, 561-Related, CMIC-EO13959, ISA, NS-MBS,
/// FSE-...): on the SDN list those tags appear only beside a blocking programme ("SDGT] [NS-PLC"). A first pass
/// reads the entries' programmes to decide, stopping at the first such entry.
/// </remarks>
public sealed class OfacSdnXmlParser : IListParser
{
    private const string SdnSource = "us-ofac-sdn";
    private const string ConsolidatedSource = "us-ofac-cons";
    private const string Entry = "sdnEntry";

    private static readonly HashSet<string> NonSdnPrograms =
        new(["NS-PLC", "561-RELATED", "CMIC-EO13959", "NS-CMIC", "ISA", "NS-ISA", "NS-MBS", "MBS"], StringComparer.OrdinalIgnoreCase);

    public string Format => "us-ofac-xml";

    public string Description => "US OFAC SDN or Consolidated list, legacy XML (sdn.xml / consolidated.xml, root sdnList)";

    public bool CanRead(ListInput input) => !input.IsDirectory && input.HeadText.Contains("<sdnList", StringComparison.Ordinal);

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = IsConsolidated(input.Path, cancellationToken) ? ConsolidatedSource : SdnSource;
        return ReadEntries(input.Path, header, cancellationToken);
    }

    private static IEnumerable<SourceRecord> ReadEntries(string path, ListHeader header, CancellationToken cancellationToken)
    {
        using var reader = SafeXml.Open(path);
        foreach (var (element, where) in SafeXml.Records(reader, path, r => AdvanceToEntry(r, header, path)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadEntry(element, path, where);
        }
    }

    private static bool AdvanceToEntry(XmlReader reader, ListHeader header, string path)
    {
        while (reader.NodeType == XmlNodeType.Element && reader.LocalName == Entry || reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName == Entry)
            {
                return true;
            }
            if (reader.LocalName == "publshInformation")
            {
                ReadPublishInformation((XElement)XNode.ReadFrom(reader), header, path);
            }
        }
        return false;
    }

    private static void ReadPublishInformation(XElement info, ListHeader header, string path)
    {
        if (Text(info, "Publish_Date") is { } date)
        {
            if (!DateTime.TryParseExact(date, ["MM/dd/yyyy", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
            {
                throw new ListFormatException(path, "element Publish_Date", $"'{date}' is not a MM/dd/yyyy date");
            }
            header.Published = published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (Text(info, "Record_Count") is { } count)
        {
            header.DeclaredCount = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new ListFormatException(path, "element Record_Count", $"'{count}' is not a number");
        }
    }

    private static SourceRecord ReadEntry(XElement e, string path, string where)
    {
        var uid = Text(e, "uid") ?? throw new ListFormatException(path, $"element {Entry} at {where}", "entry has no uid");
        var schema = Text(e, "sdnType")?.ToLowerInvariant() switch
        {
            "individual" => EntitySchema.Person,
            "entity" => EntitySchema.Organization,
            "vessel" => EntitySchema.Vessel,
            "aircraft" => EntitySchema.Aircraft,
            var other => throw new ListFormatException(path, $"element {Entry} {uid} at {where}", $"unknown sdnType '{other}'"),
        };
        var record = new SourceRecord(uid, schema) { Location = where };
        var primary = OfacRemarks.Name(Text(e, "lastName"), Text(e, "firstName"), NameType.Primary, schema);
        if (primary.FullName.Length == 0)
        {
            throw new ListFormatException(path, $"element {Entry} {uid} at {where}", "entry has no name");
        }
        record.AddName(primary);
        foreach (var program in Children(e, "programList", "program"))
        {
            if (Value(program) is { } p)
            {
                record.AddDesignation(new Designation(p, Authority: OfacRemarks.Authority));
            }
        }
        record.Add(Properties.Position, Text(e, "title"));

        foreach (var aka in Children(e, "akaList", "aka"))
        {
            var type = string.Equals(Text(aka, "category"), "weak", StringComparison.OrdinalIgnoreCase) ? NameType.WeakAlias
                : string.Equals(Text(aka, "type"), "f.k.a.", StringComparison.OrdinalIgnoreCase) ? NameType.Former
                : NameType.Alias;
            var name = OfacRemarks.Name(Text(aka, "lastName"), Text(aka, "firstName"), type, schema);
            if (name.FullName.Length > 0)
            {
                record.AddName(name);
            }
        }
        foreach (var address in Children(e, "addressList", "address"))
        {
            record.Add(Properties.Address, Join(", ",
                Text(address, "address1"), Text(address, "address2"), Text(address, "address3"), Text(address, "city"),
                Text(address, "stateOrProvince"), Text(address, "postalCode"), Text(address, "country"), Text(address, "region")));
            record.Add(Properties.Country, Text(address, "country"));
        }
        foreach (var id in Children(e, "idList", "id"))
        {
            AddIdentifier(record, id);
        }
        foreach (var dob in Children(e, "dateOfBirthList", "dateOfBirthItem"))
        {
            record.AddDate(Properties.BirthDate, Text(dob, "dateOfBirth"));
        }
        foreach (var pob in Children(e, "placeOfBirthList", "placeOfBirthItem"))
        {
            record.Add(Properties.BirthPlace, Text(pob, "placeOfBirth"));
        }
        foreach (var nationality in Children(e, "nationalityList", "nationality"))
        {
            record.Add(Properties.Nationality, Text(nationality, "country"));
        }
        foreach (var citizenship in Children(e, "citizenshipList", "citizenship"))
        {
            record.Add(Properties.Citizenship, Text(citizenship, "country"));
        }
        if (Child(e, "vesselInfo") is { } vessel)
        {
            record.Add(Properties.CallSign, Text(vessel, "callSign"));
            record.Add(Properties.VesselType, Text(vessel, "vesselType"));
            record.Add(Properties.Flag, Text(vessel, "vesselFlag"));
            record.Add(Properties.Tonnage, Text(vessel, "tonnage"));
            record.Add(Properties.GrossRegisteredTonnage, Text(vessel, "grossRegisteredTonnage"));
            if (Text(vessel, "vesselOwner") is { } owner)
            {
                record.Add(Properties.Notes, "Vessel owner: " + owner);
            }
        }
        if (Text(e, "remarks") is { } remarks)
        {
            OfacRemarks.Apply(record, remarks);
        }
        return record;
    }

    /// <summary>
    /// An idList item is one remarks clause split into fields ("Passport" / "018840" / "Tajikistan"), and carries
    /// the same non-document facts as remarks do (Website, Gender, "Secondary sanctions risk:"): it is rebuilt as
    /// the clause the CSV would show and read by the same rules.
    /// </summary>
    private static void AddIdentifier(SourceRecord record, XElement id)
    {
        var type = Text(id, "idType");
        var number = Text(id, "idNumber");
        if (type is null && number is null)
        {
            return;
        }
        var clause = Join(" ", type, number)!;
        if (Text(id, "idCountry") is { } country)
        {
            clause += $" ({country})";
        }
        if (Text(id, "issueDate") is { } issued)
        {
            clause += " issued " + issued;
        }
        if (Text(id, "expirationDate") is { } expires)
        {
            clause += " expires " + expires;
        }
        OfacRemarks.ApplyClause(record, clause);
    }

    private static bool IsConsolidated(string path, CancellationToken cancellationToken)
    {
        using var reader = SafeXml.Open(path);
        try
        {
            while (reader.NodeType == XmlNodeType.Element && reader.LocalName == Entry || reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != Entry)
                {
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                var entry = (XElement)XNode.ReadFrom(reader);
                var programs = Children(entry, "programList", "program").Select(Value).OfType<string>().ToList();
                if (programs.Count > 0 && programs.All(IsNonSdnProgram))
                {
                    return true;
                }
            }
        }
        catch (XmlException e)
        {
            throw SafeXml.Malformed(path, e);
        }
        return false;
    }

    private static bool IsNonSdnProgram(string program) =>
        NonSdnPrograms.Contains(program) || program.StartsWith("FSE-", StringComparison.OrdinalIgnoreCase);

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(x => x.Name.LocalName == localName);

    private static IEnumerable<XElement> Children(XElement parent, string listName, string itemName) =>
        parent.Elements().Where(x => x.Name.LocalName == listName).Elements().Where(x => x.Name.LocalName == itemName);

    private static string? Text(XElement parent, string localName) => Child(parent, localName) is { } child ? Value(child) : null;

    private static string? Value(XElement element)
    {
        var value = element.Value.Trim();
        return value.Length == 0 ? null : value;
    }

    private static string? Join(string separator, params string?[] parts)
    {
        var joined = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return joined.Length == 0 ? null : joined;
    }
}
