using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>POST /match/{dataset}</c> in the shape of OpenSanctions yente's matching API, so a client built for yente works
/// by changing its base URL; each result also carries Vigil's full explanation.
/// </summary>
public static class MatchApi
{
    /// <summary>The algorithm names yente clients send; all are answered by Vigil's one matcher.</summary>
    private static readonly string[] Algorithms = ["vigil", "best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1", "regression-v2", "regression-v3"];

    public static void MapMatchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/match/{dataset}", Match)
            .WithTags("Matching")
            .WithSummary("Query-by-example matching, compatible with yente's /match")
            .WithDescription("Screens each example entity (name, birthDate, nationality, identifiers...) and returns scored, explained candidates per query key.")
            .Produces<MatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/algorithms", () => Results.Json(new AlgorithmsResponse(
                [new Algorithm("vigil", "Vigil's matcher: romanised, aligned name tokens weighted by rarity, with date of birth, country and identifier qualifiers", Matcher)],
                "vigil", "vigil"), MatchJson.Options))
            .WithTags("Matching")
            .WithSummary("The matching algorithms, as yente's /algorithms lists them (every yente name is answered by Vigil's one matcher)")
            .Produces<AlgorithmsResponse>();
    }

    internal static IResult Match(
        string dataset,
        [FromBody] MatchRequest? request,
        ScreeningIndexHost host,
        VigilStore store,
        HttpResponse response,
        [FromQuery] int? limit,
        [FromQuery] double? threshold,
        [FromQuery] double? cutoff,
        [FromQuery] string? algorithm,
        [FromQuery(Name = "include_dataset")] string[]? includeDataset,
        [FromQuery(Name = "exclude_dataset")] string[]? excludeDataset,
        [FromQuery(Name = "exclude_schema")] string[]? excludeSchema,
        [FromQuery(Name = "exclude_entity_ids")] string[]? excludeEntityIds)
    {
        if (host.Current is not { } loaded)
        {
            return Problems.NotReady();
        }
        var resultLimit = limit ?? ServerDefaults.MatchLimit;
        if (resultLimit is < 1 or > ServerDefaults.MaxLimit)
        {
            return Problems.BadRequest($"limit: must be between 1 and {ServerDefaults.MaxLimit}");
        }
        var alertAt = threshold ?? MatchDefaults.Threshold;
        if (alertAt is < 0 or > 1)
        {
            return Problems.BadRequest("threshold: must be between 0 and 1");
        }
        if (cutoff is < 0 or > 1)
        {
            return Problems.BadRequest("cutoff: must be between 0 and 1");
        }
        if (algorithm is not null && !Algorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"algorithm: '{algorithm}' is not one of {string.Join(", ", Algorithms)}");
        }
        if (!ScreeningQueries.DatasetExists(loaded.Corpus, dataset))
        {
            return Problems.NotFound($"dataset: no dataset '{dataset}' (use 'default' for every list, or a source such as un-sc)");
        }
        if (request?.Queries is not { Count: > 0 } queries)
        {
            return Problems.BadRequest("queries: give at least one query, e.g. {\"queries\": {\"q1\": {\"schema\": \"Person\", \"properties\": {\"name\": [\"...\"]}}}}");
        }
        if (queries.Count > ServerDefaults.MaxBatch)
        {
            return Problems.BadRequest($"queries: too many queries in one batch (limit: {ServerDefaults.MaxBatch})");
        }

        var options = new MatchOptions
        {
            Threshold = alertAt,
            Cutoff = Math.Min(cutoff ?? MatchDefaults.ResultCutoff, alertAt),
            // Filters apply after screening, so ask for enough to fill the page after they remove some.
            Limit = Math.Max(resultLimit * 4, 20),
        };
        var filter = new ResultFilter(dataset, includeDataset, excludeDataset, excludeSchema, excludeEntityIds, loaded.Corpus);
        var responses = new Dictionary<string, EntityMatches>(StringComparer.Ordinal);
        foreach (var (key, example) in queries)
        {
            if (example is null)
            {
                continue;
            }
            var parsed = Parse(key, example);
            if (parsed.Error is not null)
            {
                return Problems.BadRequest(parsed.Error);
            }
            var hits = ScreeningQueries.Screen(loaded.Corpus, NameMatcher.KindOf(example.Schema), parsed.Names, parsed.BirthDates, parsed.Country, parsed.Identifiers, options)
                .Where(filter.Keeps)
                .ToList();
            var results = hits.Take(resultLimit).Select(h => Scored(h, loaded.Properties.GetOrRead(h.Entity, store.Latest), alertAt)).ToList();
            responses[key] = new EntityMatches(200, results, new TotalSpec(hits.Count, "eq"), new QueryEcho(example.Id, example.Schema ?? "Thing", example.Properties ?? []));
        }
        response.Headers["x-batch-size"] = responses.Count.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new MatchResponse(responses, Matcher, resultLimit), MatchJson.Options);
    }

    private static ParsedExample Parse(string key, EntityExample example)
    {
        var properties = example.Properties ?? [];
        var names = new List<string>();
        foreach (var property in ScreeningQueries.NameProperties)
        {
            names.AddRange(Values(properties, property));
        }
        if (names.Count == 0)
        {
            // A person given in parts, as some clients send them.
            var parts = ScreeningQueries.NamePartProperties.SelectMany(p => Values(properties, p)).ToList();
            if (parts.Count > 0)
            {
                names.Add(string.Join(' ', parts));
            }
        }
        names = names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var identifiers = ScreeningCorpus.IdentifierProperties.SelectMany(p => Values(properties, p)).Where(v => v.Trim().Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0 && identifiers.Count == 0)
        {
            return ParsedExample.Failed($"queries.{key}.properties.name: give at least one name (or an identifier such as idNumber)");
        }
        if (names.Count > ServerDefaults.MaxNamesPerQuery || names.Any(n => n.Length > ServerDefaults.MaxQueryLength))
        {
            return ParsedExample.Failed($"queries.{key}.properties.name: at most {ServerDefaults.MaxNamesPerQuery} names of at most {ServerDefaults.MaxQueryLength} characters");
        }
        if (example.Schema is { } schema && NameMatcher.KindOf(schema) == PartyKind.Unknown && schema is not ("Thing" or "LegalEntity"))
        {
            return ParsedExample.Failed($"queries.{key}.schema: '{schema}' is not a schema Vigil screens (Person, Organization, Company, LegalEntity, Vessel, Airplane)");
        }
        var dates = new List<string>();
        foreach (var value in Values(properties, "birthDate"))
        {
            var date = ScreeningQueries.BirthDate(value, $"queries.{key}.properties.birthDate", out var error);
            if (error is not null)
            {
                return ParsedExample.Failed(error);
            }
            dates.Add(date!);
        }
        if (dates.Count > ServerDefaults.MaxBirthDatesPerQuery || identifiers.Count > ServerDefaults.MaxBirthDatesPerQuery)
        {
            return ParsedExample.Failed($"queries.{key}.properties: at most {ServerDefaults.MaxBirthDatesPerQuery} birth dates and {ServerDefaults.MaxBirthDatesPerQuery} identifiers");
        }
        if (names.Count == 0)
        {
            // An identifier-only query: the identifier alerts whatever the name, so any name text will do.
            names.Add(identifiers[0]);
        }
        // The first country Vigil reads; else the first given, which screening ignores and names in the explanation.
        var countries = ScreeningCorpus.CountryProperties.SelectMany(p => Values(properties, p)).Select(BatchScreening.NormalizeCountry).OfType<string>().ToList();
        var country = countries.FirstOrDefault(c => Vigil.Core.Model.Countries.ToCode(c) is not null) ?? countries.FirstOrDefault();
        return new ParsedExample(names, dates.Distinct(StringComparer.Ordinal).ToList(), country, identifiers, null);
    }

    /// <summary>A property's values: yente accepts a string or a list (of strings, numbers...).</summary>
    internal static IEnumerable<string> Values(Dictionary<string, JsonElement> properties, string property)
    {
        if (!properties.TryGetValue(property, out var value))
        {
            yield break;
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (Text(item) is { } text)
                {
                    yield return text;
                }
            }
        }
        else if (Text(value) is { } single)
        {
            yield return single;
        }

        static string? Text(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        };
    }

    private static ScoredEntity Scored(ScreeningHit hit, LatestEntity latest, double threshold)
    {
        var entity = hit.Entity;
        return new ScoredEntity(
            entity.Id,
            entity.Caption,
            entity.Schema,
            latest.Properties,
            entity.Datasets,
            entity.Referents,
            Target: true,
            latest.FirstSeen,
            latest.LastSeen,
            // Vigil keeps no per-record change times; a list that dates its own amendments says so in modifiedAt.
            latest.Properties.GetValueOrDefault(Vigil.Core.Model.Properties.ModifiedAt)?.Max(StringComparer.Ordinal),
            hit.Score,
            Features(hit.Explanation),
            hit.Score >= threshold,
            hit.Explanation);
    }

    /// <summary>Per-feature figures in yente's style: the name score, and each qualifier's signed effect.</summary>
    internal static Dictionary<string, double> Features(MatchExplanation explanation)
    {
        var features = new Dictionary<string, double>(StringComparer.Ordinal) { ["name_score"] = explanation.Name.Score };
        foreach (var q in explanation.Qualifiers)
        {
            features[q.Qualifier] = Qualifiers.Delta(q);
        }
        return features;
    }

    private static readonly Dictionary<string, FeatureDoc> Matcher = new(StringComparer.Ordinal)
    {
        ["name_score"] = new("Best name comparison between a query name and a listed name, in any script (0..1)", 1, "/docs/matching"),
        ["birthDate"] = new("Date of birth: a bonus when it agrees, a factor below 1 (shown minus 1) when it contradicts", 1, "/docs/matching"),
        ["country"] = new("Nationality or country: a bonus when it agrees, a factor below 1 (shown minus 1) when it contradicts", 1, "/docs/matching"),
        ["schema"] = new("Entity type: a factor below 1 (shown minus 1) when person and organisation disagree", 1, "/docs/matching"),
        ["identifier"] = new("1 when a passport, national id, IMO or registration number is the same: alerts whatever the name", 1, "/docs/matching"),
        ["weakAlias"] = new("-1 when only a weak alias matched: corroborates but never alerts alone", 1, "/docs/matching"),
    };

    private sealed record ParsedExample(List<string> Names, List<string> BirthDates, string? Country, List<string> Identifiers, string? Error)
    {
        public static ParsedExample Failed(string error) => new([], [], null, [], error);
    }

    /// <summary>yente's dataset, schema and entity filters, applied to screening results.</summary>
    private sealed class ResultFilter(string dataset, string[]? include, string[]? exclude, string[]? excludeSchema, string[]? excludeIds, ScreeningCorpus corpus)
    {
        private readonly HashSet<string> _excludedEntities = (excludeIds ?? [])
            .Select(id => corpus.CanonicalId(id) ?? id).ToHashSet(StringComparer.Ordinal);

        public bool Keeps(ScreeningHit hit)
        {
            var datasets = hit.Entity.Datasets;
            if (!ScreeningQueries.InDataset(hit.Entity, dataset))
            {
                return false;
            }
            if (include is { Length: > 0 } && !datasets.Any(include.Contains))
            {
                return false;
            }
            if (exclude is { Length: > 0 } && datasets.All(exclude.Contains))
            {
                return false;
            }
            if (excludeSchema is { Length: > 0 } && excludeSchema.Contains(hit.Entity.Schema, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }
            return !_excludedEntities.Contains(hit.Entity.Id);
        }
    }
}

/// <summary>A yente <c>/match</c> request body: example entities by the caller's keys, plus yente's optional tuning.</summary>
public sealed record MatchRequest
{
    public Dictionary<string, EntityExample?>? Queries { get; init; }

    /// <summary>Accepted for compatibility with yente; Vigil's weights are its own (see /docs/matching).</summary>
    public Dictionary<string, double>? Weights { get; init; }

    public Dictionary<string, JsonElement>? Config { get; init; }
}

/// <summary>An example entity: a FollowTheMoney schema and properties, each a string or a list of strings.</summary>
public sealed record EntityExample
{
    public string? Id { get; init; }

    public string? Schema { get; init; }

    public Dictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>The yente <c>/match</c> response: results per query key, the matcher's feature documentation, the limit used.</summary>
public sealed record MatchResponse(Dictionary<string, EntityMatches> Responses, Dictionary<string, FeatureDoc> Matcher, int Limit);

/// <summary>The results of one query, with the total before the limit and the query echoed back.</summary>
public sealed record EntityMatches(int Status, IReadOnlyList<ScoredEntity> Results, TotalSpec Total, QueryEcho Query);

/// <summary>Result count and how exact it is (always <c>eq</c> here).</summary>
public sealed record TotalSpec(int Value, string Relation);

/// <summary>The query example as received.</summary>
public sealed record QueryEcho(string? Id, string Schema, Dictionary<string, JsonElement> Properties);

/// <summary>yente's <c>/algorithms</c> response: the algorithms with their features, the default and the best.</summary>
public sealed record AlgorithmsResponse(IReadOnlyList<Algorithm> Algorithms, string Default, string Best);

/// <summary>One matching algorithm and the features its scores report.</summary>
public sealed record Algorithm(string Name, string Description, Dictionary<string, FeatureDoc> Features);

/// <summary>What a yente feature means, its weight and where it is documented.</summary>
public sealed record FeatureDoc(string Description, double Coefficient, string Url);

/// <summary>One candidate in yente's shape (id, caption, schema, properties, datasets, referents, target, first_seen, last_seen, last_change, score, features, match) plus Vigil's explanation.</summary>
public sealed record ScoredEntity(
    string Id,
    string Caption,
    string Schema,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Properties,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Referents,
    bool Target,
    [property: JsonPropertyName("first_seen")] string? FirstSeen,
    [property: JsonPropertyName("last_seen")] string? LastSeen,
    [property: JsonPropertyName("last_change")] string? LastChange,
    double Score,
    Dictionary<string, double> Features,
    bool Match,
    MatchExplanation Explanation);

/// <summary>JSON for yente-shaped responses: camelCase like yente's own keys, property names kept as FtM spells them.</summary>
internal static class MatchJson
{
    public static JsonSerializerOptions Options { get; } = new(ExplanationJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        DictionaryKeyPolicy = null,
    };
}
