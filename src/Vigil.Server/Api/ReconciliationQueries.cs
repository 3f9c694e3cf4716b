using System.Globalization;
using System.Text.Json;
using Vigil.Core.Screening;
using Vigil.Matching;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// One reconciliation query, read into what screening takes, with what of it was left out and why (each naming its
/// field). A query with neither a name nor an identifier left has nothing to screen.
/// </summary>
internal sealed record ReconciliationQuery(string Key, PartyKind Kind, List<string> Names, List<string> BirthDates, string? Country, List<string> Identifiers, int Limit, List<string> Ignored)
{
    public bool Screenable => Names.Count > 0;
}

/// <summary>A batch of queries, or the first error found, naming its field.</summary>
internal sealed record ReconciliationBatch(IReadOnlyList<ReconciliationQuery> Queries, string? Error);

/// <summary>
/// Reads the JSON OpenRefine sends (a batch of queries, or a data extension request) with errors that name the
/// field as a path such as <c>queries.q0.properties[1].v</c>, so a user can find the cell that is wrong.
/// </summary>
internal static class ReconciliationQueries
{
    private const int MaxExtendedProperties = 50;

    public static ReconciliationBatch Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return Failed($"queries: not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (JsonText.FirstUnreadable(root, "queries") is { } unreadable)
            {
                return Failed(JsonText.Refusal(unreadable));
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed("queries: must be a JSON object of queries by key, e.g. {\"q0\": {\"query\": \"Gulmurod Khalimov\"}}");
            }
            var queries = new List<ReconciliationQuery>();
            foreach (var entry in root.EnumerateObject())
            {
                if (queries.Count == ServerDefaults.MaxBatch)
                {
                    return Failed($"queries: too many queries in one batch (limit: {ServerDefaults.MaxBatch})");
                }
                var query = Query(entry.Name, entry.Value, out var error);
                if (error is not null)
                {
                    return Failed(error);
                }
                queries.Add(query!);
            }
            return queries.Count == 0 ? Failed("queries: give at least one query") : new ReconciliationBatch(queries, null);
        }
    }

    private static ReconciliationQuery? Query(string key, JsonElement element, out string? error)
    {
        var field = $"queries.{key}";
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{field}: must be an object such as {{\"query\": \"Gulmurod Khalimov\", \"type\": \"Person\"}}";
            return null;
        }
        var names = new List<string>();
        var nameParts = new List<string>();
        var dates = new List<string>();
        var identifiers = new List<string>();
        string? country = null;
        if (element.TryGetProperty("query", out var text) && text.ValueKind != JsonValueKind.Null)
        {
            if (text.ValueKind != JsonValueKind.String)
            {
                error = $"{field}.query: must be a string";
                return null;
            }
            names.Add(text.GetString()!);
        }

        var ignored = new List<string>();
        var kind = PartyKind.Unknown;
        if (element.TryGetProperty("type", out var typeElement) && typeElement.ValueKind != JsonValueKind.Null)
        {
            if (Types(typeElement) is not { } types)
            {
                error = $"{field}.type: must be a type id such as \"Person\", or a list of them";
                return null;
            }
            // The spec lets a service return candidates of other types than those asked for: a type Vigil does not
            // screen widens the search to every type, and the answer says so.
            var known = types.Select(NameMatcher.KindOf).Where(k => k != PartyKind.Unknown).Distinct().ToList();
            var unknown = types.Where(t => NameMatcher.KindOf(t) == PartyKind.Unknown && t is not ("" or "Thing" or "LegalEntity")).ToList();
            kind = known.Count == 1 ? known[0] : PartyKind.Unknown;
            if (unknown.Count > 0)
            {
                ignored.Add($"{field}.type: Vigil screens Person, Organization, Vessel and Aircraft, not {string.Join(" or ", unknown.Select(t => $"'{t}'"))}"
                    + (known.Count == 1 ? $"; screened as {kind}" : "; every type was screened"));
            }
            else if (known.Count > 1)
            {
                ignored.Add($"{field}.type: several types given; every type was screened");
            }
        }

        var limit = ServerDefaults.MatchLimit;
        if (element.TryGetProperty("limit", out var limitElement) && limitElement.ValueKind != JsonValueKind.Null
            && !(limitElement.ValueKind == JsonValueKind.Number && limitElement.TryGetInt32(out limit) && limit is >= 1 and <= ServerDefaults.ReconcileMaxLimit))
        {
            error = $"{field}.limit: must be a whole number from 1 to {ServerDefaults.ReconcileMaxLimit}";
            return null;
        }

        var given = names.Any(n => !string.IsNullOrWhiteSpace(n));
        if (element.TryGetProperty("properties", out var properties) && properties.ValueKind != JsonValueKind.Null)
        {
            if (properties.ValueKind != JsonValueKind.Array)
            {
                error = $"{field}.properties: must be a list such as [{{\"pid\": \"birthDate\", \"v\": \"1975-05-14\"}}]";
                return null;
            }
            var i = 0;
            foreach (var property in properties.EnumerateArray())
            {
                var at = $"{field}.properties[{i++}]";
                if (property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("pid", out var pid) || pid.ValueKind != JsonValueKind.String)
                {
                    error = $"{at}.pid: give each property as {{\"pid\": \"birthDate\", \"v\": \"1975-05-14\"}}";
                    return null;
                }
                if (!property.TryGetProperty("v", out var v) || Values(v, out var unread) is not { } values)
                {
                    error = $"{at}.v: must be a string, number, boolean or entity ({{\"id\": ...}}), or a list of them";
                    return null;
                }
                var id = pid.GetString()!;
                if (unread > 0)
                {
                    ignored.Add($"{at}.v: {unread} value(s) given as an entity or a boolean are not read; give {id} as text");
                }
                if (ScreeningQueries.NameProperties.Contains(id))
                {
                    names.AddRange(values);
                }
                else if (ScreeningQueries.NamePartProperties.Contains(id))
                {
                    nameParts.AddRange(values);
                }
                else if (id == "birthDate")
                {
                    foreach (var value in values)
                    {
                        dates.Add(ScreeningQueries.BirthDate(value, $"{at}.v", out error)!);
                        if (error is not null)
                        {
                            return null;
                        }
                    }
                }
                else if (ScreeningCorpus.CountryProperties.Contains(id))
                {
                    country ??= values.Select(BatchScreening.NormalizeCountry).FirstOrDefault(c => c is not null);
                }
                else if (ScreeningCorpus.IdentifierProperties.Contains(id))
                {
                    identifiers.AddRange(values);
                }
                else
                {
                    // OpenRefine sends whatever column a user mapped: the rest of the row still screens, and the
                    // answer names what was left out; /suggest/property lists what is read.
                    ignored.Add($"{at}.pid: '{id}' is not a property Vigil screens; left out");
                }
            }
            given |= i > 0;
        }

        if (names.Count == 0 && nameParts.Count > 0)
        {
            names.Add(string.Join(' ', nameParts));
        }
        names = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        identifiers = identifiers.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        dates = dates.Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0 && identifiers.Count == 0)
        {
            if (!given)
            {
                error = $"{field}.query: give a name, or properties such as an identifier (idNumber, imoNumber...)";
                return null;
            }
            // A query the spec allows (properties without a name) that holds nothing Vigil screens on: answered
            // with no candidate and the reason, so the rest of the batch is still answered.
            ignored.Add($"{field}: no name (query, or a name property) and no identifier property: nothing to screen");
        }
        if (names.Count > ServerDefaults.MaxNamesPerQuery || names.Any(n => n.Length > ServerDefaults.MaxQueryLength))
        {
            error = $"{field}.query: at most {ServerDefaults.MaxNamesPerQuery} names of at most {ServerDefaults.MaxQueryLength} characters";
            return null;
        }
        if (dates.Count > ServerDefaults.MaxBirthDatesPerQuery || identifiers.Count > ServerDefaults.MaxBirthDatesPerQuery)
        {
            error = $"{field}.properties: at most {ServerDefaults.MaxBirthDatesPerQuery} birth dates and {ServerDefaults.MaxBirthDatesPerQuery} identifiers";
            return null;
        }
        if (names.Count == 0 && identifiers.Count > 0)
        {
            // An identifier-only query: the identifier alerts whatever the name, so any name text will do.
            names.Add(identifiers[0]);
        }
        return new ReconciliationQuery(key, kind, names, dates, country, identifiers, limit, ignored);
    }

    /// <summary>
    /// A data extension request, <c>{"ids": [...], "properties": [{"id": "birthDate", "settings": {"limit": 1}}]}</c>;
    /// null when it is readable, else the error naming the field.
    /// </summary>
    public static string? ParseExtension(string text, out List<string> ids, out List<(string Property, int Limit)> properties)
    {
        ids = [];
        properties = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return $"extend: not valid JSON ({e.Message})";
        }
        using (document)
        {
            var root = document.RootElement;
            if (JsonText.FirstUnreadable(root, "extend") is { } unreadable)
            {
                return JsonText.Refusal(unreadable);
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ids", out var idList) || idList.ValueKind != JsonValueKind.Array)
            {
                return "extend.ids: give the entity ids to extend, e.g. {\"ids\": [\"un-sc:QDi.372\"], \"properties\": [{\"id\": \"birthDate\"}]}";
            }
            if (idList.GetArrayLength() > ServerDefaults.MaxBatch)
            {
                return $"extend.ids: too many ids in one batch (limit: {ServerDefaults.MaxBatch})";
            }
            var i = 0;
            foreach (var id in idList.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.String)
                {
                    return $"extend.ids[{i}]: must be a string";
                }
                ids.Add(id.GetString()!);
                i++;
            }
            if (!root.TryGetProperty("properties", out var propertyList) || propertyList.ValueKind != JsonValueKind.Array || propertyList.GetArrayLength() is 0 or > MaxExtendedProperties)
            {
                return $"extend.properties: give 1 to {MaxExtendedProperties} properties, e.g. [{{\"id\": \"birthDate\"}}]";
            }
            i = 0;
            foreach (var property in propertyList.EnumerateArray())
            {
                var at = $"extend.properties[{i++}]";
                if (property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
                {
                    return $"{at}.id: give each property as {{\"id\": \"birthDate\"}}";
                }
                var limit = 0;
                if (property.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object
                    && settings.TryGetProperty("limit", out var limitElement) && !ReadLimit(limitElement, out limit))
                {
                    return $"{at}.settings.limit: must be a whole number, 0 for every value";
                }
                properties.Add((id.GetString()!, limit));
            }
            return null;
        }
    }

    /// <summary>OpenRefine sends settings as typed in its form: a number, a numeric string, or empty.</summary>
    private static bool ReadLimit(JsonElement element, out int limit)
    {
        limit = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt32(out limit) && limit >= 0,
            JsonValueKind.String when element.GetString() is { Length: 0 } => true,
            JsonValueKind.String => int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit),
            JsonValueKind.Null => true,
            _ => false,
        };
    }

    /// <summary>
    /// A property value as text: a string or number, or a list of them. Entities (<c>{"id": ...}</c>) and booleans,
    /// which the spec allows but screening cannot compare, are counted in <paramref name="unread"/>; null when a value
    /// is none of these.
    /// </summary>
    private static List<string>? Values(JsonElement v, out int unread)
    {
        unread = 0;
        var values = new List<string>();
        foreach (var item in v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [v])
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    if (item.GetString() is { } s && !string.IsNullOrWhiteSpace(s))
                    {
                        values.Add(s.Trim());
                    }
                    break;
                case JsonValueKind.Number:
                    values.Add(item.GetRawText());
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                case JsonValueKind.Object when item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String:
                    unread++;
                    break;
                default:
                    return null;
            }
        }
        return values;
    }

    /// <summary>The type ids of a query: one string or a list of strings; null when it is anything else.</summary>
    private static List<string>? Types(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            return [type.GetString()!];
        }
        if (type.ValueKind != JsonValueKind.Array || type.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            return null;
        }
        return type.EnumerateArray().Select(t => t.GetString()!).ToList();
    }

    private static ReconciliationBatch Failed(string error) => new([], error);
}
