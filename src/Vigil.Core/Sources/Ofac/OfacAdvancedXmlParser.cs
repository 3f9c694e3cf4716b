using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>
/// US Treasury OFAC lists in the Advanced Sanctions Data Model XML (<c>Sanctions</c>, namespace
/// <c>http://www.un.org/sanctions/1.0</c>): SDN_ADVANCED.xml and cons_advanced.xml.
/// </summary>
/// <remarks>
/// Lookup tables, locations, identity documents, relationships and sanctions entries sit outside the
/// <c>DistinctParty</c> elements, so a first streaming pass collects only those (compactly, keyed by id) and a
/// second streaming pass yields one record per DistinctParty. The native id is the party's FixedRef, OFAC's ent_num.
/// Source: a file whose sanctions entries use the "Consolidated List", or use no "SDN List" entry at all, is the
/// Consolidated (non-SDN) list <c>us-ofac-cons</c>; otherwise it is <c>us-ofac-sdn</c>. The rule is needed because
/// the consolidated file also lists a few parties' SDN entries (9 in the 2020 file) next to their non-SDN ones.
/// </remarks>
public sealed class OfacAdvancedXmlParser : IListParser
{
    private const string Namespace = "http://www.un.org/sanctions/1.0";

    public string Format => "us-ofac-advanced-xml";

    public string Description => "US OFAC SDN or Consolidated list, Advanced Sanctions Data Model XML (SDN_ADVANCED.xml, cons_advanced.xml)";

    public bool CanRead(ListInput input)
    {
        if (input.IsDirectory)
        {
            return false;
        }
        var head = input.HeadText;
        return head.Contains("<Sanctions", StringComparison.Ordinal) && head.Contains(Namespace, StringComparison.Ordinal);
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        var tables = ReadTables(input.Path, header, cancellationToken);
        header.Source = tables.DecideSource();
        using var reader = SafeXml.Open(input.Path);
        foreach (var party in SafeXml.Guard(PartyElements(reader), input.Path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadParty(party.Element, tables, input.Path, party.Where);
        }
    }

    private static XName N(string localName) => XName.Get(localName, Namespace);

    /// <summary>First pass: everything a party refers to by id, plus the issue date.</summary>
    private static AdvancedTables ReadTables(string path, ListHeader header, CancellationToken cancellationToken)
    {
        var tables = new AdvancedTables();
        try
        {
            using var reader = SafeXml.Open(path);
            reader.MoveToContent();
            if (reader.LocalName != "Sanctions" || reader.NamespaceURI != Namespace)
            {
                throw new ListFormatException(path, SafeXml.Where(reader), $"root element is {reader.Name}, expected Sanctions in {Namespace}");
            }
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
                {
                    reader.Read();
                    continue;
                }
                cancellationToken.ThrowIfCancellationRequested();
                switch (reader.LocalName)
                {
                    case "DateOfIssue":
                        header.Published = DateOf((XElement)XNode.ReadFrom(reader));
                        break;
                    case "ReferenceValueSets":
                        tables.AddReferenceValues((XElement)XNode.ReadFrom(reader));
                        break;
                    case "Locations":
                        foreach (var (e, _) in SafeXml.Children(reader))
                        {
                            tables.AddLocation(e);
                        }
                        break;
                    case "IDRegDocuments":
                        foreach (var (e, _) in SafeXml.Children(reader))
                        {
                            tables.AddDocument(e);
                        }
                        break;
                    case "ProfileRelationships":
                        foreach (var (e, _) in SafeXml.Children(reader))
                        {
                            tables.AddRelationship(e);
                        }
                        break;
                    case "SanctionsEntries":
                        foreach (var (e, _) in SafeXml.Children(reader))
                        {
                            tables.AddEntry(e);
                        }
                        break;
                    default:
                        // DistinctParties are read in the second pass; skipping keeps this pass's memory small.
                        reader.Skip();
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw SafeXml.Malformed(path, e);
        }
        return tables;
    }

    /// <summary>Second pass: each DistinctParty element with its position.</summary>
    private static IEnumerable<(XElement Element, string Where)> PartyElements(XmlReader reader)
    {
        reader.MoveToContent();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "DistinctParties")
            {
                foreach (var child in SafeXml.Children(reader))
                {
                    yield return child;
                }
                continue;
            }
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                reader.Skip();
                continue;
            }
            reader.Read();
        }
    }

    private static SourceRecord ReadParty(XElement party, AdvancedTables tables, string path, string where)
    {
        var id = Attr(party, "FixedRef")
            ?? throw new ListFormatException(path, $"element DistinctParty at {where}", "party has no FixedRef (OFAC ent_num)");
        var profile = party.Element(N("Profile"))
            ?? throw new ListFormatException(path, $"element DistinctParty {id} at {where}", "party has no Profile");
        var profileId = Attr(profile, "ID") ?? id;
        var schema = tables.SchemaOf(Attr(profile, "PartySubTypeID"));
        var record = new SourceRecord(id, schema) { Location = where };

        foreach (var identity in profile.Elements(N("Identity")))
        {
            AddNames(record, identity, tables, schema);
            foreach (var document in tables.DocumentsOf(Attr(identity, "ID")))
            {
                AddDocument(record, document, tables);
            }
        }
        if (record.Names.Count == 0)
        {
            throw new ListFormatException(path, $"element DistinctParty {id} at {where}", "party has no name");
        }
        foreach (var feature in profile.Elements(N("Feature")))
        {
            AddFeature(record, feature, tables);
        }
        foreach (var comment in new[] { Text(party, "Comment"), Text(profile, "Comment") })
        {
            record.Add(Properties.Notes, comment);
            foreach (var (reference, quoted) in UnReferenceFinder.Find(comment))
            {
                record.AddCrossReference(reference, quoted);
            }
        }
        AddEntries(record, tables.EntriesOf(profileId), tables);
        foreach (var note in tables.RelationshipNotesOf(profileId))
        {
            record.Add(Properties.Notes, note);
        }
        return record;
    }

    private static void AddNames(SourceRecord record, XElement identity, AdvancedTables tables, EntitySchema schema)
    {
        var groupTypes = identity.Descendants(N("NamePartGroup"))
            .Where(g => Attr(g, "ID") is not null)
            .GroupBy(g => Attr(g, "ID")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => tables.Value("NamePartType", Attr(g.First(), "NamePartTypeID")), StringComparer.Ordinal);
        foreach (var alias in identity.Elements(N("Alias")))
        {
            var aliasType = tables.Value("AliasType", Attr(alias, "AliasTypeID"));
            var type = OfacVocabulary.NameTypeOf(
                primary: Attr(alias, "Primary") == "true",
                lowQuality: Attr(alias, "LowQuality") == "true",
                aliasType);
            foreach (var name in alias.Elements(N("DocumentedName")))
            {
                var values = new List<(string? PartType, string Value)>();
                string? script = null;
                foreach (var value in name.Elements(N("DocumentedNamePart")).Elements(N("NamePartValue")))
                {
                    var text = value.Value.Trim();
                    if (text.Length == 0)
                    {
                        continue;
                    }
                    values.Add((groupTypes.GetValueOrDefault(Attr(value, "NamePartGroupID") ?? ""), text));
                    script ??= tables.Value("Script", Attr(value, "ScriptID"));
                }
                var entry = OfacVocabulary.Name(values, type, script, schema);
                if (entry is not null)
                {
                    record.AddName(entry);
                }
            }
        }
    }

    private static void AddFeature(SourceRecord record, XElement feature, AdvancedTables tables)
    {
        var featureType = tables.Value("FeatureType", Attr(feature, "FeatureTypeID")) ?? "Feature " + Attr(feature, "FeatureTypeID");
        foreach (var version in feature.Elements(N("FeatureVersion")))
        {
            var comment = Text(version, "Comment");
            var period = version.Element(N("DatePeriod"));
            if (period is not null && DateOfPeriod(period) is { } date)
            {
                OfacVocabulary.AddFeatureDate(record, featureType, date.Edtf, date.Original);
            }
            foreach (var location in version.Elements(N("VersionLocation")))
            {
                var place = tables.LocationOf(Attr(location, "LocationID"));
                if (place is not null)
                {
                    OfacVocabulary.AddFeaturePlace(record, featureType, place.Address, place.Country);
                }
            }
            foreach (var detail in version.Elements(N("VersionDetail")))
            {
                var value = Attr(detail, "DetailReferenceID") is { } reference
                    ? tables.Value("DetailReference", reference)
                    : NullIfEmpty(detail.Value);
                if (value is not null)
                {
                    OfacVocabulary.AddFeatureValue(record, featureType, value);
                }
            }
            if (comment is not null)
            {
                record.Add(Properties.Notes, OfacVocabulary.Labelled(featureType, comment));
            }
        }
    }

    private static void AddDocument(SourceRecord record, DocumentRow document, AdvancedTables tables)
    {
        var type = tables.Value("IDRegDocType", document.TypeId) ?? "Identification";
        var details = new List<string>();
        if (tables.CountryName(document.IssuedByCountryId) is { } country)
        {
            details.Add("issued by " + country);
        }
        if (tables.LocationOf(document.IssuedInLocationId) is { } place)
        {
            details.Add("issued in " + (place.Address ?? place.Country));
        }
        if (document.Authority is not null)
        {
            details.Add("issuing authority " + document.Authority);
        }
        foreach (var (dateTypeId, date) in document.Dates)
        {
            details.Add((tables.Value("IDRegDocDateType", dateTypeId) ?? "date") + " " + date);
        }
        var validity = tables.Value("Validity", document.ValidityId);
        if (validity is not null && !validity.Equals("Valid", StringComparison.OrdinalIgnoreCase))
        {
            details.Add(validity);
        }
        if (document.Comment is not null)
        {
            details.Add(document.Comment);
        }
        OfacVocabulary.AddDocument(record, type, document.Number, details);
    }

    private static void AddEntries(SourceRecord record, List<EntryRow> entries, AdvancedTables tables)
    {
        foreach (var entry in entries)
        {
            var list = tables.Value("List", entry.ListId) ?? "List " + entry.ListId;
            var listedOn = entry.Events.Select(e => e.Date).Where(d => d is not null).Order(StringComparer.Ordinal).FirstOrDefault();
            var programs = new List<string>();
            foreach (var (typeId, comment) in entry.Measures)
            {
                var measure = tables.Value("SanctionsType", typeId);
                if (string.Equals(measure, "Program", StringComparison.OrdinalIgnoreCase))
                {
                    if (comment is not null)
                    {
                        programs.Add(comment);
                    }
                    continue;
                }
                AddOnce(record, OfacVocabulary.Provisions, measure);
                AddOnce(record, Properties.Notes, comment);
            }
            if (programs.Count == 0)
            {
                programs.Add(list);
            }
            foreach (var program in programs)
            {
                record.AddDesignation(new Designation(program, listedOn, OfacVocabulary.Authority, list));
            }
            foreach (var (_, legalBasisId, comment) in entry.Events)
            {
                var basis = tables.LegalBasis(legalBasisId);
                if (basis is not null && !basis.Equals("Unknown", StringComparison.OrdinalIgnoreCase))
                {
                    AddOnce(record, Properties.Notes, "Legal basis: " + basis);
                }
                AddOnce(record, Properties.Notes, comment);
            }
        }
    }

    // Every list entry of a party repeats the same measures and legal bases; one statement of each is enough.
    private static void AddOnce(SourceRecord record, string property, string? value)
    {
        if (value is not null && !record.Statements.Contains(new Statement(property, value)))
        {
            record.Add(property, value);
        }
    }

    /// <summary>An OFAC DatePeriod as EDTF: its earliest possible start to its latest possible end.</summary>
    private static (string Edtf, string Original)? DateOfPeriod(XElement period)
    {
        var start = period.Element(N("Start"));
        var end = period.Element(N("End"));
        var from = DateOnlyOf(start?.Element(N("From"))) ?? DateOnlyOf(start?.Element(N("To")));
        var to = DateOnlyOf(end?.Element(N("To"))) ?? DateOnlyOf(end?.Element(N("From")));
        from ??= to;
        to ??= from;
        if (from is null || to is null)
        {
            return null;
        }
        var approximate = Attr(start, "Approximate") == "true" || Attr(end, "Approximate") == "true";
        return OfacVocabulary.Period(from.Value, to.Value, approximate);
    }

    private static DateOnly? DateOnlyOf(XElement? date)
    {
        if (date is null
            || !int.TryParse(Text(date, "Year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year is < 1 or > 9999)
        {
            return null;
        }
        _ = int.TryParse(Text(date, "Month"), NumberStyles.None, CultureInfo.InvariantCulture, out var month);
        _ = int.TryParse(Text(date, "Day"), NumberStyles.None, CultureInfo.InvariantCulture, out var day);
        month = month is >= 1 and <= 12 ? month : 1;
        day = day >= 1 && day <= DateTime.DaysInMonth(year, month) ? day : 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>A Year/Month/Day element as yyyy-MM-dd (or shorter when parts are missing).</summary>
    private static string? DateOf(XElement date)
    {
        if (!int.TryParse(Text(date, "Year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return null;
        }
        _ = int.TryParse(Text(date, "Month"), NumberStyles.None, CultureInfo.InvariantCulture, out var month);
        _ = int.TryParse(Text(date, "Day"), NumberStyles.None, CultureInfo.InvariantCulture, out var day);
        return PartialDate.Format(year, month, day);
    }

    private static string? Attr(XElement? element, string name) => NullIfEmpty(element?.Attribute(name)?.Value);

    private static string? Text(XElement parent, string localName) => NullIfEmpty(parent.Element(N(localName))?.Value);

    private static string? NullIfEmpty(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private sealed record LocationRow(string? Address, string? Country);

    private sealed record DocumentRow(
        string? TypeId, string? Number, string? IssuedByCountryId, string? IssuedInLocationId,
        string? Authority, string? Comment, string? ValidityId, List<(string? DateTypeId, string Date)> Dates);

    private sealed record EntryRow(string? ListId, List<(string? Date, string? LegalBasisId, string? Comment)> Events, List<(string? TypeId, string? Comment)> Measures);

    /// <summary>What the first pass keeps: reference values, and the rows parties point at, keyed by id.</summary>
    private sealed class AdvancedTables
    {
        private readonly Dictionary<string, XElement> _values = new(StringComparer.Ordinal);
        private readonly List<(string Id, List<(string? TypeId, string Value)> Parts, string? CountryId)> _rawLocations = [];
        private readonly Dictionary<string, List<DocumentRow>> _documents = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<EntryRow>> _entries = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _relationshipNotes = new(StringComparer.Ordinal);
        private readonly List<(string? From, string? To, string? TypeId, bool Former)> _rawRelationships = [];
        private readonly HashSet<string> _listIdsUsed = new(StringComparer.Ordinal);
        private Dictionary<string, LocationRow>? _locations;

        public void AddReferenceValues(XElement sets)
        {
            foreach (var value in sets.Elements().Elements())
            {
                if (Attr(value, "ID") is { } id)
                {
                    _values[value.Name.LocalName + ":" + id] = value;
                }
            }
        }

        public string? Value(string kind, string? id) =>
            id is not null && _values.TryGetValue(kind + ":" + id, out var e) ? NullIfEmpty(e.Value) : null;

        private XElement? ValueElement(string kind, string? id) =>
            id is not null && _values.TryGetValue(kind + ":" + id, out var e) ? e : null;

        public string? CountryName(string? id) => Value("Country", id);

        public string? LegalBasis(string? id) => Value("LegalBasis", id);

        public void AddLocation(XElement location)
        {
            if (Attr(location, "ID") is not { } id)
            {
                return;
            }
            var parts = location.Elements(N("LocationPart"))
                .Select(p => (Attr(p, "LocPartTypeID"), NullIfEmpty(p.Elements(N("LocationPartValue")).FirstOrDefault(v => Attr(v, "Primary") != "false")?.Element(N("Value"))?.Value)))
                .Where(p => p.Item2 is not null)
                .Select(p => (p.Item1, p.Item2!))
                .ToList();
            _rawLocations.Add((id, parts, Attr(location.Element(N("LocationCountry")), "CountryID")));
        }

        /// <summary>A location as (address text, country name); resolved lazily because reference values may follow locations.</summary>
        public LocationRow? LocationOf(string? id)
        {
            if (id is null)
            {
                return null;
            }
            _locations ??= ResolveLocations();
            return _locations.GetValueOrDefault(id);
        }

        private Dictionary<string, LocationRow> ResolveLocations()
        {
            var resolved = new Dictionary<string, LocationRow>(StringComparer.Ordinal);
            foreach (var (id, parts, countryId) in _rawLocations)
            {
                var country = CountryName(countryId);
                var address = OfacVocabulary.Address(parts.Select(p => (Value("LocPartType", p.TypeId) ?? "", p.Value)).ToList(), country);
                if (address is not null)
                {
                    resolved[id] = new LocationRow(address, country);
                }
            }
            _rawLocations.Clear();
            return resolved;
        }

        public void AddDocument(XElement document)
        {
            var identity = Attr(document, "IdentityID");
            if (identity is null)
            {
                return;
            }
            var dates = new List<(string?, string)>();
            foreach (var date in document.Elements(N("DocumentDate")))
            {
                var period = date.Element(N("DatePeriod"));
                if (period is not null && DateOfPeriod(period) is { } d)
                {
                    dates.Add((Attr(date, "IDRegDocDateTypeID"), d.Edtf));
                }
            }
            var row = new DocumentRow(
                Attr(document, "IDRegDocTypeID"),
                Text(document, "IDRegistrationNo"),
                Attr(document, "IssuedBy-CountryID"),
                Attr(document, "IssuedIn-LocationID"),
                Text(document, "IssuingAuthority"),
                Text(document, "Comment"),
                Attr(document, "ValidityID"),
                dates);
            if (!_documents.TryGetValue(identity, out var rows))
            {
                _documents[identity] = rows = [];
            }
            rows.Add(row);
        }

        public List<DocumentRow> DocumentsOf(string? identityId) =>
            identityId is not null && _documents.TryGetValue(identityId, out var rows) ? rows : [];

        public void AddRelationship(XElement relationship) =>
            _rawRelationships.Add((
                Attr(relationship, "From-ProfileID"),
                Attr(relationship, "To-ProfileID"),
                Attr(relationship, "RelationTypeID"),
                Attr(relationship, "Former") == "true"));

        /// <summary>Relationships as notes on both profiles: the list states them once, between two of its own ids.</summary>
        public List<string> RelationshipNotesOf(string profileId)
        {
            if (_rawRelationships.Count > 0)
            {
                foreach (var (from, to, typeId, former) in _rawRelationships)
                {
                    if (from is null || to is null)
                    {
                        continue;
                    }
                    var type = Value("RelationType", typeId) ?? "Related to";
                    var prefix = former ? "Former relationship: " : "";
                    AddNote(from, $"{prefix}{type}: {to}");
                    AddNote(to, $"{prefix}{from} is {type} this party");
                }
                _rawRelationships.Clear();
            }
            return _relationshipNotes.TryGetValue(profileId, out var notes) ? notes : [];

            void AddNote(string id, string note)
            {
                if (!_relationshipNotes.TryGetValue(id, out var list))
                {
                    _relationshipNotes[id] = list = [];
                }
                list.Add(note);
            }
        }

        public void AddEntry(XElement entry)
        {
            var profile = Attr(entry, "ProfileID");
            if (profile is null)
            {
                return;
            }
            var listId = Attr(entry, "ListID");
            if (listId is not null)
            {
                _listIdsUsed.Add(listId);
            }
            var events = entry.Elements(N("EntryEvent"))
                .Select(e => (e.Element(N("Date")) is { } d ? DateOf(d) : null, Attr(e, "LegalBasisID"), Text(e, "Comment")))
                .ToList();
            var measures = entry.Elements(N("SanctionsMeasure"))
                .Select(m => (Attr(m, "SanctionsTypeID"), Text(m, "Comment")))
                .ToList();
            if (!_entries.TryGetValue(profile, out var rows))
            {
                _entries[profile] = rows = [];
            }
            rows.Add(new EntryRow(listId, events, measures));
        }

        public List<EntryRow> EntriesOf(string profileId) =>
            _entries.TryGetValue(profileId, out var rows) ? rows : [];

        public string DecideSource() =>
            OfacVocabulary.SourceOf(_listIdsUsed.Select(id => Value("List", id) ?? ""));

        public EntitySchema SchemaOf(string? partySubTypeId)
        {
            var subType = ValueElement("PartySubType", partySubTypeId);
            var subTypeName = NullIfEmpty(subType?.Value);
            var partyType = Value("PartyType", Attr(subType, "PartyTypeID"));
            return OfacVocabulary.SchemaOf(partyType, subTypeName);
        }
    }
}

/// <summary>OFAC's vocabulary shared by the advanced and enhanced XML formats: feature, document and name-part types.</summary>
internal static class OfacVocabulary
{
    public const string Authority = "OFAC";

    /// <summary>FollowTheMoney Sanction property for the scope of a measure (Block, Reject, a sectoral directive).</summary>
    public const string Provisions = "provisions";

    public const string SdnSource = "us-ofac-sdn";
    public const string ConsolidatedSource = "us-ofac-cons";

    // Location parts in the order an address is written.
    private static readonly string[] AddressOrder = ["ADDRESS1", "ADDRESS2", "ADDRESS3", "CITY", "STATE/PROVINCE", "POSTAL CODE", "REGION"];

    private static readonly Dictionary<string, string> FeatureProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Birthdate"] = Properties.BirthDate,
        ["Place of Birth"] = Properties.BirthPlace,
        ["Nationality Country"] = Properties.Nationality,
        ["Citizenship Country"] = Properties.Citizenship,
        ["Gender"] = Properties.Gender,
        ["Title"] = Properties.Title,
        ["Website"] = Properties.Website,
        ["Email Address"] = Properties.Email,
        ["Phone Number"] = Properties.Phone,
        ["Location"] = Properties.Address,
        ["SWIFT/BIC"] = "swiftBic",
        ["BIK (RU)"] = "bikCode",
        ["Equity Ticker"] = "ticker",
        ["Organization Established Date"] = "incorporationDate",
        ["Organization Type:"] = "legalForm",
        ["Vessel Call Sign"] = Properties.CallSign,
        ["Other Vessel Call Sign"] = Properties.CallSign,
        ["Vessel Flag"] = Properties.Flag,
        ["Other Vessel Flag"] = Properties.Flag,
        ["Former Vessel Flag"] = "pastFlags",
        ["Vessel Type"] = "type",
        ["Vessel Tonnage"] = "tonnage",
        ["VESSEL GRT"] = "grossRegisteredTonnage",
        ["Vessel Year of Build"] = "buildDate",
        ["Aircraft Tail Number"] = Properties.RegistrationNumber,
        ["Aircraft Model"] = "model",
        ["Aircraft Manufacture Date"] = "buildDate",
        ["Aircraft Manufacturer's Serial Number (MSN)"] = "serialNumber",
    };

    /// <summary>The source a file belongs to from the names of the lists its entries are on (see the parsers' remarks).</summary>
    public static string SourceOf(IEnumerable<string> listNames)
    {
        var names = listNames.ToList();
        if (names.Any(n => n.Equals("Consolidated List", StringComparison.OrdinalIgnoreCase)))
        {
            return ConsolidatedSource;
        }
        return names.Count > 0 && !names.Any(n => n.Equals("SDN List", StringComparison.OrdinalIgnoreCase))
            ? ConsolidatedSource
            : SdnSource;
    }

    public static EntitySchema SchemaOf(string? partyType, string? subType)
    {
        foreach (var kind in new[] { subType, partyType })
        {
            switch (kind?.ToUpperInvariant())
            {
                case "VESSEL":
                    return EntitySchema.Vessel;
                case "AIRCRAFT":
                    return EntitySchema.Aircraft;
                case "INDIVIDUAL":
                    return EntitySchema.Person;
                default:
                    break;
            }
        }
        return EntitySchema.Organization;
    }

    public static NameType NameTypeOf(bool primary, bool lowQuality, string? aliasType)
    {
        if (primary)
        {
            return NameType.Primary;
        }
        if (lowQuality)
        {
            return NameType.WeakAlias;
        }
        return aliasType?.ToUpperInvariant() switch
        {
            "F.K.A." => NameType.Former,
            _ => NameType.Alias,
        };
    }

    /// <summary>A name from its typed parts, written as OFAC writes it ("HANIYA, Ismail Abdul Salah" for a person).</summary>
    public static NameEntry? Name(IReadOnlyList<(string? PartType, string Value)> values, NameType type, string? script, EntitySchema schema, string? fullName = null)
    {
        if (values.Count == 0 && string.IsNullOrWhiteSpace(fullName))
        {
            return null;
        }
        var parts = schema == EntitySchema.Person
            ? values.Select(v => (Kind: PartKind(v.PartType), v.Value)).Where(p => p.Kind is not null).Select(p => new NamePart(p.Kind!.Value, p.Value)).ToArray()
            : [];
        if (string.IsNullOrWhiteSpace(fullName))
        {
            var family = values.Where(v => PartKind(v.PartType) == NamePartKind.Family).Select(v => v.Value).ToList();
            var rest = values.Where(v => PartKind(v.PartType) != NamePartKind.Family).Select(v => v.Value).ToList();
            fullName = schema == EntitySchema.Person && family.Count > 0 && rest.Count > 0
                ? string.Join(' ', family) + ", " + string.Join(' ', rest)
                : string.Join(' ', values.Select(v => v.Value));
        }
        var isLatin = script is null || script.StartsWith("Latin", StringComparison.OrdinalIgnoreCase);
        return new NameEntry(fullName, isLatin || type == NameType.WeakAlias ? type : NameType.OriginalScript) { Parts = parts };
    }

    private static NamePartKind? PartKind(string? partType) => partType?.ToUpperInvariant() switch
    {
        "LAST NAME" => NamePartKind.Family,
        "MAIDEN NAME" => NamePartKind.Family,
        "MATRONYMIC" => NamePartKind.Family,
        "FIRST NAME" => NamePartKind.Given,
        "MIDDLE NAME" => NamePartKind.Middle,
        "PATRONYMIC" => NamePartKind.Patronymic,
        "TITLE" => NamePartKind.Title,
        _ => null,
    };

    /// <summary>A date span as EDTF text plus the wording it was built from: a day, a month, a year or a range, "~" when approximate.</summary>
    public static (string Edtf, string Original) Period(DateOnly from, DateOnly to, bool approximate)
    {
        if (to < from)
        {
            (from, to) = (to, from);
        }
        string a, b;
        if (from.Month == 1 && from.Day == 1 && to.Month == 12 && to.Day == 31)
        {
            a = PartialDate.Format(from.Year);
            b = PartialDate.Format(to.Year);
        }
        else if (from.Day == 1 && to.Day == DateTime.DaysInMonth(to.Year, to.Month))
        {
            a = PartialDate.Format(from.Year, from.Month);
            b = PartialDate.Format(to.Year, to.Month);
        }
        else
        {
            a = PartialDate.Format(from.Year, from.Month, from.Day);
            b = PartialDate.Format(to.Year, to.Month, to.Day);
        }
        var circa = approximate ? "~" : "";
        var edtf = a == b ? a + circa : PartialDate.Range(a + circa, b + circa);
        var original = a == b ? a : $"between {a} and {b}";
        return (edtf, approximate ? "circa " + original : original);
    }

    /// <summary>Address parts (type, value) in the order an address is written, then the country; null when empty.</summary>
    public static string? Address(IReadOnlyList<(string Type, string Value)> parts, string? country)
    {
        var ordered = parts.OrderBy(p => AddressRank(p.Type)).Select(p => p.Value).Append(country).OfType<string>();
        var address = string.Join(", ", ordered);
        return address.Length == 0 ? null : address;
    }

    private static int AddressRank(string partType)
    {
        var rank = Array.IndexOf(AddressOrder, partType.ToUpperInvariant());
        return rank < 0 ? AddressOrder.Length : rank;
    }

    public static void AddFeatureDate(SourceRecord record, string featureType, string edtf, string original)
    {
        if (FeatureProperties.TryGetValue(featureType, out var property) && IsDateProperty(property))
        {
            record.Add(property, edtf, original);
            return;
        }
        record.Add(Properties.Notes, Labelled(featureType, original));
    }

    public static void AddFeaturePlace(SourceRecord record, string featureType, string? address, string? country)
    {
        if (FeatureProperties.GetValueOrDefault(featureType) == Properties.Address)
        {
            record.Add(Properties.Address, address);
            record.Add(Properties.Country, country);
            return;
        }
        // Nationality, citizenship, registration: the country is the value; a bare place name stands in for it.
        if ((country ?? address) is { } value)
        {
            AddFeatureValue(record, featureType, value);
        }
    }

    public static void AddFeatureValue(SourceRecord record, string featureType, string value)
    {
        if (featureType.Equals("Nationality of Registration", StringComparison.OrdinalIgnoreCase))
        {
            record.Add(record.Schema == EntitySchema.Person ? Properties.Nationality : Properties.Jurisdiction, value);
            return;
        }
        if (featureType.Contains("IMO", StringComparison.Ordinal))
        {
            record.Add(Properties.ImoNumber, value);
            return;
        }
        if (!FeatureProperties.TryGetValue(featureType, out var property))
        {
            record.Add(Properties.Notes, Labelled(featureType, value));
            return;
        }
        if (IsDateProperty(property))
        {
            record.AddDate(property, value);
            return;
        }
        record.Add(property, property == Properties.Gender ? value.ToLowerInvariant() : value);
    }

    private static bool IsDateProperty(string property) =>
        property is Properties.BirthDate or "incorporationDate" or "buildDate";

    /// <summary>"Type: value", without doubling the colon or dash OFAC puts at the end of some type names.</summary>
    public static string Labelled(string type, string value) => type.TrimEnd(' ', ':', '-') + ": " + value;

    /// <summary>Adds an identity document under the property its type calls for, keeping type and details as the original wording.</summary>
    public static void AddDocument(SourceRecord record, string type, string? number, IReadOnlyList<string> details)
    {
        var description = type + " " + (number ?? "(no number)") + (details.Count > 0 ? " (" + string.Join("; ", details) + ")" : "");
        if (number is null)
        {
            record.Add(Properties.Notes, description);
            return;
        }
        record.Add(DocumentProperty(type), number, description);
    }

    private static string DocumentProperty(string type)
    {
        var t = type.ToUpperInvariant();
        if (t.Contains("PASSPORT", StringComparison.Ordinal))
        {
            return Properties.PassportNumber;
        }
        if (t.Contains("IMO", StringComparison.Ordinal) || t.Contains("VESSEL REGISTRATION", StringComparison.Ordinal))
        {
            return Properties.ImoNumber;
        }
        if (t.Contains("SWIFT", StringComparison.Ordinal))
        {
            return "swiftBic";
        }
        if (t.Contains("LEGAL ENTITY NUMBER", StringComparison.Ordinal))
        {
            return "leiCode";
        }
        if (t.Contains("TAX", StringComparison.Ordinal) || t.Contains("V.A.T.", StringComparison.Ordinal)
            || t.Contains("VAT", StringComparison.Ordinal) || t.StartsWith("RFC", StringComparison.Ordinal)
            || t.StartsWith("NIT", StringComparison.Ordinal) || t.Contains("RUC", StringComparison.Ordinal))
        {
            return Properties.TaxNumber;
        }
        if (t.Contains("REGIST", StringComparison.Ordinal) || t.Contains("GAZETTE", StringComparison.Ordinal)
            || t.Contains("COMPANY NUMBER", StringComparison.Ordinal) || t.StartsWith("C.R.", StringComparison.Ordinal)
            || t.Contains("CREDIT CODE", StringComparison.Ordinal) || t.Contains("CHAMBER OF COMMERCE", StringComparison.Ordinal))
        {
            return Properties.RegistrationNumber;
        }
        return Properties.IdNumber;
    }
}
