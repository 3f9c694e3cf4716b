using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>UN Security Council Consolidated List, scsanctions.un.org XML (<c>CONSOLIDATED_LIST</c> of INDIVIDUAL and ENTITY).</summary>
public sealed class UnScXmlParser : IListParser
{
    private const string Authority = "UN Security Council";

    public string Format => "un-sc-xml";

    public string Description => "UN Security Council Consolidated List (consolidated.xml)";

    public bool CanRead(ListInput input) => !input.IsDirectory && input.HeadText.Contains("<CONSOLIDATED_LIST", StringComparison.Ordinal);

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = UnReferenceFinder.UnSource;
        using var reader = SafeXml.Open(input.Path);
        foreach (var (element, where) in SafeXml.Records(reader, input.Path, r => AdvanceToRecord(r, header)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadRecord(element, input.Path, where);
        }
    }

    private static bool AdvanceToRecord(XmlReader reader, ListHeader header)
    {
        while (reader.NodeType == XmlNodeType.Element && (reader.Name is "INDIVIDUAL" or "ENTITY") || reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (reader.Name == "CONSOLIDATED_LIST")
            {
                header.Published = reader.GetAttribute("dateGenerated");
            }
            else if (reader.Name is "INDIVIDUAL" or "ENTITY")
            {
                return true;
            }
        }
        return false;
    }

    private static SourceRecord ReadRecord(XElement e, string path, string where)
    {
        var reference = Text(e, "REFERENCE_NUMBER")
            ?? throw new ListFormatException(path, $"element {e.Name} at {where}", "record has no REFERENCE_NUMBER");
        var isPerson = e.Name == "INDIVIDUAL";
        var record = new SourceRecord(reference, isPerson ? EntitySchema.Person : EntitySchema.Organization) { Location = where };

        var parts = new List<NamePart>();
        NamePartKind[] kinds = [NamePartKind.First, NamePartKind.Second, NamePartKind.Third, NamePartKind.Fourth];
        string[] partElements = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];
        for (var i = 0; i < partElements.Length; i++)
        {
            if (Text(e, partElements[i]) is { } part)
            {
                parts.Add(new NamePart(kinds[i], part));
            }
        }
        var fullName = string.Join(' ', parts.Select(p => p.Value));
        if (fullName.Length == 0)
        {
            throw new ListFormatException(path, $"element {e.Name} {reference} at {where}", "record has no name");
        }
        record.AddName(new NameEntry(fullName, NameType.Primary) { Parts = isPerson ? parts : [] });
        record.AddName(Text(e, "NAME_ORIGINAL_SCRIPT"), NameType.OriginalScript);

        foreach (var alias in e.Elements(isPerson ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS"))
        {
            var type = Text(alias, "QUALITY") switch
            {
                "Low" => NameType.WeakAlias,
                "f.k.a." => NameType.Former,
                _ => NameType.Alias,
            };
            record.AddName(Text(alias, "ALIAS_NAME"), type);
            record.AddDate(Properties.BirthDate, Text(alias, "DATE_OF_BIRTH"));
            record.Add(Properties.BirthPlace, Join(Text(alias, "CITY_OF_BIRTH"), Text(alias, "COUNTRY_OF_BIRTH")));
        }

        record.AddDesignation(new Designation(
            Text(e, "UN_LIST_TYPE") ?? "UN",
            PartialDate.Parse(Text(e, "LISTED_ON")),
            Authority,
            reference));
        foreach (var v in Values(e, "TITLE"))
        {
            record.Add(Properties.Title, v);
        }
        foreach (var v in Values(e, "DESIGNATION"))
        {
            record.Add(Properties.Position, v);
        }
        foreach (var v in Values(e, "NATIONALITY"))
        {
            record.Add(Properties.Nationality, v);
        }
        record.Add(Properties.Gender, Text(e, "GENDER")?.ToLowerInvariant());
        record.Add(Properties.Notes, Text(e, "COMMENTS1"));
        foreach (var v in Values(e, "LAST_DAY_UPDATED"))
        {
            record.Add(Properties.ModifiedAt, PartialDate.Parse(v), v);
        }

        foreach (var address in e.Elements(isPerson ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS"))
        {
            record.Add(Properties.Address, Join(
                Text(address, "STREET"), Text(address, "CITY"), Text(address, "STATE_PROVINCE"),
                Text(address, "ZIP_CODE"), Text(address, "COUNTRY"), Text(address, "NOTE")));
            record.Add(Properties.Country, Text(address, "COUNTRY"));
        }

        foreach (var dob in e.Elements("INDIVIDUAL_DATE_OF_BIRTH"))
        {
            AddBirthDate(record, dob);
        }
        foreach (var pob in e.Elements("INDIVIDUAL_PLACE_OF_BIRTH"))
        {
            record.Add(Properties.BirthPlace, Join(
                Text(pob, "STREET"), Text(pob, "CITY"), Text(pob, "STATE_PROVINCE"), Text(pob, "COUNTRY"), Text(pob, "NOTE")));
            record.Add("birthCountry", Text(pob, "COUNTRY"));
        }
        foreach (var doc in e.Elements("INDIVIDUAL_DOCUMENT"))
        {
            AddDocument(record, doc);
        }
        return record;
    }

    private static void AddBirthDate(SourceRecord record, XElement dob)
    {
        var type = Text(dob, "TYPE_OF_DATE");
        var date = Text(dob, "DATE");
        var year = Text(dob, "YEAR");
        var from = Text(dob, "FROM_YEAR");
        var to = Text(dob, "TO_YEAR");
        var note = Text(dob, "NOTE");
        string? value;
        string original;
        if (from is not null && to is not null)
        {
            var a = PartialDate.Parse(from);
            var b = PartialDate.Parse(to);
            value = a is not null && b is not null ? PartialDate.Range(a, b) : null;
            original = $"{type ?? "BETWEEN"} {from} and {to}";
        }
        else
        {
            var text = date ?? year;
            if (text is null)
            {
                if (note is not null)
                {
                    record.Add(Properties.Notes, "birthDate: " + note);
                }
                return;
            }
            value = PartialDate.Parse(text);
            if (value is not null && type == "APPROXIMATELY" && !value.EndsWith('~'))
            {
                value += "~";
            }
            original = type is null or "EXACT" ? text : $"{type} {text}";
        }
        if (note is not null)
        {
            original += " (" + note + ")";
        }
        if (value is null)
        {
            record.Add(Properties.Notes, "birthDate: " + original);
            return;
        }
        record.Add(Properties.BirthDate, value, original);
    }

    private static void AddDocument(SourceRecord record, XElement doc)
    {
        var number = Text(doc, "NUMBER");
        if (number is null)
        {
            return;
        }
        var type = Text(doc, "TYPE_OF_DOCUMENT") ?? "";
        var property = type.Contains("pas", StringComparison.OrdinalIgnoreCase) ? Properties.PassportNumber : Properties.IdNumber;
        var description = Join(type, Text(doc, "TYPE_OF_DOCUMENT2"), number,
            Text(doc, "ISSUING_COUNTRY"), Text(doc, "COUNTRY_OF_ISSUE"), Text(doc, "CITY_OF_ISSUE"),
            Text(doc, "DATE_OF_ISSUE"), Text(doc, "NOTE"));
        record.Add(property, number, description);
    }

    private static string? Text(XElement parent, string name)
    {
        var value = parent.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static IEnumerable<string> Values(XElement parent, string name) =>
        parent.Elements(name).Elements("VALUE").Select(v => v.Value.Trim()).Where(v => v.Length > 0);

    private static string? Join(params string?[] parts)
    {
        var joined = string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return joined.Length == 0 ? null : joined;
    }
}
