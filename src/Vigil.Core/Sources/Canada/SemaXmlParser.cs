using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>Canada, Special Economic Measures Act consolidated list (sema-lmes.xml: <c>data-set</c> of <c>record</c>).</summary>
/// <remarks>
/// The list gives no record id and no publication date (<see cref="ListHeader.Published"/> stays null). A record is
/// identified by its regime ("Country"), schedule and item, so the native id is built from those three, lower-case
/// and URL-safe, joined by underscores: <c>russia_1-part-1_123</c>, <c>russia_1.1_5</c>, <c>zimbabwe_12</c> (no schedule).
/// The regime is its English half (before " / "), the schedule keeps digits, dots and "part", everything else
/// becomes a hyphen ("1, Part 1" and "1,Part 1" are the same schedule). Should a file repeat a regime/schedule/item,
/// the repeat gets <c>_</c> plus its name slug appended, so two different people never share an id while a true
/// duplicate row (same name) still folds into one entity.
/// </remarks>
public sealed partial class SemaXmlParser : IListParser
{
    private const string Source = "ca-sema";
    private const string Authority = "Canada";
    private const string RecordElement = "record";

    // FollowTheMoney Vessel properties that Properties does not list.
    private const string BuildDate = "buildDate";
    private const string VesselType = "type";
    private const string IncorporationDate = "incorporationDate";

    // The list labels some original-script aliases with their language ("Russian: Роман Иванович БИЗЮК").
    private static readonly Dictionary<string, string> LanguageLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Russian"] = "ru",
        ["Belarusian"] = "be",
        ["Belarussian"] = "be",
        ["Ukrainian"] = "uk",
        ["Arabic"] = "ar",
        ["Persian"] = "fa",
        ["Farsi"] = "fa",
        ["Chinese"] = "zh",
        ["Armenian"] = "hy",
        ["Georgian"] = "ka",
        ["Burmese"] = "my",
    };

    // Legal forms an entity alias carries after a comma ("Море Река Сервис, ООО"); a comma before one of them does not
    // start another alias.
    private static readonly HashSet<string> LegalForms = new(StringComparer.OrdinalIgnoreCase)
    {
        "LLC", "JSC", "OJSC", "PJSC", "CJSC", "FSUE", "FGUP", "Ltd", "Ltd.", "Limited", "Inc", "Inc.", "Co", "Co.",
        "Corp", "Corp.", "LLP", "SARL", "S.A.", "GmbH", "AO", "OOO", "PAO", "ZAO", "OAO",
        "АО", "ООО", "ПАО", "ЗАО", "ОАО", "ФГУП", "ФГБУ", "ФГУ", "АО.", "НАО", "ГУП", "МУП", "ТОО",
    };

    public string Format => "ca-sema-xml";

    public string Description => "Canada Special Economic Measures Act consolidated list (sema-lmes.xml)";

    public bool CanRead(ListInput input) =>
        !input.IsDirectory
        && input.HeadText.Contains("<data-set", StringComparison.Ordinal)
        && input.HeadText.Contains("<record>", StringComparison.Ordinal)
        && input.HeadText.Contains("<Item>", StringComparison.Ordinal);

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = Source;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = SafeXml.Open(input.Path);
        foreach (var (element, where) in SafeXml.Records(reader, input.Path, AdvanceToRecord))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadRecord(element, input.Path, where, seen);
        }
    }

    private static bool AdvanceToRecord(XmlReader reader)
    {
        // After XNode.ReadFrom the reader already stands on the next node, which may be the next record.
        while (reader.NodeType == XmlNodeType.Element && reader.LocalName == RecordElement || reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == RecordElement)
            {
                return true;
            }
        }
        return false;
    }

    private static SourceRecord ReadRecord(XElement e, string path, string where, HashSet<string> seen)
    {
        var regime = Text(e, "Country")
            ?? throw new ListFormatException(path, $"element {RecordElement} at {where}", "record has no Country (its regime), so no id");
        var item = Text(e, "Item")
            ?? throw new ListFormatException(path, $"element {RecordElement} at {where}", "record has no Item, so no id");
        var schedule = Text(e, "Schedule");
        var lastName = Text(e, "LastName");
        var givenName = Text(e, "GivenName");
        var entityOrShip = Text(e, "EntityOrShip");
        var imo = Text(e, "ShipIMONumber");
        var titleOrShip = Text(e, "TitleOrShip");

        var schema = entityOrShip is null ? EntitySchema.Person
            : imo is not null ? EntitySchema.Vessel
            : EntitySchema.Organization;
        var name = schema == EntitySchema.Person ? Join(" ", givenName, lastName) : entityOrShip;
        if (name is null)
        {
            throw new ListFormatException(path, $"element {RecordElement} at {where}", "record has no name (LastName, GivenName or EntityOrShip)");
        }

        var id = NativeId(regime, schedule, item);
        if (!seen.Add(id))
        {
            id = id + "_" + Slug(name);
            seen.Add(id);
        }
        var record = new SourceRecord(id, schema);

        if (schema == EntitySchema.Person)
        {
            var parts = new List<NamePart>();
            if (givenName is not null)
            {
                parts.Add(new NamePart(NamePartKind.Given, givenName));
            }
            if (lastName is not null)
            {
                parts.Add(new NamePart(NamePartKind.Family, lastName));
            }
            record.AddName(new NameEntry(name, NameType.Primary) { Parts = parts });
        }
        else
        {
            record.AddName(name, NameType.Primary);
        }
        foreach (var alias in SplitAliases(Text(e, "Aliases"), schema == EntitySchema.Person))
        {
            record.AddName(alias);
        }

        var reference = (schedule is null ? "" : (char.IsDigit(schedule[0]) ? "Schedule " : "") + CollapseWhitespace(schedule) + ", ") + "Item " + item;
        record.AddDesignation(new Designation(CollapseWhitespace(regime), PartialDate.Parse(Text(e, "DateOfListing")), Authority, reference));
        if (PartialDate.Parse(Text(e, "DateOfListing")) is null)
        {
            record.Add(Properties.Notes, "DateOfListing: " + Text(e, "DateOfListing"));
        }

        var date = Text(e, "DateOfBirthOrShipBuildDate");
        var dateProperty = schema switch
        {
            EntitySchema.Person => Properties.BirthDate,
            EntitySchema.Vessel => BuildDate,
            _ => IncorporationDate,
        };
        foreach (var d in AlternativeDates().Split(date ?? ""))
        {
            record.AddDate(dateProperty, d);
        }

        if (schema == EntitySchema.Vessel)
        {
            record.Add(Properties.ImoNumber, ImoPrefix().Replace(imo!, ""), imo);
            record.Add(VesselType, titleOrShip);
        }
        else
        {
            record.Add(Properties.Title, titleOrShip);
        }
        return record;
    }

    /// <summary>The id rule of the class remarks: regime_schedule_item, lower-case, URL-safe.</summary>
    internal static string NativeId(string regime, string? schedule, string item)
    {
        var english = regime.Split(" / ", 2)[0];
        var segments = new[] { Slug(english), schedule is null ? null : Slug(schedule), Slug(item) };
        return string.Join('_', segments.Where(s => !string.IsNullOrEmpty(s)));
    }

    private static string Slug(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var hyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c) || c == '.')
            {
                if (hyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }
                hyphen = false;
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                hyphen = true;
            }
        }
        return sb.ToString().Trim('.');
    }

    /// <summary>
    /// Splits the free-text Aliases field: ";" and " or " always separate aliases; "," separates them too, except before
    /// a bare legal form in an entity name; a leading "Russian:"-style label gives the language. Non-Latin aliases are
    /// the original-script names.
    /// </summary>
    internal static IEnumerable<NameEntry> SplitAliases(string? text, bool isPerson)
    {
        if (text is null)
        {
            yield break;
        }
        foreach (var group in CollapseWhitespace(text).Split(';'))
        {
            foreach (var alternative in (isPerson ? PersonAlternatives() : EntityAlternatives()).Split(group))
            {
                var pieces = new List<string>();
                foreach (var piece in alternative.Split(','))
                {
                    var p = piece.Trim();
                    if (p.Length == 0)
                    {
                        continue;
                    }
                    if (!isPerson && pieces.Count > 0 && LegalForms.Contains(p))
                    {
                        pieces[^1] += ", " + p;
                    }
                    else
                    {
                        pieces.Add(p);
                    }
                }
                foreach (var piece in pieces)
                {
                    string? language = null;
                    var value = piece;
                    var label = LanguageLabel().Match(piece);
                    if (label.Success && LanguageLabels.TryGetValue(label.Groups["label"].Value, out var code))
                    {
                        language = code;
                        value = label.Groups["name"].Value;
                    }
                    value = value.Trim();
                    if (value.Length == 0)
                    {
                        continue;
                    }
                    var entry = new NameEntry(value, NameType.Alias) { Language = language };
                    yield return entry.Script is "Latn" or "Zyyy" ? entry : entry with { Type = NameType.OriginalScript };
                }
            }
        }
    }

    private static string CollapseWhitespace(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Text(XElement parent, string name)
    {
        var value = parent.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string? Join(string separator, params string?[] parts)
    {
        var joined = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
        return joined.Length == 0 ? null : joined;
    }

    [GeneratedRegex(@"\s+or\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlternativeDates();

    [GeneratedRegex(@"\s+(?:or|and)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PersonAlternatives();

    [GeneratedRegex(@"\s+or\s+", RegexOptions.CultureInvariant)]
    private static partial Regex EntityAlternatives();

    [GeneratedRegex(@"^(?<label>[A-Za-z]+)\s*:\s*(?<name>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageLabel();

    [GeneratedRegex(@"^\s*IMO\s*:?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImoPrefix();
}
