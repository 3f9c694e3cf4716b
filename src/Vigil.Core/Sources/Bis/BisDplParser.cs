using System.Globalization;
using System.Text.RegularExpressions;
using nietras.SeparatedValues;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>US Commerce BIS Denied Persons List, the tab-separated <c>dpl.txt</c> (one row per denied party and address).</summary>
/// <remarks>
/// <para>
/// The list has no id column and repeats a denied party on one row per address or order. The native id is the
/// party's name reduced to its letters and digits, lower-cased and joined by hyphens ("AL-NASER AIRLINES" and
/// "AL NASER AIRLINES" both become <c>al-naser-airlines</c>): it depends on nothing but the name, so it survives
/// re-sorting and re-publication, and every row of one party yields the same id, which the importer folds into one
/// entity with all its addresses and orders. Row numbers are never used. Two different parties with the same name
/// would be folded together; the list gives nothing else that tells them apart. Spelling variants the list prints
/// as separate rows ("SAMMY ELASHYI", "IHSAN ELASHI") stay separate records, as the list prints them.
/// </para>
/// <para>
/// The list does not say whether a party is a person or an organisation. A party is an
/// <see cref="EntitySchema.Organization"/> when its name holds a legal-form word (INC, LLC, LTD, CORP, CO., GMBH,
/// S.A., AG, AB, JSC, PTE...) or a business word (AIRLINES, AVIATION, TRADING, TECHNOLOGY, SYSTEMS, ENGINEERING,
/// INTERNATIONAL...), a web domain ("SYNAPTIX.NET"), or is a single word; everything else is a
/// <see cref="EntitySchema.Person"/>. A company named only by a brand ("AVIASTAR - TU") is therefore read as a person.
/// </para>
/// <para>
/// Dates are US month/day/year. Effective_Date is the listing date of the designation (reference: FR_Citation),
/// Expiration_Date becomes <c>endDate</c>, Last_Update <c>modifiedAt</c>; a date that is not a real date (the list has
/// "3017-08-22") is kept word for word in <c>notes</c>. Standard_Order and Action become notes. The file states no
/// publication date.
/// </para>
/// </remarks>
public sealed partial class BisDplParser : IListParser
{
    /// <summary>Source id of the Denied Persons List.</summary>
    public const string Source = "us-bis-dpl";

    private const string Program = "Denied Persons List";
    private const string Authority = "US Department of Commerce, BIS";

    // The day the denial order ends; FollowTheMoney calls a sanction's end "endDate".
    private const string EndDate = "endDate";

    private static readonly string[] Columns =
        ["Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date", "Expiration_Date",
         "Standard_Order", "Last_Update", "Action", "FR_Citation"];

    private static readonly HashSet<string> OrganizationWords = new(StringComparer.Ordinal)
    {
        // Legal forms, written without their dots.
        "INC", "INCORPORATED", "LLC", "LTD", "LIMITED", "CORP", "CORPORATION", "CO", "COMPANY", "GMBH", "AG", "AB", "SA",
        "SL", "SRL", "SPA", "SARL", "PTE", "PVT", "JSC", "PJSC", "OJSC", "OOO", "FZC", "FZE", "ANSTALT", "PLC", "LLP", "BV", "NV",
        // Words that name a business, never a person.
        "AIRLINES", "AIRWAYS", "AIR", "AVIATION", "FREIGHT", "TRADING", "TRADE", "INDUSTRIAL", "INDUSTRIE", "INDUSTRIES",
        "TECHNOLOGY", "TECHNOLOGIES", "TECHNIK", "SYSTEMS", "SOLUTIONS", "SERVICES", "SERVICE", "ENTERPRISE", "ENTERPRISES",
        "GROUP", "INTERNATIONAL", "INTERNACIONAL", "ENGINEERING", "ELECTRONICS", "ELECTRONIC", "COMPUTERS", "METALS",
        "MANUFACTURING", "EQUIPMENT", "REFINING", "MARITIME", "EXPORT", "IMPORT", "SUPPLY", "MACHINERY", "TRANSPORTATION",
        "TRANSPORTE", "EMPRESA", "CONTRACTING", "ASSOCIATES", "FIBERS", "NONWOVENS", "PRODUCTS", "MICROWAVE", "VERTRIEBS",
        "BAUELEMENTE", "HANDEL", "INVEST", "MANAGEMENT", "RESULTS",
    };

    public string Format => "us-bis-dpl";

    public string Description => "US Commerce BIS Denied Persons List (dpl.txt, tab-separated)";

    // The id is made from the name, and a party denied at several addresses has one row for each.
    public bool RepeatsIds => true;

    public bool CanRead(ListInput input)
    {
        if (input.IsDirectory)
        {
            return false;
        }
        var text = input.HeadText;
        var end = text.IndexOfAny(['\r', '\n']);
        var first = (end < 0 ? text : text[..end]).Replace("\"", "", StringComparison.Ordinal).Split('\t');
        return first.Contains("Name") && first.Contains("Street_Address") && first.Contains("Effective_Date") && first.Contains("FR_Citation");
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        header.Source = Source;
        using var reader = SepRows.Open(
            () => SepRows.Options('\t', hasHeader: true).FromFile(input.Path),
            input.Path,
            1);
        var columns = ColumnIndexes(reader.Header, input.Path);
        var nextLine = 2;
        while (SepRows.Next(reader, input.Path, ref nextLine))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = ReadRow(reader.Current, columns, input.Path);
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    /// <summary>The native id of a denied party: its name's letters and digits, lower-cased, joined by hyphens.</summary>
    public static string RowKey(string name) => string.Join('-', KeyWords().Matches(name.ToLowerInvariant()).Select(m => m.Value));

    /// <summary>True when a Denied Persons List name reads as a company or other organisation (see the class remarks).</summary>
    public static bool IsOrganizationName(string name)
    {
        if (WebDomain().IsMatch(name))
        {
            return true;
        }
        var words = NameWords().Split(name.ToUpperInvariant())
            .Select(w => w.Replace(".", "", StringComparison.Ordinal))
            .Where(w => w.Length > 0)
            .ToList();
        return words.Count == 1 || words.Exists(OrganizationWords.Contains);
    }

    private static int[] ColumnIndexes(SepReaderHeader header, string path)
    {
        var indexes = new int[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            if (!header.TryIndexOf(Columns[i], out indexes[i]))
            {
                throw new ListFormatException(path, "line 1", $"header has no {Columns[i]} column");
            }
        }
        return indexes;
    }

    private static SourceRecord? ReadRow(SepReader.Row row, int[] columns, string path)
    {
        var where = $"line {row.LineNumberFrom}";
        // Sep reads an unterminated quote to the end of the file as one value; an odd quote count gives it away.
        // Checked before any column is read because unescaping rewrites the row in place.
        if (row.Span.Count('"') % 2 != 0)
        {
            throw new ListFormatException(path, where, "unterminated quoted field");
        }
        if (row.ColCount == 1 && row.Span.IsWhiteSpace())
        {
            return null;
        }
        if (row.ColCount != Columns.Length)
        {
            throw new ListFormatException(path, where, $"expected {Columns.Length} tab-separated columns, found {row.ColCount}");
        }
        var v = new string[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            v[i] = row[columns[i]].ToString().Trim();
        }
        var (name, street, city, state, country, postal) = (v[0], v[1], v[2], v[3], v[4], v[5]);
        var (effective, expiration, standardOrder, lastUpdate, action, citation) = (v[6], v[7], v[8], v[9], v[10], v[11]);

        var key = RowKey(name);
        if (key.Length == 0)
        {
            throw new ListFormatException(path, where, "row has no Name");
        }
        var record = new SourceRecord(key, IsOrganizationName(name) ? EntitySchema.Organization : EntitySchema.Person) { Location = where };
        record.AddName(name, NameType.Primary);
        foreach (var alias in AliasesWithin(name, record.Schema == EntitySchema.Organization))
        {
            record.AddName(alias, NameType.Alias);
        }

        record.Add(Properties.Address, Join(street, city, state, postal, country));
        record.Add(Properties.Country, country);

        var listedOn = UsDate(effective);
        if (listedOn is null && effective.Length > 0)
        {
            record.Add(Properties.Notes, "Effective_Date: " + effective);
        }
        record.AddDesignation(new Designation(Program, listedOn, Authority, citation.Length > 0 ? citation : null));

        var ends = UsDate(expiration);
        if (ends is not null)
        {
            record.Add(EndDate, ends, expiration);
        }
        else if (expiration.Length > 0)
        {
            record.Add(Properties.Notes, "Expiration_Date: " + expiration);
        }
        record.AddDate(Properties.ModifiedAt, lastUpdate);
        if (standardOrder.Length > 0)
        {
            record.Add(Properties.Notes, "Standard order: " + standardOrder);
        }
        if (action.Length > 0)
        {
            record.Add(Properties.Notes, "Action: " + action);
        }
        return record;
    }

    /// <summary>
    /// The other names a DPL name spells out inside itself: both sides of "A/K/A" and "D/B/A", the name without a
    /// parenthesis or a quoted nickname, and the parenthesis itself when it is an a.k.a. or an organisation's full name.
    /// </summary>
    private static IEnumerable<string> AliasesWithin(string name, bool isOrganization)
    {
        var parts = AlsoKnownAs().Split(name);
        if (parts.Length > 1)
        {
            foreach (var part in parts)
            {
                yield return part.Trim(' ', ',');
            }
        }
        var paren = Parenthesis().Match(name);
        if (paren.Success)
        {
            yield return Parenthesis().Replace(name, " ").Trim(' ', ',');
            var inner = paren.Groups["inner"].Value;
            var stripped = AkaPrefix().Replace(inner, "");
            if (isOrganization || stripped.Length != inner.Length)
            {
                yield return stripped.Trim(' ', ',');
            }
        }
        if (Nickname().IsMatch(name))
        {
            yield return Nickname().Replace(name, " ");
        }
    }

    /// <summary>A US month/day/year date as EDTF; null when blank or not a real date.</summary>
    private static string? UsDate(string text)
    {
        var m = MonthDayYear().Match(text);
        if (!m.Success)
        {
            return null;
        }
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 1000 or > 2999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }
        return PartialDate.Format(year, month, day);
    }

    private static string? Join(params string[] parts)
    {
        var joined = string.Join(", ", parts.Where(p => p.Length > 0));
        return joined.Length == 0 ? null : joined;
    }

    [GeneratedRegex(@"[a-z0-9]+")]
    private static partial Regex KeyWords();

    [GeneratedRegex(@"[\s,()/&""\-]+")]
    private static partial Regex NameWords();

    [GeneratedRegex(@"\w\.(NET|COM|ORG)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WebDomain();

    [GeneratedRegex(@"\s+(?:A/K/A|D/B/A|A\.K\.A\.)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AlsoKnownAs();

    [GeneratedRegex(@"\((?<inner>[^()]+)\)")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"^\s*(?:A/K/A|A\.K\.A\.?|AKA)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AkaPrefix();

    [GeneratedRegex(@"\s+""[^""]+""\s+")]
    private static partial Regex Nickname();

    [GeneratedRegex(@"^(?<m>\d{1,2})/(?<d>\d{1,2})/(?<y>\d{4})$")]
    private static partial Regex MonthDayYear();
}
