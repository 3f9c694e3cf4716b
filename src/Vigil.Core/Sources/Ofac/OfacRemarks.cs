using System.Text.RegularExpressions;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>
/// Reads OFAC's free-text Remarks ("DOB 14 May 1975; POB Varzob, Tajikistan; citizen Tajikistan; Passport 018840
/// (Tajikistan).") into statements, and OFAC's conventions shared by its legacy formats (names, identifiers).
/// </summary>
/// <remarks>
/// The whole remarks text is always kept as a note; each clause it is made of then becomes a structured statement
/// when its wording is recognised, or a note of its own otherwise. Quoted aliases in remarks ("a.k.a. 'BNC'") are
/// OFAC's weak AKAs: the legacy CSV has no other place for them, and every one of them found in the Consolidated
/// CSV is an <c>aka</c> of category "weak" in the same list's XML (OFAC FAQ 123 describes the convention).
/// </remarks>
public static partial class OfacRemarks
{
    /// <summary>The designating authority named on every OFAC designation.</summary>
    public const string Authority = "US Treasury OFAC";

    // Identifier wordings OFAC uses, with the property each becomes. Longest first so that
    // "Business Registration Number" wins over "Registration Number" and "Company Number IMO" never reaches here.
    private static readonly (string Type, string Property)[] KnownIdentifiers = BuildKnownIdentifiers();

    /// <summary>Adds everything a Remarks text says to the record; blank remarks add nothing.</summary>
    public static void Apply(SourceRecord record, string remarks)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(remarks))
        {
            return;
        }
        record.Add(Properties.Notes, remarks.Trim());
        foreach (var clause in Clauses(remarks))
        {
            ApplyClause(record, clause);
        }
    }

    /// <summary>The clauses of a remarks text, as written (the last one keeps OFAC's closing full stop).</summary>
    internal static IEnumerable<string> Clauses(string remarks) =>
        // "; " separates clauses; a few remarks omit the space ("nationality possibly Palestinian;arrested ...").
        ClauseSeparator().Split(remarks.Trim()).Select(c => c.Trim()).Where(c => c.Length > 0);

    /// <summary>Adds what one clause says ("DOB 14 May 1975", "alt. Passport 123 (Iran)") to the record.</summary>
    internal static void ApplyClause(SourceRecord record, string clause)
    {
        // OFAC ends the whole text with a full stop, which is not part of the last value; notes keep it, since there
        // it may also close an abbreviation ("Linked To: R D I S.A.").
        var core = clause.EndsWith('.') ? clause[..^1].TrimEnd() : clause;
        var body = core.StartsWith("alt. ", StringComparison.OrdinalIgnoreCase) ? core[5..].Trim() : core;
        if (TryPersonalDetail(record, body) || TryWeakAlias(record, body) || TryContact(record, core, body)
            || TryAssetDetail(record, core, body) || TryCrossReference(record, clause) || TryIdentifier(record, core, body))
        {
            return;
        }
        record.Add(Properties.Notes, clause);
    }

    /// <summary>
    /// A name as OFAC writes it. Individuals are written "SURNAME, Given names": the text is kept whole as the
    /// name, and the parts before and after the first comma become the family and given names.
    /// </summary>
    internal static NameEntry Name(string fullName, NameType type, EntitySchema schema)
    {
        var full = fullName.Trim();
        var comma = full.IndexOf(',', StringComparison.Ordinal);
        if (schema != EntitySchema.Person || comma <= 0 || comma == full.Length - 1)
        {
            return new NameEntry(full, type);
        }
        return new NameEntry(full, type)
        {
            Parts = [new NamePart(NamePartKind.Family, full[..comma].Trim()), new NamePart(NamePartKind.Given, full[(comma + 1)..].Trim())],
        };
    }

    /// <summary>A name given as separate last and first names (legacy XML): "LAST, First" as the other OFAC formats write it.</summary>
    internal static NameEntry Name(string? lastName, string? firstName, NameType type, EntitySchema schema)
    {
        var last = lastName?.Trim() ?? "";
        var first = firstName?.Trim() ?? "";
        if (first.Length == 0)
        {
            // Weak aliases come whole in lastName ("ZAHAR, Mahmoud"): read them as the CSV's written form.
            return Name(last, type, schema);
        }
        if (last.Length == 0)
        {
            return new NameEntry(first, type) { Parts = schema == EntitySchema.Person ? [new NamePart(NamePartKind.Given, first)] : [] };
        }
        return new NameEntry($"{last}, {first}", type)
        {
            Parts = schema == EntitySchema.Person ? [new NamePart(NamePartKind.Family, last), new NamePart(NamePartKind.Given, first)] : [],
        };
    }

    /// <summary>OFAC programme tags as the CSV writes them ("SDGT] [IRGC", the outer brackets stripped) or bracketed.</summary>
    internal static IEnumerable<string> Programs(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split(["] [", "]", "["], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryPersonalDetail(SourceRecord record, string body)
    {
        Match m;
        if ((m = Dob().Match(body)).Success)
        {
            record.AddDate(Properties.BirthDate, m.Groups["v"].Value);
            return true;
        }
        if ((m = Pob().Match(body)).Success)
        {
            record.Add(Properties.BirthPlace, m.Groups["v"].Value);
            return true;
        }
        if ((m = RegistrationNationality().Match(body)).Success)
        {
            record.Add(Properties.Flag, m.Groups["v"].Value);
            return true;
        }
        if ((m = Nationality().Match(body)).Success)
        {
            return AddCountry(record, m.Groups["k"].Value.StartsWith("c", StringComparison.OrdinalIgnoreCase) ? Properties.Citizenship : Properties.Nationality, m.Groups["v"].Value);
        }
        if ((m = Gender().Match(body)).Success)
        {
            record.Add(Properties.Gender, m.Groups["v"].Value.ToLowerInvariant());
            return true;
        }
        if ((m = AlternateTitle().Match(body)).Success)
        {
            record.Add(Properties.Position, m.Groups["v"].Value);
            return true;
        }
        return false;
    }

    private static bool AddCountry(SourceRecord record, string property, string value)
    {
        // "nationality possibly Palestinian" is a doubt, not a nationality: it stays a note.
        if (value.StartsWith("possibly", StringComparison.OrdinalIgnoreCase) || value.StartsWith("probably", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        record.Add(property, value);
        return true;
    }

    private static bool TryWeakAlias(SourceRecord record, string body)
    {
        var m = QuotedAlias().Match(body);
        if (!m.Success)
        {
            return false;
        }
        // OFAC quotes only its weak AKAs in remarks; a weak former name is still weak for screening, so it is kept as one.
        record.AddName(Name(m.Groups["v"].Value, NameType.WeakAlias, record.Schema));
        return true;
    }

    private static bool TryContact(SourceRecord record, string clause, string body)
    {
        Match m;
        if ((m = Email().Match(body)).Success)
        {
            record.Add(Properties.Email, m.Groups["v"].Value);
            return true;
        }
        if ((m = Website().Match(body)).Success)
        {
            record.Add(Properties.Website, m.Groups["v"].Value);
            return true;
        }
        if ((m = Phone().Match(body)).Success)
        {
            // Fax numbers are phone numbers too; the original keeps the word "Fax".
            record.Add(Properties.Phone, m.Groups["v"].Value, clause);
            return true;
        }
        return false;
    }

    private static bool TryAssetDetail(SourceRecord record, string clause, string body)
    {
        Match m;
        if ((m = Imo().Match(body)).Success)
        {
            record.Add(Properties.ImoNumber, "IMO" + m.Groups["v"].Value, clause);
            return true;
        }
        if ((m = Mmsi().Match(body)).Success)
        {
            record.Add(Properties.Mmsi, m.Groups["v"].Value, clause);
            return true;
        }
        if ((m = Swift().Match(body)).Success)
        {
            record.Add(Properties.SwiftBic, m.Groups["v"].Value, clause);
            return true;
        }
        if ((m = Established().Match(body)).Success)
        {
            record.AddDate(Properties.IncorporationDate, m.Groups["v"].Value);
            return true;
        }
        if ((m = Built().Match(body)).Success)
        {
            record.AddDate(Properties.BuildDate, m.Groups["v"].Value);
            return true;
        }
        if ((m = AircraftModel().Match(body)).Success)
        {
            record.Add(Properties.Model, m.Groups["v"].Value);
            return true;
        }
        if ((m = SerialNumber().Match(body)).Success)
        {
            record.Add(Properties.SerialNumber, m.Groups["v"].Value, clause);
            return true;
        }
        if ((m = TailNumber().Match(body)).Success)
        {
            record.Add(Properties.RegistrationNumber, m.Groups["v"].Value, clause);
            return true;
        }
        return false;
    }

    private static bool TryCrossReference(SourceRecord record, string clause)
    {
        // Only a clause that says the UN lists this same subject ("UN Ref QDi.372") links the records;
        // "Linked To:" names a different, related party and never does.
        if (!UnListing().IsMatch(clause))
        {
            return false;
        }
        var found = false;
        foreach (var (id, quoted) in UnReferenceFinder.Find(clause))
        {
            record.AddCrossReference(id, quoted);
            found = true;
        }
        if (found)
        {
            record.Add(Properties.Notes, clause);
        }
        return found;
    }

    private static bool TryIdentifier(SourceRecord record, string clause, string body)
    {
        foreach (var (type, property) in KnownIdentifiers)
        {
            if (body.Length > type.Length && body.StartsWith(type, StringComparison.OrdinalIgnoreCase) && body[type.Length] is ' ' or '#' or ':')
            {
                return AddIdentifier(record, property, body[type.Length..], clause);
            }
        }
        // An unknown wording still names a document when its words say so ("Refugee ID Card 123").
        var m = TypeThenNumber().Match(body);
        if (!m.Success)
        {
            return false;
        }
        var guessed = GuessIdentifierProperty(m.Groups["t"].Value);
        return guessed is not null && AddIdentifier(record, guessed, m.Groups["v"].Value, clause);
    }

    private static bool AddIdentifier(SourceRecord record, string property, string rest, string clause)
    {
        var number = IdentifierNumber(rest);
        if (number.Length == 0)
        {
            return false;
        }
        record.Add(property, number, clause);
        return true;
    }

    /// <summary>The number out of "# 800018928-0 (Colombia) issued 14 Dec 2005 expires 2010".</summary>
    internal static string IdentifierNumber(string rest)
    {
        var t = rest.Trim().TrimStart('#', ':', ' ');
        var dates = IssuedOrExpires().Match(t);
        if (dates.Success)
        {
            t = t[..dates.Index];
        }
        t = TrailingParentheses().Replace(t, "");
        return t.Trim().TrimEnd(',', ';').Trim();
    }

    private static string? GuessIdentifierProperty(string type)
    {
        var t = type.ToLowerInvariant();
        if (t.Contains("passport", StringComparison.Ordinal))
        {
            return Properties.PassportNumber;
        }
        if (t.Contains("tax", StringComparison.Ordinal) || t.Contains("fiscal", StringComparison.Ordinal) || t.Contains("v.a.t", StringComparison.Ordinal))
        {
            return Properties.TaxNumber;
        }
        if (t.Contains("regist", StringComparison.Ordinal) || t.Contains("licen", StringComparison.Ordinal) || t.Contains("company number", StringComparison.Ordinal)
            || t.Contains("incorporation", StringComparison.Ordinal) || t.Contains("chamber of comm", StringComparison.Ordinal))
        {
            return Properties.RegistrationNumber;
        }
        if (t.Contains("identi", StringComparison.Ordinal) || t.Contains(" id", StringComparison.Ordinal) || t.StartsWith("id ", StringComparison.Ordinal)
            || t.Contains("card", StringComparison.Ordinal) || t.Contains("cedula", StringComparison.Ordinal))
        {
            return Properties.IdNumber;
        }
        return null;
    }

    private static (string, string)[] BuildKnownIdentifiers()
    {
        string[] passports = ["Passport", "Diplomatic Passport", "Passport Booklet", "Official Passport", "Service Passport"];
        string[] taxes =
        [
            "Tax ID No.", "NIT", "RUC", "RIF", "R.F.C.", "RFC", "V.A.T. Number", "US FEIN", "Italian Fiscal Code", "C.U.I.T.",
            "N.I.F.", "C.I.F.", "RTN", "RSIN", "Paraguayan tax identification number",
        ];
        string[] ids =
        [
            "National ID No.", "Cedula No.", "Identification Number", "D.N.I.", "Personal ID Card", "SSN", "Electoral Registry No.",
            "Driver's License No.", "Birth Certificate Number", "Residency Number", "National Foreign ID Number", "C.U.I.", "C.U.R.P.",
            "C.U.I.P.", "Cartilla de Servicio Militar Nacional", "Credencial electoral", "I.F.E.", "Citizen's Card Number",
            "Numero de Identidad", "Kenyan ID No.", "Turkish Identification Number", "Travel Document Number",
            "Military Registration Number", "VisaNumberID", "Tarjeta Profesional", "N.I.E.", "Pasaporte",
        ];
        string[] registrations =
        [
            "Registration Number", "Registration ID", "Business Registration Number", "Business Registration Document",
            "Commercial Registry Number", "Company Number", "UK Company Number", "Folio Mercantil No.", "Matricula Mercantil No",
            "C.R. No.", "Trade License No.", "License", "Government Gazette Number", "Chamber of Commerce Number",
            "Istanbul Chamber of Comm. No.", "Dubai Chamber of Commerce Membership No.", "Unified Social Credit Code (USCC)",
            "United Social Credit Code Certificate (USCCC)", "Legal Entity Number", "LE Number", "Public Registration Number",
            "Economic Register Number (CBLS)", "Central Registration System Number", "D-U-N-S Number",
            "Certificate of Incorporation Number", "Registered Charity No.", "Branch Unit Number", "Business Number",
            "Enterprise Number", "File Number", "Permit Number", "C.I.N.", "Registration Certificate Number (Dubai)",
            "Russian State Individual Business Registration Number Pattern (OGRNIP)", "Vessel Registration Identification",
        ];
        return passports.Select(t => (t, Properties.PassportNumber))
            .Concat(taxes.Select(t => (t, Properties.TaxNumber)))
            .Concat(ids.Select(t => (t, Properties.IdNumber)))
            .Concat(registrations.Select(t => (t, Properties.RegistrationNumber)))
            .OrderByDescending(p => p.t.Length)
            .ToArray();
    }

    [GeneratedRegex(@"\s*;\s*")]
    private static partial Regex ClauseSeparator();

    [GeneratedRegex(@"^DOB:?\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Dob();

    [GeneratedRegex(@"^POB:?\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Pob();

    [GeneratedRegex(@"^Nationality of Registration:?\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex RegistrationNationality();

    [GeneratedRegex(@"^(?<k>nationality|citizen)(?:ship)?:?\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Nationality();

    [GeneratedRegex(@"^Gender:?\s+(?<v>\S.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Gender();

    [GeneratedRegex(@"^Alternate Title,\s*(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AlternateTitle();

    // The name runs to the clause's last quote: names may hold quotes of their own ("a.k.a. 'LLC 'DSD''").
    [GeneratedRegex(@"^[afn]\.k\.a\.\s+'(?<v>.+)'$")]
    private static partial Regex QuotedAlias();

    [GeneratedRegex(@"^Email(?: Address)?:?\s+(?<v>\S+@\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    [GeneratedRegex(@"^Website:?\s+(?<v>\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Website();

    [GeneratedRegex(@"^(?:Phone Number|Phone|Telephone(?: No\.)?|Tel\.|Fax(?: No\.)?)[:\s]+(?<v>[+(\d].*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Phone();

    [GeneratedRegex(@"^(?:Vessel Registration Identification|Identification Number|Company Number|Registration Number)\s+IMO\s*(?<v>\d{7})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Imo();

    [GeneratedRegex(@"^MMSI:?\s+(?<v>\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Mmsi();

    [GeneratedRegex(@"^SWIFT/BIC:?\s+(?<v>[A-Z0-9]{8,11})$")]
    private static partial Regex Swift();

    [GeneratedRegex(@"^Organization Established Date:?\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Established();

    [GeneratedRegex(@"^(?:Aircraft Manufacture Date|Vessel Year of Build)\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Built();

    [GeneratedRegex(@"^Aircraft Model\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AircraftModel();

    [GeneratedRegex(@"^Aircraft Manufacturer's Serial Number \(MSN\)\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SerialNumber();

    [GeneratedRegex(@"^Aircraft Tail Number\s+(?<v>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TailNumber();

    [GeneratedRegex(@"^(?:UN|United Nations)\b.*\b(?:Ref|Reference|ID|Permanent Reference)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnListing();

    [GeneratedRegex(@"^(?<t>[^\d]+?)\s*[#:]?\s+(?<v>\S*\d.*)$")]
    private static partial Regex TypeThenNumber();

    [GeneratedRegex(@"\s+(?:issued|expires)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IssuedOrExpires();

    [GeneratedRegex(@"(?:\s*\([^()]*\))+\s*$")]
    private static partial Regex TrailingParentheses();
}
