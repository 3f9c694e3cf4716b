namespace Vigil.Core.Model;

/// <summary>One record of one list as its parser read it: native id, schema, names, designations and statements.</summary>
/// <remarks>
/// Names and designations are kept structured for matching and display, and are also mirrored into
/// <see cref="Statements"/> (name/alias/weakAlias, program/listingDate) so that diffs and provenance see one
/// uniform set of values.
/// </remarks>
public sealed class SourceRecord
{
    private readonly List<NameEntry> _names = [];
    private readonly List<Designation> _designations = [];
    private readonly List<Statement> _statements = [];

    public SourceRecord(string nativeId, EntitySchema schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nativeId);
        NativeId = nativeId.Trim();
        Schema = schema;
    }

    /// <summary>The id the list itself gives the record (UN "QDi.372", OFAC ent_num "18634").</summary>
    public string NativeId { get; }

    public EntitySchema Schema { get; set; }

    /// <summary>Where the parser read the record ("line 12", "element INDIVIDUAL at line 300, column 5"), for errors about it.</summary>
    public string? Location { get; init; }

    public IReadOnlyList<NameEntry> Names => _names;

    public IReadOnlyList<Designation> Designations => _designations;

    public IReadOnlyList<Statement> Statements => _statements;

    /// <summary>The first primary name, else the first name of any type.</summary>
    public string Caption =>
        _names.FirstOrDefault(n => n.Type == NameType.Primary)?.FullName
        ?? _names.FirstOrDefault()?.FullName
        ?? NativeId;

    /// <summary>Adds a value; blank values are ignored because lists pad empty fields.</summary>
    public void Add(string property, string? value, string? original = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        var v = CollapseWhitespace(value);
        var o = string.IsNullOrWhiteSpace(original) ? null : original.Trim();
        if (o == v)
        {
            o = null;
        }
        _statements.Add(new Statement(property, v, o));
    }

    /// <summary>Adds a date property: the normalised EDTF value, keeping the list's wording; unparseable text is kept as a note.</summary>
    public void AddDate(string property, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        var edtf = PartialDate.Parse(text);
        if (edtf is null)
        {
            // Never drop what the list says: an unreadable date is still evidence an analyst can read.
            Add("notes", $"{property}: {text.Trim()}");
            return;
        }
        Add(property, edtf, text);
    }

    public void AddName(NameEntry name)
    {
        var full = CollapseWhitespace(name.FullName);
        if (full.Length == 0)
        {
            return;
        }
        var entry = full == name.FullName ? name : name with { FullName = full };
        if (_names.Contains(entry))
        {
            return;
        }
        _names.Add(entry);
        Add(entry.Property, entry.FullName);
    }

    public void AddName(string? fullName, NameType type, params NamePart[] parts)
    {
        if (string.IsNullOrWhiteSpace(fullName))
        {
            return;
        }
        AddName(new NameEntry(fullName, type) { Parts = parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToArray() });
    }

    public void AddDesignation(Designation designation)
    {
        if (_designations.Contains(designation))
        {
            return;
        }
        _designations.Add(designation);
        Add("program", designation.Program);
        Add("listingDate", designation.ListedOn);
    }

    /// <summary>Records that this record quotes another list's record, e.g. <c>un-sc:QDi.372</c>; the quoted text is kept.</summary>
    public void AddCrossReference(string recordId, string? quotedAs = null) => Add(Properties.CrossReference, recordId, quotedAs);

    /// <summary>Folds another occurrence of the same native id (one person listed under two programmes) into this record.</summary>
    public void MergeFrom(SourceRecord other)
    {
        foreach (var n in other._names)
        {
            AddName(n);
        }
        foreach (var d in other._designations)
        {
            AddDesignation(d);
        }
        foreach (var s in other._statements)
        {
            if (!_statements.Contains(s))
            {
                _statements.Add(s);
            }
        }
    }

    private static string CollapseWhitespace(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.AsSpan().ContainsAny("\r\n\t  "))
        {
            return trimmed;
        }
        return string.Join(' ', trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
