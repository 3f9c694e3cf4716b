using System.Text;
using System.Text.Json;
using Vigil.Core.Model;

namespace Vigil.Core.Sources;

/// <summary>FollowTheMoney entities, one JSON object per line, as OpenSanctions publishes them (<c>entities.ftm.json</c>).</summary>
/// <remarks>
/// <para>
/// Each line is <c>{"id", "schema", "properties": {"name": [...], ...}, "datasets", "referents", "last_change", "target"}</c>.
/// Person becomes <see cref="EntitySchema.Person"/>; Organization, Company, LegalEntity and PublicBody
/// <see cref="EntitySchema.Organization"/>; Vessel <see cref="EntitySchema.Vessel"/>; Airplane and Aircraft
/// <see cref="EntitySchema.Aircraft"/>. Lines of any other schema (Address, Ownership, Passport, Family...) are skipped
/// without error: they are not subjects one screens against. Sanction lines are not records either, but each becomes
/// a <see cref="Designation"/> (program, listingDate or startDate, authority, authorityId or unscId) of the entity its
/// <c>entity</c> property names; a first pass collects them. A subject marked <c>"target": false</c> (a relative or
/// an owner that OpenSanctions carries for context but nobody listed) is skipped; a line without <c>target</c> is read.
/// </para>
/// <para>
/// Properties become statements under their own FollowTheMoney names; name, alias, weakAlias and previousName become
/// names (a non-Latin <c>name</c> beside a Latin one is the original-script name); date properties are normalised
/// with the original kept. <c>last_change</c> becomes <c>modifiedAt</c>. A referent written <c>source:id</c> with a
/// source Vigil knows becomes a cross-reference; other referents (OpenSanctions' own "ofac-18634" style) are kept in
/// notes. A Sanction's <c>unscId</c> becomes a cross-reference to the UN record.
/// </para>
/// <para>
/// The file states no source id: the source is <c>custom-</c> plus the dataset name when every line names the same
/// single dataset, else <c>custom-</c> plus the file name without extension, lower-cased with other characters
/// turned into hyphens ("us_ofac_sdn" gives <c>custom-us-ofac-sdn</c>). Native ids are the entity ids as written.
/// </para>
/// </remarks>
public sealed class FtmJsonParser : IListParser
{
    private static readonly HashSet<string> DateProperties = new(StringComparer.Ordinal)
    {
        "birthDate", "deathDate", "incorporationDate", "dissolutionDate", "buildDate", "registrationDate",
        "createdAt", "modifiedAt", "startDate", "endDate", "date",
    };

    // Known sources, for deciding whether a referent is a Vigil record id.
    private static readonly HashSet<string> VigilSources = new(StringComparer.Ordinal)
    {
        "un-sc", "us-ofac-sdn", "us-ofac-cons", "gb-hmt", "au-dfat", "eu-fsf", "ca-sema", "ch-seco", "us-bis-dpl",
    };

    public string Format => "ftm-json";

    public string Description => "FollowTheMoney entities as JSON lines (OpenSanctions entities.ftm.json)";

    public bool CanRead(ListInput input)
    {
        if (input.IsDirectory)
        {
            return false;
        }
        var first = input.HeadText.TrimStart();
        var end = first.IndexOf('\n', StringComparison.Ordinal);
        if (end >= 0)
        {
            first = first[..end];
        }
        return first.StartsWith('{')
            && first.Contains("\"schema\"", StringComparison.Ordinal)
            && first.Contains("\"properties\"", StringComparison.Ordinal)
            && first.Contains("\"id\"", StringComparison.Ordinal);
    }

    public IEnumerable<SourceRecord> Read(ListInput input, ListHeader header, CancellationToken cancellationToken = default)
    {
        var (sanctions, dataset) = FirstPass(input.Path, cancellationToken);
        header.Source = CustomSource.From(dataset ?? Path.GetFileNameWithoutExtension(input.Path));
        foreach (var (line, number) in Lines(input.Path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var entity = ParseLine(input.Path, line, number);
            var record = ReadEntity(entity.RootElement, input.Path, number, sanctions);
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    /// <summary>Collects every Sanction (by the entity it sanctions) and the one dataset all lines share, if they do.</summary>
    private static (Dictionary<string, List<SourceRecord>> Sanctions, string? Dataset) FirstPass(string path, CancellationToken cancellationToken)
    {
        // A Sanction is kept as a small nameless record holding only its designation and statements, not as JSON.
        var sanctions = new Dictionary<string, List<SourceRecord>>(StringComparer.Ordinal);
        string? dataset = null;
        var single = true;
        foreach (var (line, number) in Lines(path))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var entity = ParseLine(path, line, number);
            var root = entity.RootElement;
            var (id, schema) = IdAndSchema(root, path, number);
            if (single)
            {
                var datasets = Strings(root, "datasets").ToList();
                single = datasets.Count == 1 && (dataset is null || dataset == datasets[0]);
                dataset = single ? datasets[0] : null;
            }
            if (schema != "Sanction" || !root.TryGetProperty("properties", out var properties))
            {
                continue;
            }
            var sanction = ReadSanction(id, properties, path, number);
            foreach (var target in PropertyValues(properties, "entity", path, number))
            {
                if (!sanctions.TryGetValue(target, out var list))
                {
                    sanctions[target] = list = [];
                }
                list.Add(sanction);
            }
        }
        return (sanctions, dataset);
    }

    private static SourceRecord? ReadEntity(JsonElement root, string path, int number, Dictionary<string, List<SourceRecord>> sanctions)
    {
        var (id, schemaName) = IdAndSchema(root, path, number);
        EntitySchema? schema = schemaName switch
        {
            "Person" => EntitySchema.Person,
            "Organization" or "Company" or "LegalEntity" or "PublicBody" => EntitySchema.Organization,
            "Vessel" => EntitySchema.Vessel,
            "Airplane" or "Aircraft" => EntitySchema.Aircraft,
            _ => null,
        };
        if (schema is null || (root.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.False))
        {
            return null;
        }
        var record = new SourceRecord(id, schema.Value) { Location = $"line {number}" };
        if (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            AddNames(record, properties, path, number);
            foreach (var property in properties.EnumerateObject())
            {
                if (property.Name is "name" or "alias" or "weakAlias" or "previousName")
                {
                    continue;
                }
                foreach (var value in PropertyValues(properties, property.Name, path, number))
                {
                    if (DateProperties.Contains(property.Name))
                    {
                        record.AddDate(property.Name, value);
                    }
                    else
                    {
                        record.Add(property.Name, value);
                    }
                }
            }
        }
        if (record.Names.Count == 0)
        {
            throw new ListFormatException(path, $"line {number}", $"entity {id} has no name");
        }
        if (root.TryGetProperty("last_change", out var lastChange) && lastChange.ValueKind == JsonValueKind.String)
        {
            record.AddDate(Properties.ModifiedAt, lastChange.GetString());
        }
        foreach (var referent in Strings(root, "referents"))
        {
            var colon = referent.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && VigilSources.Contains(referent[..colon]))
            {
                record.AddCrossReference(referent, referent);
            }
            else
            {
                record.Add(Properties.Notes, "referent: " + referent);
            }
        }
        if (sanctions.TryGetValue(id, out var sanctionsOfEntity))
        {
            foreach (var sanction in sanctionsOfEntity)
            {
                record.MergeFrom(sanction);
            }
        }
        return record;
    }

    private static void AddNames(SourceRecord record, JsonElement properties, string path, int number)
    {
        var names = PropertyValues(properties, "name", path, number).Select(n => new NameEntry(n, NameType.Primary)).ToList();
        var anyLatin = names.Exists(n => n.Script == "Latn");
        foreach (var name in names)
        {
            record.AddName(anyLatin && name.Script != "Latn" ? name with { Type = NameType.OriginalScript } : name);
        }
        foreach (var (property, type) in new[] { ("alias", NameType.Alias), ("weakAlias", NameType.WeakAlias), ("previousName", NameType.Former) })
        {
            foreach (var value in PropertyValues(properties, property, path, number))
            {
                record.AddName(value, type);
            }
        }
    }

    private static SourceRecord ReadSanction(string id, JsonElement p, string path, int number)
    {
        string? First(string property) => PropertyValues(p, property, path, number).FirstOrDefault();
        var sanction = new SourceRecord(id, EntitySchema.Organization);
        var authority = First("authority");
        var listed = First("listingDate") ?? First("startDate");
        sanction.AddDesignation(new Designation(
            First("program") ?? First("programId") ?? authority ?? "Sanction",
            PartialDate.Parse(listed),
            authority,
            First("authorityId") ?? First("unscId")));
        foreach (var unscId in PropertyValues(p, "unscId", path, number))
        {
            foreach (var (recordId, quoted) in UnReferenceFinder.Find(unscId))
            {
                sanction.AddCrossReference(recordId, quoted);
            }
        }
        foreach (var reason in PropertyValues(p, "reason", path, number))
        {
            sanction.Add(Properties.Notes, reason);
        }
        return sanction;
    }

    private static (string Id, string Schema) IdAndSchema(JsonElement root, string path, int number)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ListFormatException(path, $"line {number}", "line is not a JSON object");
        }
        var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ListFormatException(path, $"line {number}", "entity has no id");
        }
        var schema = root.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (string.IsNullOrWhiteSpace(schema))
        {
            throw new ListFormatException(path, $"line {number}", $"entity {id} has no schema");
        }
        return (id, schema);
    }

    /// <summary>The string values of a multi-valued property; a nested entity (targets.nested.json) is refused.</summary>
    private static IEnumerable<string> PropertyValues(JsonElement properties, string name, string path, int number)
    {
        if (!properties.TryGetProperty(name, out var values))
        {
            yield break;
        }
        if (values.ValueKind != JsonValueKind.Array)
        {
            throw new ListFormatException(path, $"line {number}", $"property {name} is not a list of values");
        }
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                throw new ListFormatException(path, $"line {number}", $"property {name} holds a {value.ValueKind}, not text (nested entities are not read; use entities.ftm.json)");
            }
            var text = value.GetString();
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return text;
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var values) || values.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    private static JsonDocument ParseLine(string path, string line, int number)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new ListFormatException(path, $"line {number}", "invalid JSON: " + e.Message, e);
        }
    }

    private static IEnumerable<(string Line, int Number)> Lines(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (ListLimits.ReadLine(reader, path, number + 1) is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (line, number);
            }
        }
    }
}
