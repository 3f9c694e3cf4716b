using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>EU Financial Sanctions Files, FSF XML 1.1 (<c>export</c> of <c>sanctionEntity</c>, namespace http://eu.europa.ec/fpi/fsd/export).</summary>
/// <remarks>
/// Names: the EU marks no main name, so the primary name is the earliest entered (lowest alias logicalId) strong alias
/// written in English or with no language stated (the EU's own Latin rendering); failing that the earliest strong
/// alias, failing that the earliest alias. The order of aliases in the file carries no meaning and varies between
/// publications, so it never decides the primary name.
/// Every other strong alias is an alias and <c>strong="false"</c> a weak alias. A name in a non-Latin script whose
/// language is not an official EU language (Arabic, Russian...) is the original-script name; Bulgarian and Greek
/// renderings are translations and stay aliases with their language.
/// The same logicalId may appear twice (one person listed under two programmes); each occurrence is yielded and the
/// importer folds them into one entity carrying both designations.
/// </remarks>
public sealed partial class EuFsfXmlParser : IListParser
{
    private const string Source = "eu-fsf";
    private const string Authority = "European Union";
    private const string ExportNamespace = "http://eu.europa.ec/fpi/fsd/export";
    private const string RecordElement = "sanctionEntity";

    // The EU's own reference of the listing (EU.27.28); FollowTheMoney's name for an authority's record id.
    private const string AuthorityId = "authorityId";

    // Languages of EU regulations: a Cyrillic or Greek name in one of them is a translation, not the original script.
    private static readonly HashSet<string> EuLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it",
        "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    };

    // Flags of an identification document that matter to an analyst when set.
    private static readonly string[] DocumentFlags = ["diplomatic", "knownExpired", "knownFalse", "reportedLost", "revokedByIssuer"];

    public string Format => "eu-fsf-xml";

    public string Description => "EU Financial Sanctions Files, FSF XML 1.1 (export / sanctionEntity)";

    // One person listed under several programmes.
    public bool RepeatsIds => true;

    public bool CanRead(ListInput input) =>
        !input.IsDirectory
        && input.HeadText.Contains("<export", StringComparison.Ordinal)
        && input.HeadText.Contains(ExportNamespace, StringComparison.Ordinal);

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = Source;
        using var reader = SafeXml.Open(input.Path);
        foreach (var (element, where) in SafeXml.Records(reader, input.Path, r => AdvanceToRecord(r, header)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadRecord(element, input.Path, where);
        }
    }

    private static bool AdvanceToRecord(XmlReader reader, ListHeader header)
    {
        // After XNode.ReadFrom the reader already stands on the next node, which may be the next record.
        while (reader.NodeType == XmlNodeType.Element && reader.LocalName == RecordElement || reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.LocalName == "export" && reader.Depth == 0)
            {
                header.Published = NonBlank(reader.GetAttribute("generationDate"));
            }
            else if (reader.LocalName == RecordElement)
            {
                return true;
            }
        }
        return false;
    }

    private static SourceRecord ReadRecord(XElement e, string path, string where)
    {
        var ns = e.Name.Namespace;
        var id = Attr(e, "logicalId")
            ?? throw new ListFormatException(path, $"element {RecordElement} at {where}", "record has no logicalId");
        var subject = Attr(e.Element(ns + "subjectType"), "code");
        var schema = subject switch
        {
            "person" => EntitySchema.Person,
            "enterprise" => EntitySchema.Organization,
            null => throw new ListFormatException(path, $"element {RecordElement} {id} at {where}", "record has no subjectType code"),
            _ => throw new ListFormatException(path, $"element {RecordElement} {id} at {where}", $"unknown subjectType code '{subject}'"),
        };
        var record = new SourceRecord(id, schema) { Location = where };

        AddNames(record, e.Elements(ns + "nameAlias").ToList(), ns);
        if (record.Names.Count == 0)
        {
            throw new ListFormatException(path, $"element {RecordElement} {id} at {where}", "record has no name");
        }

        var designationDate = PartialDate.Parse(Attr(e, "designationDate"));
        foreach (var regulation in e.Elements(ns + "regulation"))
        {
            var program = Attr(regulation, "programme") ?? "EU";
            // The regulation element is the latest act touching the listing; the entity's own designationDate,
            // when stated, is the true listing date.
            var listedOn = designationDate
                ?? PartialDate.Parse(Attr(regulation, "publicationDate"))
                ?? PartialDate.Parse(Attr(regulation, "entryIntoForceDate"));
            record.AddDesignation(new Designation(program, listedOn, Authority, Attr(regulation, "numberTitle")));
            record.Add(Properties.SourceUrl, Text(regulation, ns + "publicationUrl"));
        }

        record.Add(AuthorityId, Attr(e, "euReferenceNumber"));
        foreach (var (recordId, quoted) in UnReferenceFinder.Find(Attr(e, "unitedNationId")))
        {
            record.AddCrossReference(recordId, quoted);
        }
        record.Add(Properties.Notes, Attr(e, "designationDetails"));
        foreach (var remark in Remarks(e, ns))
        {
            record.Add(Properties.Notes, remark);
            AddLabelledUnReferences(record, remark);
        }

        foreach (var c in e.Elements(ns + "citizenship"))
        {
            record.Add(Properties.Citizenship, Country(c));
            AddRemarks(record, c, ns, "citizenship");
        }
        foreach (var b in e.Elements(ns + "birthdate"))
        {
            AddBirth(record, b, ns);
        }
        foreach (var a in e.Elements(ns + "address"))
        {
            AddAddress(record, a, ns);
        }
        foreach (var doc in e.Elements(ns + "identification"))
        {
            AddIdentification(record, doc, ns);
        }
        return record;
    }

    private static void AddNames(SourceRecord record, List<XElement> aliases, XNamespace ns)
    {
        var primary = Earliest(aliases, a => IsStrong(a) && Attr(a, "nameLanguage") is null or "EN" or "en" && FullName(a) is not null);
        if (primary < 0)
        {
            primary = Earliest(aliases, a => IsStrong(a) && FullName(a) is not null);
        }
        if (primary < 0)
        {
            primary = Earliest(aliases, a => FullName(a) is not null);
        }
        for (var i = 0; i < aliases.Count; i++)
        {
            var a = aliases[i];
            var full = FullName(a);
            if (full is null)
            {
                continue;
            }
            var language = Attr(a, "nameLanguage")?.ToLowerInvariant();
            var entry = new NameEntry(full, NameType.Alias) { Language = language, Parts = Parts(a) };
            var type = i == primary ? NameType.Primary
                : !IsStrong(a) ? NameType.WeakAlias
                : entry.Script is not ("Latn" or "Zyyy") && language is not null && !EuLanguages.Contains(language) ? NameType.OriginalScript
                : NameType.Alias;
            record.AddName(entry with { Type = type });

            record.Add(Properties.Gender, Attr(a, "gender") switch
            {
                "M" => "male",
                "F" => "female",
                var g => g,
            });
            record.Add(Properties.Title, Attr(a, "title"));
            record.Add(Properties.Position, Attr(a, "function"));
            AddRemarks(record, a, ns, "name " + full);
        }
    }

    /// <summary>
    /// The index of the alias the EU entered first (lowest logicalId) among those that qualify, or -1. The file's
    /// order of aliases changes from one publication to the next; the alias ids do not, and the first one entered is
    /// the name of the original designation ("Angelo Ramirez Trinidad", not the later alias "Calib Trinidad").
    /// </summary>
    private static int Earliest(List<XElement> aliases, Func<XElement, bool> qualifies)
    {
        var best = -1;
        var bestId = long.MaxValue;
        for (var i = 0; i < aliases.Count; i++)
        {
            if (!qualifies(aliases[i]))
            {
                continue;
            }
            // An alias without a numeric id ranks after every numbered one, in file order.
            var id = long.TryParse(Attr(aliases[i], "logicalId"), out var n) ? n : long.MaxValue;
            if (best < 0 || id < bestId)
            {
                best = i;
                bestId = id;
            }
        }
        return best;
    }

    private static bool IsStrong(XElement alias) => !string.Equals(Attr(alias, "strong"), "false", StringComparison.OrdinalIgnoreCase);

    private static string? FullName(XElement alias) =>
        Attr(alias, "wholeName") ?? Join(" ", Attr(alias, "firstName"), Attr(alias, "middleName"), Attr(alias, "lastName"));

    private static NamePart[] Parts(XElement alias)
    {
        var parts = new List<NamePart>();
        if (Attr(alias, "firstName") is { } first)
        {
            parts.Add(new NamePart(NamePartKind.Given, first));
        }
        if (Attr(alias, "middleName") is { } middle)
        {
            parts.Add(new NamePart(NamePartKind.Middle, middle));
        }
        if (Attr(alias, "lastName") is { } last)
        {
            parts.Add(new NamePart(NamePartKind.Family, last));
        }
        return [.. parts];
    }

    private static void AddBirth(SourceRecord record, XElement b, XNamespace ns)
    {
        var circa = string.Equals(Attr(b, "circa"), "true", StringComparison.OrdinalIgnoreCase);
        var calendar = Attr(b, "calendarType");
        var gregorian = calendar is null || string.Equals(calendar, "GREGORIAN", StringComparison.OrdinalIgnoreCase);
        var iso = Attr(b, "birthdate");
        var year = Attr(b, "year");
        var from = Attr(b, "yearRangeFrom");
        var to = Attr(b, "yearRangeTo");
        string? value = null;
        string? original = null;
        if (iso is not null)
        {
            // birthdate is always Gregorian; with another calendar the year/month/day attributes are that calendar's.
            value = Approximate(PartialDate.Parse(iso), circa);
            original = (circa ? "circa " : "") + iso
                + (gregorian ? "" : $" ({calendar} {Join("-", year, Attr(b, "monthOfYear"), Attr(b, "dayOfMonth"))})");
        }
        else if (from is not null && to is not null)
        {
            var a = Approximate(PartialDate.Parse(from), circa);
            var z = Approximate(PartialDate.Parse(to), circa);
            value = a is not null && z is not null && gregorian ? PartialDate.Range(a, z) : null;
            original = (circa ? "circa " : "") + from + "-" + to + (gregorian ? "" : $" ({calendar})");
        }
        else if (year is not null)
        {
            var y = int.TryParse(year, out var yy) ? yy : 0;
            _ = int.TryParse(Attr(b, "monthOfYear"), out var m);
            _ = int.TryParse(Attr(b, "dayOfMonth"), out var d);
            value = y is >= 1000 and <= 2999 && gregorian ? PartialDate.Format(y, m, d, circa) : null;
            original = (circa ? "circa " : "") + Join("-", year, Attr(b, "monthOfYear"), Attr(b, "dayOfMonth"))
                + (gregorian ? "" : $" ({calendar})");
        }
        if (value is not null)
        {
            record.Add(Properties.BirthDate, value, original);
        }
        else if (original is not null)
        {
            record.Add(Properties.Notes, "birthDate: " + original);
        }

        var country = Country(b);
        record.Add(Properties.BirthPlace, Join(", ", Attr(b, "place"), Attr(b, "city"), Attr(b, "region"), Attr(b, "zipCode"), country));
        record.Add("birthCountry", country);
        AddRemarks(record, b, ns, "birth");
    }

    private static string? Approximate(string? edtf, bool circa) =>
        edtf is null || !circa || edtf.EndsWith('~') ? edtf : edtf + "~";

    private static void AddAddress(SourceRecord record, XElement a, XNamespace ns)
    {
        var country = Country(a);
        record.Add(Properties.Address, Join(", ",
            Attr(a, "street"), Attr(a, "poBox"), Attr(a, "zipCode"), Attr(a, "city"), Attr(a, "region"), Attr(a, "place"), country));
        record.Add(Properties.Country, country);
        AddRemarks(record, a, ns, "address");
        foreach (var contact in a.Elements(ns + "contactInfo"))
        {
            var key = Attr(contact, "key");
            var value = Attr(contact, "value");
            switch (key?.ToUpperInvariant())
            {
                case "PHONE":
                    record.Add(Properties.Phone, value);
                    break;
                case "EMAIL":
                    record.Add(Properties.Email, value);
                    break;
                case "WEB" or "WEBSITE" or "URL":
                    record.Add(Properties.Website, value);
                    break;
                default:
                    // Fax and the rest have no property of their own; an analyst still wants them.
                    record.Add(Properties.Notes, value is null ? null : $"{key?.ToLowerInvariant() ?? "contact"}: {value}");
                    break;
            }
        }
    }

    private static void AddIdentification(SourceRecord record, XElement doc, XNamespace ns)
    {
        var number = Attr(doc, "number");
        var remarks = Remarks(doc, ns).ToList();
        var flags = DocumentFlags.Where(f => string.Equals(Attr(doc, f), "true", StringComparison.OrdinalIgnoreCase));
        var description = Join(", ",
            Attr(doc, "identificationTypeDescription") ?? Attr(doc, "identificationTypeCode"),
            number,
            Attr(doc, "latinNumber"),
            Country(doc),
            Attr(doc, "region"),
            Attr(doc, "issuedBy") is { } by ? "issued by " + by : null,
            Attr(doc, "issueDate") is { } issued ? "issued " + issued : null,
            Attr(doc, "validFrom") is { } vf ? "valid from " + vf : null,
            Attr(doc, "validTo") is { } vt ? "valid to " + vt : null,
            Attr(doc, "nameOnDocument"),
            Join(", ", [.. flags]),
            Join(" ", [.. remarks]));
        if (number is null)
        {
            record.Add(Properties.Notes, description is null ? null : "identification: " + description);
            return;
        }
        var property = Attr(doc, "identificationTypeCode")?.ToLowerInvariant() switch
        {
            "passport" => Properties.PassportNumber,
            "regnumber" => Properties.RegistrationNumber,
            "swiftbic" => "swiftBic",
            _ => Properties.IdNumber,
        };
        record.Add(property, number, description);
    }

    private static void AddRemarks(SourceRecord record, XElement parent, XNamespace ns, string about)
    {
        foreach (var remark in Remarks(parent, ns))
        {
            record.Add(Properties.Notes, $"{about}: {remark}");
            AddLabelledUnReferences(record, remark);
        }
    }

    /// <summary>
    /// Cross-references only the UN references a remark labels as this record's own ("UN ID: QDi.372", "UN Ref QDi.372");
    /// a bare reference in prose names a related listing ("a leader of the Haqqani Network (TAe.012)").
    /// </summary>
    private static void AddLabelledUnReferences(SourceRecord record, string text)
    {
        foreach (Match label in UnReferenceLabel().Matches(text))
        {
            var tail = text[(label.Index + label.Length)..];
            foreach (var (recordId, quoted) in UnReferenceFinder.Find(tail.Length > 20 ? tail[..20] : tail).Take(1))
            {
                if (tail.StartsWith(quoted, StringComparison.OrdinalIgnoreCase))
                {
                    record.AddCrossReference(recordId, label.Value + quoted);
                }
            }
        }
    }

    private static IEnumerable<string> Remarks(XElement parent, XNamespace ns) =>
        parent.Elements(ns + "remark").Select(r => r.Value.Trim()).Where(r => r.Length > 0);

    private static string? Country(XElement e)
    {
        var description = Attr(e, "countryDescription");
        // "00"/"UNKNOWN" is the EU's placeholder for no country.
        return description is null || string.Equals(description, "UNKNOWN", StringComparison.OrdinalIgnoreCase) ? null : description;
    }

    private static string? Attr(XElement? e, string name)
    {
        var value = e?.Attribute(name)?.Value.Trim();
        // "-" is the EU's placeholder for an unknown city.
        return string.IsNullOrEmpty(value) || value == "-" ? null : value;
    }

    private static string? Text(XElement parent, XName name) => NonBlank(parent.Element(name)?.Value);

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Join(string separator, params string?[] parts)
    {
        var joined = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return joined.Length == 0 ? null : joined;
    }

    [GeneratedRegex(@"\bUN(?:SC)?\s*(?:ID|Ref(?:erence)?|Permanent\s+Reference)\b\.?\s*(?:No\.?|Number)?\s*[:.]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnReferenceLabel();
}
