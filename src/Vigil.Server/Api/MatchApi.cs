using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
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
    private const string AlgorithmName = "vigil";
    private const string AlgorithmDescription = "Vigil's matcher: romanised, aligned name tokens weighted by rarity, with date of birth, country and identifier qualifiers";

    /// <summary>The algorithm names yente clients send; all are answered by Vigil's one matcher.</summary>
    private static readonly string[] Algorithms = ["vigil", "best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1", "regression-v2", "regression-v3"];

    public static void MapMatchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/match/{dataset}", Match)
            .WithTags("Matching")
            .WithSummary("Query-by-example matching, compatible with yente's /match")
            .WithDescription("Screens each example entity (name, birthDate, nationality, identifiers...) and returns scored, explained candidates per query key. "
                + "Filters as yente's: include_dataset, exclude_dataset (an entity stays while one of its datasets is left), exclude_schema, exclude_entity_ids, "
                + "topics (any of), changed_since (an entity whose change time is unknown is kept while a snapshot holding it is newer). "
                + "The body's params (include_datasets, exclude_entity_ids) are honoured; a query's own filters are refused. "
                + "The top-level snapshots key names the list snapshots the answer was screened against. "
                + "With record=true (or when the server runs with --record-screenings) every query's screening is recorded, hits and no-hits alike, "
                + "in one run of kind api, and the Vigil-Screening-Id response header gives the screenings' ids, one per query, comma-separated, "
                + "in the order of the request's queries (read each with GET /screenings/{id}); a screening that cannot be recorded answers 503, never results.")
            .Produces<MatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/algorithms", () => Results.Json(new AlgorithmsResponse(
                [new Algorithm(AlgorithmName, AlgorithmDescription, Matcher, new AlgorithmDocs(AlgorithmName, AlgorithmDescription, [], Matcher))],
                AlgorithmName, AlgorithmName), MatchJson.Options))
            .WithTags("Matching")
            .WithSummary("The matching algorithms, as yente's /algorithms lists them (every yente name is answered by Vigil's one matcher)")
            .Produces<AlgorithmsResponse>();
    }

    /// <summary>
    /// <c>/docs/matching</c>, where every feature of <c>/algorithms</c> links: docs/matching.md as the repository holds
    /// it, built into the server so the link works wherever it runs.
    /// </summary>
    public static void MapMatchingDocs(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(MatchingDocsPath, () => Results.Text(MatchingDocs.Value, "text/plain; charset=utf-8"))
            .WithTags("Matching")
            .WithSummary("How Vigil matches names and what each /algorithms feature means (docs/matching.md, as Markdown)")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

    private const string MatchingDocsPath = "/docs/matching";

    private static readonly Lazy<string> MatchingDocs = new(() =>
    {
        using var stream = typeof(MatchApi).Assembly.GetManifestResourceStream("Vigil.Server.docs.matching.md")
            ?? throw new InvalidOperationException("docs/matching.md is not built into the server");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    internal static async Task<IResult> Match(
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
        [FromQuery(Name = "exclude_entity_ids")] string[]? excludeEntityIds,
        [FromQuery] string[]? topics,
        [FromQuery(Name = "changed_since")] string? changedSince,
        [FromQuery] bool? record,
        ServerOptions serverOptions,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
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
        if (!MatchOptions.IsScore(alertAt))
        {
            return Problems.BadRequest($"threshold: must be a number from 0 to 1, not {alertAt.ToString(CultureInfo.InvariantCulture)}");
        }
        if (cutoff is { } given && !MatchOptions.IsScore(given))
        {
            return Problems.BadRequest($"cutoff: must be a number from 0 to 1, not {given.ToString(CultureInfo.InvariantCulture)}");
        }
        if (algorithm is not null && !Algorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"algorithm: '{algorithm}' is not one of {string.Join(", ", Algorithms)}");
        }
        if (!ScreeningQueries.DatasetExists(loaded.Corpus, dataset))
        {
            return Problems.NotFound($"dataset: no dataset '{dataset}' (use 'default' for every list, or a source such as un-sc)");
        }
        if (topics?.FirstOrDefault(t => !ListingTopics.Known.Contains(t)) is { } unknownTopic)
        {
            return Problems.BadRequest($"topics: '{unknownTopic}' is not a FollowTheMoney topic (e.g. sanction, debarment, export.control, role.pep)");
        }
        DateTimeOffset? since = null;
        if (changedSince is not null && (since = EntityChange.ParseTime(changedSince)) is null)
        {
            return Problems.BadRequest($"changed_since: '{changedSince}' is not a date or time (use 2024-05-28 or 2024-05-28T07:47:03)");
        }
        if (request?.Config is { Count: > 0 } config)
        {
            // yente answers 400 to a configuration key the algorithm does not define; Vigil's matcher defines none.
            return Problems.BadRequest($"config.{config.Keys.First()}: not an option of algorithm '{AlgorithmName}', which has none (its weights are its own, see /docs/matching)");
        }
        var extraIncludes = new List<string>();
        var extraExcludedIds = new List<string>();
        if ((JsonText.FirstUnreadable(request?.Params, "params") ?? JsonText.FirstUnreadable(request?.Config, "config")) is { } unreadableParameter)
        {
            return Problems.BadRequest(JsonText.Refusal(unreadableParameter));
        }
        if (request?.Params is { } parameters && ReadParams(parameters, extraIncludes, extraExcludedIds) is { } paramsError)
        {
            return Problems.BadRequest(paramsError);
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
        var scope = DatasetScope.Of(loaded.Corpus.Datasets, dataset, [.. includeDataset ?? [], .. extraIncludes], excludeDataset ?? []);
        var filter = new ResultFilter(scope, excludeSchema, [.. excludeEntityIds ?? [], .. extraExcludedIds], topics, loaded.Corpus);
        var parsedQueries = new List<(string Key, EntityExample Example, ParsedExample Parsed)>();
        foreach (var (key, example) in queries)
        {
            if (example is null)
            {
                continue;
            }
            if (example.Schema is null)
            {
                // yente's EntityExample requires a schema: FastAPI answers 422 to a query without one.
                return Results.Problem(detail: $"queries.{key}.schema: required (e.g. Person, Organization, Company, LegalEntity, Vessel)",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid request");
            }
            if ((JsonText.FirstUnreadable(example.Properties, $"queries.{key}.properties") ?? JsonText.FirstUnreadable(example.Extra, $"queries.{key}")) is { } unreadable)
            {
                return Problems.BadRequest(JsonText.Refusal(unreadable));
            }
            if (example.Extra?.ContainsKey("filters") == true)
            {
                return Problems.BadRequest($"queries.{key}.filters: a query cannot carry its own filters; use the include_dataset, exclude_dataset, exclude_schema, topics and changed_since parameters, which apply to every query");
            }
            var parsed = Parse(key, example);
            if (parsed.Error is not null)
            {
                return Problems.BadRequest(parsed.Error);
            }
            parsedQueries.Add((key, example, parsed));
        }
        var responses = new Dictionary<string, EntityMatches>(StringComparer.Ordinal);
        // Hashed and summarised only when recorded: an unrecorded match costs nothing more.
        var recorded = record ?? serverOptions.RecordScreenings ? new List<AdHocScreening>(parsedQueries.Count) : null;
        foreach (var (key, example, parsed) in parsedQueries)
        {
            var hits = ScreeningQueries.Screen(loaded.Corpus, NameMatcher.KindOf(example.Schema), parsed.Names, parsed.BirthDates, parsed.Country, parsed.Identifiers, options)
                .Where(filter.Keeps)
                // Only changed_since needs every hit's listing times; otherwise the page alone is read.
                .Where(h => since is not { } s || EntityChange.MayHaveChangedSince(loaded.Properties.GetOrRead(h.Entity, store.Latest), s))
                .ToList();
            var results = hits.Take(resultLimit).Select(h => Scored(h, loaded.Properties.GetOrRead(h.Entity, store.Latest), alertAt)).ToList();
            responses[key] = new EntityMatches(200, results, new TotalSpec(hits.Count, "eq"), Echo(example, parsed));
            recorded?.Add(new AdHocScreening(AdHocScreening.QueryHash(example.Schema, parsed.Names, parsed.BirthDates, parsed.Country, parsed.Identifiers), SubjectScreener.Summarise(hits)));
        }
        if (recorded is not null)
        {
            try
            {
                var ids = await store.RecordAdHocAsync(ScreeningKind.Api, Caller.Name(response.HttpContext), ScreeningConfiguration.Of("default", options), loaded.Corpus.Snapshots, recorded, cancellationToken);
                response.Headers[ScreeningsApi.IdHeader] = string.Join(",", ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            }
            catch (Exception e) when (ScreeningsApi.IsStoreFailure(e))
            {
                return ScreeningsApi.NotRecorded(e, loggerFactory.CreateLogger(typeof(MatchApi)));
            }
        }
        response.Headers["x-batch-size"] = responses.Count.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new MatchResponse(responses, Matcher, resultLimit, loaded.Corpus.Snapshots), MatchJson.Options);
    }

    /// <summary>Marble's body <c>params</c>: the datasets to include and the entity ids to leave out; anything else is refused.</summary>
    internal static string? ReadParams(Dictionary<string, JsonElement> parameters, List<string> includes, List<string> excludedIds)
    {
        foreach (var (name, value) in parameters)
        {
            var target = name switch
            {
                "include_datasets" or "include_dataset" => includes,
                "exclude_entity_ids" => excludedIds,
                _ => null,
            };
            if (target is null)
            {
                return $"params.{name}: not a parameter Vigil reads (it reads include_datasets and exclude_entity_ids)";
            }
            if (value.ValueKind is not (JsonValueKind.Array or JsonValueKind.String or JsonValueKind.Null)
                || (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String)))
            {
                return $"params.{name}: give a list of strings";
            }
            if (value.ValueKind == JsonValueKind.String)
            {
                target.Add(value.GetString()!);
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                target.AddRange(value.EnumerateArray().Select(v => v.GetString()!));
            }
        }
        return null;
    }

    /// <summary>
    /// The query as yente echoes it (its entity's to_dict): every property a list of strings, countries as codes,
    /// dates as the matcher read them; a country Vigil cannot read is not echoed, as it was not used.
    /// </summary>
    private static QueryEcho Echo(EntityExample example, ParsedExample parsed)
    {
        var echoed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var property in (example.Properties ?? []).Keys)
        {
            List<string> values = property switch
            {
                Vigil.Core.Model.Properties.BirthDate => parsed.BirthDates,
                _ when ScreeningCorpus.CountryProperties.Contains(property) => [.. Values(example.Properties!, property)
                    .Select(v => Vigil.Core.Model.Countries.ToCode(v)).OfType<string>().Distinct(StringComparer.Ordinal)],
                _ => [.. Values(example.Properties!, property).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)],
            };
            if (values.Count > 0)
            {
                echoed[property] = values;
            }
        }
        return new QueryEcho(example.Id, example.Schema!, echoed);
    }

    internal static ParsedExample Parse(string key, EntityExample example)
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

    internal static ScoredEntity Scored(ScreeningHit hit, LatestEntity latest, double threshold)
    {
        var entity = YenteEntity.Of(hit.Entity, latest);
        return new ScoredEntity(
            entity.Id,
            entity.Caption,
            entity.Schema,
            entity.Properties,
            entity.Datasets,
            entity.Referents,
            entity.Target,
            entity.FirstSeen,
            entity.LastSeen,
            entity.LastChange,
            hit.Score,
            Features(hit.Explanation),
            Explanations(hit.Explanation),
            hit.Score >= threshold,
            entity.VigilProperties,
            hit.Explanation);
    }

    /// <summary>
    /// yente's <c>explanations</c> (nomenklatura's FtResult per feature): the score, a line saying what was found,
    /// and the query and candidate values compared.
    /// </summary>
    internal static Dictionary<string, FeatureExplanation> Explanations(MatchExplanation explanation)
    {
        var name = explanation.Name;
        var explanations = new Dictionary<string, FeatureExplanation>(StringComparer.Ordinal)
        {
            ["name_score"] = new(
                $"{name.QueryForm} ~ {name.CandidateForm}" + (explanation.WeakAlias ? " (weak alias)" : ""),
                name.Score, name.QueryName, name.CandidateName),
        };
        foreach (var q in explanation.Qualifiers)
        {
            explanations[q.Qualifier] = new FeatureExplanation($"{q.Finding} ({q.Effect})", Qualifiers.Delta(q), q.Query, q.Listed);
        }
        return explanations;
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
        ["name_score"] = new("Best name comparison between a query name and a listed name, in any script (0..1)", 1, MatchingDocsPath),
        ["birthDate"] = new("Date of birth: a bonus when it agrees, a factor below 1 (shown minus 1) when it contradicts", 1, MatchingDocsPath),
        ["country"] = new("Nationality or country: a bonus when it agrees, a factor below 1 (shown minus 1) when it contradicts", 1, MatchingDocsPath),
        ["schema"] = new("Entity type: a factor below 1 (shown minus 1) when person and organisation disagree", 1, MatchingDocsPath),
        ["identifier"] = new("1 when a passport, national id, IMO or registration number is the same: alerts whatever the name", 1, MatchingDocsPath),
        ["weakAlias"] = new("-1 when only a weak alias matched: corroborates but never alerts alone", 1, MatchingDocsPath),
    };

    internal sealed record ParsedExample(List<string> Names, List<string> BirthDates, string? Country, List<string> Identifiers, string? Error)
    {
        public static ParsedExample Failed(string error) => new([], [], null, [], error);
    }

    /// <summary>yente's dataset, schema, topic and entity filters, applied to screening results.</summary>
    private sealed class ResultFilter(DatasetScope scope, string[]? excludeSchema, string[] excludeIds, string[]? topics, ScreeningCorpus corpus)
    {
        private readonly HashSet<string> _excludedEntities = excludeIds
            .Select(id => corpus.CanonicalId(id) ?? id).ToHashSet(StringComparer.Ordinal);

        public bool Keeps(ScreeningHit hit)
        {
            var entity = hit.Entity;
            if (!scope.Admits(entity))
            {
                return false;
            }
            if (excludeSchema is { Length: > 0 } && (excludeSchema.Contains(entity.Schema, StringComparer.OrdinalIgnoreCase)
                || excludeSchema.Contains(FtmSchemata.SchemaName(entity.Schema), StringComparer.OrdinalIgnoreCase)))
            {
                return false;
            }
            // yente joins topic filters with OR: an entity with any of them stays.
            if (topics is { Length: > 0 } && !entity.Topics.Any(topics.Contains))
            {
                return false;
            }
            return !_excludedEntities.Contains(entity.Id);
        }
    }
}

/// <summary>A yente <c>/match</c> request body: example entities by the caller's keys, plus yente's optional tuning.</summary>
public sealed record MatchRequest
{
    public Dictionary<string, EntityExample?>? Queries { get; init; }

    /// <summary>Accepted for compatibility with yente; Vigil's weights are its own (see /docs/matching).</summary>
    public Dictionary<string, double>? Weights { get; init; }

    /// <summary>yente's algorithm configuration; Vigil's matcher has no options, so any key is refused.</summary>
    public Dictionary<string, JsonElement>? Config { get; init; }

    /// <summary>Marble's request parameters in the body: <c>include_datasets</c> and <c>exclude_entity_ids</c>.</summary>
    public Dictionary<string, JsonElement>? Params { get; init; }
}

/// <summary>An example entity: a FollowTheMoney schema and properties, each a string or a list of strings.</summary>
public sealed record EntityExample
{
    public string? Id { get; init; }

    public string? Schema { get; init; }

    public Dictionary<string, JsonElement>? Properties { get; init; }

    /// <summary>Any other key: ignored as yente ignores it (clients send back whole result entities), except <c>filters</c>, which is refused.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>
/// The yente <c>/match</c> response: results per query key, the matcher's feature documentation, the limit used, and
/// (a key yente clients ignore) the list snapshots every result was screened against.
/// </summary>
public sealed record MatchResponse(Dictionary<string, EntityMatches> Responses, Dictionary<string, FeatureDoc> Matcher, int Limit, IReadOnlyList<ScreenedSnapshot> Snapshots);

/// <summary>The results of one query, with the total before the limit and the query echoed back.</summary>
public sealed record EntityMatches(int Status, IReadOnlyList<ScoredEntity> Results, TotalSpec Total, QueryEcho Query);

/// <summary>Result count and how exact it is (always <c>eq</c> here).</summary>
public sealed record TotalSpec(int Value, string Relation);

/// <summary>The query example as yente echoes it: every property a list of strings, countries as codes, dates as read.</summary>
public sealed record QueryEcho(string? Id, string Schema, IReadOnlyDictionary<string, IReadOnlyList<string>> Properties);

/// <summary>yente's <c>/algorithms</c> response: the algorithms with their features, the default and the best.</summary>
public sealed record AlgorithmsResponse(IReadOnlyList<Algorithm> Algorithms, string Default, string Best);

/// <summary>One matching algorithm: its features (deprecated in yente) and its docs (name, description, config options, features).</summary>
public sealed record Algorithm(string Name, string Description, Dictionary<string, FeatureDoc> Features, AlgorithmDocs Docs);

/// <summary>nomenklatura's AlgorithmDocs: the configuration options (none for Vigil) and the features.</summary>
public sealed record AlgorithmDocs(string Name, string Description, Dictionary<string, JsonElement> Config, Dictionary<string, FeatureDoc> Features);

/// <summary>nomenklatura's FtResult: a feature's score, what it found, and the query and candidate values it compared.</summary>
public sealed record FeatureExplanation(string? Detail, double Score, string? Query, string? Candidate);

/// <summary>What a yente feature means, its weight and where it is documented.</summary>
public sealed record FeatureDoc(string Description, double Coefficient, string Url);

/// <summary>
/// One candidate in yente's ScoredEntityResponse shape (id, caption, schema, properties, datasets, referents, target,
/// first_seen, last_seen, last_change, score, features, explanations, match), plus keys yente clients ignore: the
/// properties FtM does not define on the schema, and Vigil's own explanation.
/// </summary>
/// <param name="Features">yente's per-feature scores, deprecated there in favour of <paramref name="Explanations"/>; sent while clients migrate.</param>
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
    Dictionary<string, FeatureExplanation> Explanations,
    bool Match,
    [property: JsonPropertyName("vigil_properties")] IReadOnlyDictionary<string, IReadOnlyList<string>> VigilProperties,
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
