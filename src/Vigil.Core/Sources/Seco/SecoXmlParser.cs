using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>Swiss SECO sanctions list XML (<c>swiss-sanctions-list</c> of <c>sanctions-program</c>, <c>place</c> and <c>target</c>).</summary>
/// <remarks>
/// Targets name only their sanctions-set ids and place ids; the programmes and places they point to are read in a
/// first pass over the top-level elements, then targets are streamed in a second pass. Only top-level targets count:
/// a modification may embed earlier copies of a target, which are history, not listings. A target whose latest
/// modification is "de-listed" is no longer sanctioned and is not yielded. An "amendment" file holds only the
/// targets it changes; the list type is not a property of any record.
/// </remarks>
public sealed class SecoXmlParser : IListParser
{
    private const string Source = "ch-seco";
    private const string Authority = "State Secretariat for Economic Affairs (SECO)";
    private const string RootElement = "swiss-sanctions-list";

    // FollowTheMoney properties that Properties does not list.
    private const string BirthCountry = "birthCountry";
    private const string IncorporationDate = "incorporationDate";
    private const string BuildDate = "buildDate";

    public string Format => "ch-seco-xml";

    public string Description => "Swiss SECO sanctions list XML (swiss-sanctions-list, whole list or amendment)";

    public bool CanRead(ListInput input) => !input.IsDirectory && input.HeadText.Contains("<" + RootElement, StringComparison.Ordinal);

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = Source;
        var lookups = ReadLookups(input.Path, header, cancellationToken);
        using var reader = SafeXml.Open(input.Path);
        foreach (var (element, where) in SafeXml.Records(reader, input.Path, r => AdvanceToTopLevel(r, "target")))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = ReadTarget(element, lookups, input.Path, where);
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    /// <summary>The programme of each sanctions set and the parts of each place, from the top-level elements.</summary>
    private sealed class Lookups
    {
        public Dictionary<string, (string Program, string? Set)> Sets { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, XElement> Places { get; } = new(StringComparer.Ordinal);
    }

    private static Lookups ReadLookups(string path, ListHeader header, CancellationToken cancellationToken)
    {
        var lookups = new Lookups();
        using var reader = SafeXml.Open(path);
        try
        {
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != RootElement)
            {
                throw new ListFormatException(path, SafeXml.Where(reader), $"root element is {reader.LocalName}, not {RootElement}");
            }
            header.Published = NonBlank(reader.GetAttribute("date"));
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
                    case "sanctions-program":
                        AddProgram(lookups, (XElement)XNode.ReadFrom(reader));
                        break;
                    case "place":
                        var place = (XElement)XNode.ReadFrom(reader);
                        if (Attr(place, "ssid") is { } ssid)
                        {
                            lookups.Places[ssid] = place;
                        }
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw SafeXml.Malformed(path, e);
        }
        return lookups;
    }

    private static void AddProgram(Lookups lookups, XElement program)
    {
        var name = English(program, "program-name") ?? English(program, "program-key") ?? Attr(program, "ssid") ?? "SECO";
        foreach (var set in program.Elements("sanctions-set").GroupBy(s => Attr(s, "ssid")))
        {
            if (set.Key is null)
            {
                continue;
            }
            var english = set.FirstOrDefault(s => Attr(s, "lang") == "eng") ?? set.First();
            lookups.Sets[set.Key] = (name, NonBlank(english.Value));
        }
    }

    private static bool AdvanceToTopLevel(XmlReader reader, string name)
    {
        // After XNode.ReadFrom the reader already stands on the next node, which may be the next target.
        while (true)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                if (reader.LocalName == name)
                {
                    return true;
                }
                // Programmes and places were read in the first pass.
                reader.Skip();
                continue;
            }
            if (!reader.Read())
            {
                return false;
            }
        }
    }

    private static SourceRecord? ReadTarget(XElement target, Lookups lookups, string path, string where)
    {
        var ssid = Attr(target, "ssid")
            ?? throw new ListFormatException(path, $"element target at {where}", "target has no ssid");
        var modifications = target.Elements("modification").ToList();
        var latest = modifications
            .Select((m, i) => (m, i, date: Attr(m, "effective-date") ?? Attr(m, "publication-date") ?? ""))
            .OrderByDescending(x => x.date, StringComparer.Ordinal).ThenBy(x => x.i)
            .Select(x => x.m).FirstOrDefault();
        if (Attr(latest, "modification-type") == "de-listed")
        {
            return null;
        }

        var subject = target.Element("individual") ?? target.Element("entity") ?? target.Element("object")
            ?? throw new ListFormatException(path, $"element target {ssid} at {where}", "target has no individual, entity or object");
        var objectType = Attr(subject, "object-type");
        var schema = subject.Name.LocalName switch
        {
            "individual" => EntitySchema.Person,
            "entity" => EntitySchema.Organization,
            _ => objectType switch
            {
                "vessel" => EntitySchema.Vessel,
                "aircraft" => EntitySchema.Aircraft,
                _ => EntitySchema.Organization,
            },
        };
        var record = new SourceRecord(ssid, schema) { Location = where };
        if (subject.Name.LocalName == "object" && schema == EntitySchema.Organization)
        {
            record.Add(Properties.Notes, "object-type: " + objectType);
        }
        record.Add(Properties.Gender, Attr(subject, "sex"));

        // The main identity first, so that its primary name is the caption.
        foreach (var identity in subject.Elements("identity").OrderByDescending(i => Attr(i, "main") == "true"))
        {
            ReadIdentity(record, identity, Attr(identity, "main") == "true", lookups);
        }
        if (record.Names.Count == 0)
        {
            throw new ListFormatException(path, $"element target {ssid} at {where}", "target has no name");
        }

        var listed = modifications.Where(m => Attr(m, "modification-type") == "listed").Select(ModificationDate).FirstOrDefault(d => d is not null);
        var setIds = target.Elements("sanctions-set-id").Select(s => NonBlank(s.Value))
            .Append(Attr(target, "sanctions-set-id"))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var setId in setIds)
        {
            var (program, set) = lookups.Sets.TryGetValue(setId, out var known) ? known : ("sanctions set " + setId, null);
            record.AddDesignation(new Designation(program, listed, Authority, set));
        }
        if (setIds.Count == 0)
        {
            record.AddDesignation(new Designation("SECO", listed, Authority));
        }
        foreach (var m in modifications)
        {
            record.Add(Properties.ModifiedAt, ModificationDate(m));
        }

        foreach (var foreign in target.Elements("foreign-identifier"))
        {
            foreach (var (recordId, quoted) in UnReferenceFinder.Find(foreign.Value))
            {
                record.AddCrossReference(recordId, quoted);
            }
        }
        foreach (var other in subject.Elements("other-information"))
        {
            var text = NonBlank(other.Value);
            record.Add(Properties.Notes, text);
            if (schema == EntitySchema.Vessel && text is not null && text.StartsWith("IMO", StringComparison.OrdinalIgnoreCase))
            {
                record.Add(Properties.ImoNumber, new string(text.Where(char.IsAsciiDigit).ToArray()), text);
            }
        }
        foreach (var justification in subject.Elements("justification"))
        {
            record.Add(Properties.Notes, NonBlank(justification.Value));
        }
        foreach (var relation in subject.Elements("relation"))
        {
            var related = Attr(relation, "target-id");
            record.Add(Properties.Notes, related is null ? null
                : $"{Attr(relation, "relation-type") ?? "related-to"} {Source}:{related}" + (NonBlank(relation.Value) is { } remark ? $" ({remark})" : ""));
        }
        return record;
    }

    private static string? ModificationDate(XElement m) =>
        PartialDate.Parse(Attr(m, "publication-date")) ?? PartialDate.Parse(Attr(m, "effective-date")) ?? PartialDate.Parse(Attr(m, "enactment-date"));

    private static void ReadIdentity(SourceRecord record, XElement identity, bool main, Lookups lookups)
    {
        foreach (var name in identity.Elements("name"))
        {
            AddName(record, name, main);
        }
        var dateProperty = record.Schema switch
        {
            EntitySchema.Person => Properties.BirthDate,
            EntitySchema.Organization => IncorporationDate,
            _ => BuildDate,
        };
        foreach (var dmy in identity.Elements("day-month-year"))
        {
            AddDate(record, dateProperty, dmy);
        }
        foreach (var pob in identity.Elements("place-of-birth"))
        {
            var (text, country) = Place(pob, lookups);
            record.Add(Properties.BirthPlace, text);
            record.Add(BirthCountry, country);
        }
        foreach (var nationality in identity.Elements("nationality"))
        {
            record.Add(Properties.Nationality, CountryName(nationality.Element("country")));
        }
        foreach (var address in identity.Elements("address"))
        {
            var (text, country) = Place(address, lookups);
            record.Add(Properties.Address, text);
            record.Add(Properties.Country, country);
        }
        foreach (var doc in identity.Elements("identification-document"))
        {
            AddDocument(record, doc);
        }
    }

    private static void AddName(SourceRecord record, XElement name, bool main)
    {
        var type = Attr(name, "quality") == "low" ? NameType.WeakAlias
            : Attr(name, "name-type") switch
            {
                "primary-name" => main ? NameType.Primary : NameType.Alias,
                "formerly-known-as" => NameType.Former,
                _ => NameType.Alias,
            };
        var parts = name.Elements("name-part")
            .Select((p, i) => (part: p, order: int.TryParse(Attr(p, "order"), NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : i))
            .OrderBy(x => x.order)
            .Select(x => x.part)
            .ToList();
        var kept = new List<NamePart>();
        var words = new List<string>();
        foreach (var part in parts)
        {
            var value = NonBlank(part.Element("value")?.Value);
            if (value is null)
            {
                continue;
            }
            var kind = PartKind(Attr(part, "name-part-type"));
            if (kind == NamePartKind.Title)
            {
                // A title is not part of the name a screener types: it becomes a title statement.
                record.Add(Properties.Title, value);
            }
            else
            {
                words.Add(value);
            }
            if (kind is { } k)
            {
                kept.Add(new NamePart(k, value));
            }
        }
        var full = string.Join(' ', words);
        if (full.Length > 0)
        {
            record.AddName(new NameEntry(full, type) { Language = Attr(name, "lang"), Parts = kept });
        }

        // Spelling variants of the parts, grouped by script and language, make whole names of their own.
        var variants = parts
            .SelectMany(p => p.Elements("spelling-variant").Select(v => (part: p, variant: v)))
            .Where(x => NonBlank(x.variant.Value) is not null && PartKind(Attr(x.part, "name-part-type")) != NamePartKind.Title)
            .GroupBy(x => (script: Attr(x.variant, "script"), lang: Attr(x.variant, "lang")));
        foreach (var group in variants)
        {
            var text = string.Join(' ', group.Select(x => NonBlank(x.variant.Value)));
            var entry = new NameEntry(text, type == NameType.Primary ? NameType.Alias : type) { Language = group.Key.lang };
            record.AddName(entry.Script is "Latn" or "Zyyy" || type == NameType.WeakAlias ? entry : entry with { Type = NameType.OriginalScript });
        }
    }

    private static NamePartKind? PartKind(string? partType) => partType switch
    {
        "given-name" => NamePartKind.Given,
        "further-given-name" => NamePartKind.Middle,
        "family-name" or "maiden-name" => NamePartKind.Family,
        // The model has one patronymic kind; a grandfather's name is a patronymic too (Arabic nasab).
        "father-name" or "grand-father-name" => NamePartKind.Patronymic,
        "title" => NamePartKind.Title,
        _ => null,
    };

    private static void AddDate(SourceRecord record, string property, XElement dmy)
    {
        var year = Attr(dmy, "year");
        var month = Attr(dmy, "month");
        var day = Attr(dmy, "day");
        var calendar = Attr(dmy, "calendar");
        var quality = Attr(dmy, "quality");
        var remarks = (calendar is null or "Gregorian" ? "" : " " + calendar) + (quality is null or "good" ? "" : " (quality " + quality + ")");
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1000 || calendar is not (null or "Gregorian"))
        {
            record.Add(Properties.Notes, $"{property}: day {day ?? "-"} month {month ?? "-"} year {year ?? "-"}{remarks}");
            return;
        }
        _ = int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m);
        _ = int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d);
        var value = PartialDate.Format(y, m, d, approximate: quality is not (null or "good"));
        // The list gives numbers, not wording: only a calendar or quality remark is worth keeping as the original.
        record.Add(property, value, remarks.Length == 0 ? null : PartialDate.Format(y, m, d) + remarks);
    }

    private static void AddDocument(SourceRecord record, XElement doc)
    {
        var number = NonBlank(doc.Element("number")?.Value);
        var type = Attr(doc, "document-type");
        var description = Join(", ", type, number, Text(doc, "issuer"),
            Text(doc, "date-of-issue") is { } issued ? "issued " + issued : null,
            Text(doc, "expiry-date") is { } expiry ? "expires " + expiry : null,
            Text(doc, "remark"));
        if (number is null)
        {
            record.Add(Properties.Notes, description is null ? null : "identification: " + description);
            return;
        }
        var property = type is "passport" or "diplomatic-passport" ? Properties.PassportNumber : Properties.IdNumber;
        record.Add(property, number, description);
    }

    /// <summary>An address or place of birth as one line, with the place it points to; and its country.</summary>
    private static (string? Text, string? Country) Place(XElement e, Lookups lookups)
    {
        var place = Attr(e, "place-id") is { } id && lookups.Places.TryGetValue(id, out var p) ? p : null;
        XElement? Part(string name) => e.Element(name) ?? place?.Element(name);
        var country = CountryName(Part("country"));
        var poBox = NonBlank(Part("p-o-box")?.Value);
        var text = Join(", ",
            NonBlank(Part("c-o")?.Value) is { } co ? "c/o " + co : null,
            NonBlank(Part("address-details")?.Value),
            poBox is null ? null : "P.O. Box " + poBox,
            NonBlank(Part("zip-code")?.Value),
            NonBlank(Part("location")?.Value),
            NonBlank(Part("area")?.Value),
            country,
            NonBlank(Part("remarks")?.Value));
        return (text, country);
    }

    private static string? CountryName(XElement? country) => NonBlank(country?.Value) ?? Attr(country, "iso-code");

    private static string? English(XElement parent, string name) =>
        NonBlank((parent.Elements(name).FirstOrDefault(e => Attr(e, "lang") == "eng") ?? parent.Element(name))?.Value);

    private static string? Text(XElement parent, string name) => NonBlank(parent.Element(name)?.Value);

    private static string? Attr(XElement? e, string name) => NonBlank(e?.Attribute(name)?.Value);

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Join(string separator, params string?[] parts)
    {
        var joined = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return joined.Length == 0 ? null : joined;
    }
}
