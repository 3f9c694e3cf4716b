using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>
/// US Treasury OFAC lists in the Sanctions List Service ENHANCED_XML format (<c>sanctionsData</c> of <c>entity</c>):
/// SDN_ENHANCED.xml and cons_enhanced.xml.
/// </summary>
/// <remarks>
/// Each entity carries its reference values as text next to their ids, so one streaming pass suffices.
/// The native id is the entity's <c>id</c> attribute, OFAC's ent_num. Source: the lists named in
/// <c>publicationInfo/filters</c> decide (the same rule as the advanced format: "Consolidated List", or no
/// "SDN List", means <c>us-ofac-cons</c>, else <c>us-ofac-sdn</c>); a file without filters is judged by the lists of
/// its first entity. OFAC does not say which programme belongs to which list, so each programme becomes one
/// designation dated by the entity's earliest list publication, and each list membership is kept as a note.
/// </remarks>
public sealed class OfacEnhancedXmlParser : IListParser
{
    private static readonly HashSet<string> DocumentFieldsRead = new(StringComparer.Ordinal)
    {
        "type", "name", "documentNumber", "isValid", "issuingCountry", "issuingLocation", "issuingAuthority",
    };

    private static readonly HashSet<string> GeneralInfoRead = new(StringComparer.Ordinal) { "identityId", "entityType", "remarks" };

    public string Format => "us-ofac-enhanced-xml";

    public string Description => "US OFAC SDN or Consolidated list, Sanctions List Service enhanced XML (SDN_ENHANCED.xml, cons_enhanced.xml)";

    public bool CanRead(ListInput input) => !input.IsDirectory && input.HeadText.Contains("<sanctionsData", StringComparison.Ordinal);

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        using var reader = SafeXml.Open(input.Path);
        foreach (var entity in SafeXml.Guard(EntityElements(reader, input.Path, header), input.Path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ns = entity.Element.Name.Namespace;
            header.Source ??= OfacVocabulary.SourceOf(entity.Element.Elements(ns + "sanctionsLists").Elements(ns + "sanctionsList").Select(l => l.Value.Trim()));
            yield return ReadEntity(entity.Element, input.Path, entity.Where);
        }
    }

    /// <summary>Each entity element with its position; reads publicationInfo into the header on the way.</summary>
    private static IEnumerable<(XElement Element, string Where)> EntityElements(XmlReader reader, string path, ListHeader header)
    {
        reader.MoveToContent();
        if (reader.LocalName != "sanctionsData")
        {
            throw new ListFormatException(path, SafeXml.Where(reader), $"root element is {reader.Name}, expected sanctionsData");
        }
        var ns = XNamespace.Get(reader.NamespaceURI);
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
            {
                reader.Read();
                continue;
            }
            switch (reader.LocalName)
            {
                case "publicationInfo":
                    var info = (XElement)XNode.ReadFrom(reader);
                    header.Published = Text(info, ns + "dataAsOf");
                    var filtered = info.Elements(ns + "filters").Elements(ns + "sanctionsLists").Elements(ns + "sanctionsList")
                        .Select(l => l.Value.Trim()).ToList();
                    if (filtered.Count > 0)
                    {
                        header.Source = OfacVocabulary.SourceOf(filtered);
                    }
                    break;
                case "entities":
                    foreach (var entity in SafeXml.Children(reader))
                    {
                        yield return entity;
                    }
                    break;
                default:
                    // referenceValues and featureTypes: every entity repeats the text of the values it uses.
                    reader.Skip();
                    break;
            }
        }
    }

    private static SourceRecord ReadEntity(XElement entity, string path, string where)
    {
        var ns = entity.Name.Namespace;
        var id = Attr(entity, "id")
            ?? throw new ListFormatException(path, $"element entity at {where}", "entity has no id (OFAC ent_num)");
        var general = entity.Element(ns + "generalInfo");
        var entityType = general is null ? null : Text(general, ns + "entityType");
        var schema = OfacVocabulary.SchemaOf(entityType, null);
        var record = new SourceRecord(id, schema) { Location = where };

        foreach (var name in entity.Elements(ns + "names").Elements(ns + "name"))
        {
            AddName(record, name, schema);
        }
        if (record.Names.Count == 0)
        {
            throw new ListFormatException(path, $"element entity {id} at {where}", "entity has no name");
        }
        AddListings(record, entity);
        if (general is not null)
        {
            foreach (var remark in general.Elements(ns + "remarks").Select(r => r.Value.Trim()))
            {
                record.Add(Properties.Notes, remark);
                foreach (var (reference, quoted) in UnReferenceFinder.Find(remark))
                {
                    record.AddCrossReference(reference, quoted);
                }
            }
            foreach (var other in general.Elements().Where(e => !GeneralInfoRead.Contains(e.Name.LocalName)))
            {
                record.Add(Properties.Notes, NullIfEmpty(other.Value) is { } v ? OfacVocabulary.Labelled(other.Name.LocalName, v) : null);
            }
        }
        foreach (var address in entity.Elements(ns + "addresses").Elements(ns + "address"))
        {
            AddAddress(record, address);
        }
        foreach (var feature in entity.Elements(ns + "features").Elements(ns + "feature"))
        {
            AddFeature(record, feature);
        }
        foreach (var document in entity.Elements(ns + "identityDocuments").Elements(ns + "identityDocument"))
        {
            AddDocument(record, document);
        }
        foreach (var relationship in entity.Elements(ns + "relationships").Elements(ns + "relationship"))
        {
            var type = Text(relationship, ns + "type") ?? "Related to";
            var related = relationship.Element(ns + "relatedEntity");
            var quality = Text(relationship, ns + "quality");
            var note = $"{type}: {NullIfEmpty(related?.Value) ?? "?"}";
            if (Attr(related, "entityId") is { } relatedId)
            {
                note += $" ({relatedId})";
            }
            record.Add(Properties.Notes, quality is null ? note : $"{note}, quality {quality}");
        }
        return record;
    }

    private static void AddName(SourceRecord record, XElement name, EntitySchema schema)
    {
        var ns = name.Name.Namespace;
        var type = OfacVocabulary.NameTypeOf(
            primary: Text(name, ns + "isPrimary") == "true",
            lowQuality: Text(name, ns + "isLowQuality") == "true",
            Text(name, ns + "aliasType"));
        foreach (var translation in name.Elements(ns + "translations").Elements(ns + "translation"))
        {
            var values = translation.Elements(ns + "nameParts").Elements(ns + "namePart")
                .Select(p => (Text(p, ns + "type"), NullIfEmpty(p.Element(ns + "value")?.Value)))
                .Where(p => p.Item2 is not null)
                .Select(p => (p.Item1, p.Item2!))
                .ToList();
            var entry = OfacVocabulary.Name(values, type, Text(translation, ns + "script"), schema, Text(translation, ns + "formattedFullName"));
            if (entry is not null)
            {
                record.AddName(entry);
            }
        }
    }

    private static void AddListings(SourceRecord record, XElement entity)
    {
        var ns = entity.Name.Namespace;
        var lists = entity.Elements(ns + "sanctionsLists").Elements(ns + "sanctionsList")
            .Select(l => (Name: NullIfEmpty(l.Value), Published: PartialDate.Parse(Attr(l, "datePublished")), Stated: Attr(l, "datePublished")))
            .Where(l => l.Name is not null)
            .ToList();
        var listedOn = lists.Select(l => l.Published).Where(d => d is not null).Order(StringComparer.Ordinal).FirstOrDefault();
        foreach (var (list, _, stated) in lists)
        {
            record.Add(Properties.Notes, stated is null ? $"Sanctions list: {list}" : $"Sanctions list: {list} (published {stated})");
        }
        var programs = entity.Elements(ns + "sanctionsPrograms").Elements(ns + "sanctionsProgram")
            .Select(p => NullIfEmpty(p.Value)).OfType<string>().ToList();
        if (programs.Count == 0)
        {
            programs.AddRange(lists.Select(l => l.Name!));
        }
        foreach (var program in programs)
        {
            record.AddDesignation(new Designation(program, listedOn, OfacVocabulary.Authority));
        }
        foreach (var measure in entity.Elements(ns + "sanctionsTypes").Elements(ns + "sanctionsType"))
        {
            record.Add(OfacVocabulary.Provisions, NullIfEmpty(measure.Value));
        }
        foreach (var authority in entity.Elements(ns + "legalAuthorities").Elements(ns + "legalAuthority"))
        {
            if (NullIfEmpty(authority.Value) is { } basis)
            {
                record.Add(Properties.Notes, "Legal basis: " + basis);
            }
        }
    }

    private static void AddAddress(SourceRecord record, XElement address)
    {
        var ns = address.Name.Namespace;
        var country = Text(address, ns + "country");
        record.Add(Properties.Country, country);
        foreach (var translation in address.Elements(ns + "translations").Elements(ns + "translation"))
        {
            var parts = translation.Elements(ns + "addressParts").Elements(ns + "addressPart")
                .Select(p => (Text(p, ns + "type") ?? "", NullIfEmpty(p.Element(ns + "value")?.Value)))
                .Where(p => p.Item2 is not null)
                .Select(p => (p.Item1, p.Item2!))
                .ToList();
            record.Add(Properties.Address, OfacVocabulary.Address(parts, country));
        }
    }

    private static void AddFeature(SourceRecord record, XElement feature)
    {
        var ns = feature.Name.Namespace;
        var type = Text(feature, ns + "type") ?? "Feature " + Attr(feature.Element(ns + "type"), "featureTypeId");
        var value = Text(feature, ns + "value");
        var date = feature.Element(ns + "valueDate");
        if (date is not null && PeriodOf(date) is { } period)
        {
            OfacVocabulary.AddFeatureDate(record, type, period.Edtf, value ?? period.Original);
        }
        else if (value is not null)
        {
            OfacVocabulary.AddFeatureValue(record, type, value);
        }
        if (Text(feature, ns + "comments") is { } comment)
        {
            record.Add(Properties.Notes, OfacVocabulary.Labelled(type, comment));
        }
        if (Text(feature, ns + "reliability") is { } reliability && !reliability.Equals("Confirmed", StringComparison.OrdinalIgnoreCase))
        {
            record.Add(Properties.Notes, OfacVocabulary.Labelled(type, $"{value} (reliability: {reliability})"));
        }
    }

    /// <summary>A valueDate as EDTF: the earliest possible start (fromDateBegin) to the latest possible end (toDateEnd).</summary>
    private static (string Edtf, string Original)? PeriodOf(XElement valueDate)
    {
        var ns = valueDate.Name.Namespace;
        var from = DateOf(Text(valueDate, ns + "fromDateBegin")) ?? DateOf(Text(valueDate, ns + "fromDateEnd"));
        var to = DateOf(Text(valueDate, ns + "toDateEnd")) ?? DateOf(Text(valueDate, ns + "toDateBegin"));
        from ??= to;
        to ??= from;
        if (from is null || to is null)
        {
            return null;
        }
        return OfacVocabulary.Period(from.Value, to.Value, Text(valueDate, ns + "isApproximate") == "true");
    }

    private static DateOnly? DateOf(string? text) =>
        text is not null && text.Length >= 10
        && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static void AddDocument(SourceRecord record, XElement document)
    {
        var ns = document.Name.Namespace;
        var type = Text(document, ns + "type") ?? "Identification";
        var details = new List<string>();
        if (Text(document, ns + "issuingCountry") is { } country)
        {
            details.Add("issued by " + country);
        }
        if (Text(document, ns + "issuingLocation") is { } place)
        {
            details.Add("issued in " + place);
        }
        if (Text(document, ns + "issuingAuthority") is { } authority)
        {
            details.Add("issuing authority " + authority);
        }
        // Issue and expiry dates and any field this parser does not know yet: kept in the description, never dropped.
        foreach (var other in document.Elements().Where(e => !DocumentFieldsRead.Contains(e.Name.LocalName)))
        {
            if (NullIfEmpty(other.Value) is { } v)
            {
                details.Add(other.Name.LocalName + " " + v);
            }
        }
        if (Text(document, ns + "isValid") == "false")
        {
            details.Add("not valid");
        }
        OfacVocabulary.AddDocument(record, type, Text(document, ns + "documentNumber"), details);
    }

    private static string? Attr(XElement? element, string name) => NullIfEmpty(element?.Attribute(name)?.Value);

    private static string? Text(XElement parent, XName name) => NullIfEmpty(parent.Element(name)?.Value);

    private static string? NullIfEmpty(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
