using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Matching;
using Vigil.Matching.Screening;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// The W3C Reconciliation Service API, version 0.2 as OpenRefine speaks it, under <c>/reconcile</c> (every list) and
/// <c>/reconcile/{dataset}</c> (one source): manifest, queries, suggest, preview and data extension, all screened by
/// the same index and matcher as <c>/match</c>.
/// </summary>
public static partial class ReconciliationApi
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    private static readonly ReconciliationType[] Types =
    [
        new("Person", "People", "Natural persons"),
        new("Organization", "Organizations", "Companies, groups, public bodies and other legal entities"),
        new("Vessel", "Vessels", "Ships, identified by name, flag and IMO number"),
        new("Aircraft", "Aircraft", "Aircraft, identified by name, registration and serial number"),
    ];

    private const PartyTypes AnyType = PartyTypes.Person | PartyTypes.Organization | PartyTypes.Vessel | PartyTypes.Aircraft;

    /// <summary>
    /// The properties a query may carry and extension may return, with the label OpenRefine shows and the types that
    /// have them (FollowTheMoney's: a vessel has a flag and an IMO number, never a date of birth).
    /// </summary>
    private static readonly ReconciliationProperty[] Properties =
    [
        new("name", "Name", AnyType), new("alias", "Other name", AnyType), new("previousName", "Previous name", AnyType),
        new("weakAlias", "Weak alias", AnyType),
        new("birthDate", "Date of birth", PartyTypes.Person), new("birthPlace", "Place of birth", PartyTypes.Person),
        new("nationality", "Nationality", PartyTypes.Person), new("citizenship", "Citizenship", PartyTypes.Person),
        new("country", "Country", AnyType), new("jurisdiction", "Jurisdiction", PartyTypes.Organization),
        new("birthCountry", "Country of birth", PartyTypes.Person), new("flag", "Flag", PartyTypes.Vessel),
        new("idNumber", "ID number", PartyTypes.Person | PartyTypes.Organization), new("passportNumber", "Passport number", PartyTypes.Person),
        new("registrationNumber", "Registration number", PartyTypes.Organization | PartyTypes.Vessel | PartyTypes.Aircraft),
        new("imoNumber", "IMO number", PartyTypes.Organization | PartyTypes.Vessel),
        new("taxNumber", "Tax number", PartyTypes.Person | PartyTypes.Organization), new("swiftBic", "SWIFT/BIC", PartyTypes.Organization),
        new("leiCode", "LEI", PartyTypes.Organization), new("innCode", "INN", PartyTypes.Organization), new("ogrnCode", "OGRN", PartyTypes.Organization),
        new("vatCode", "VAT number", PartyTypes.Organization),
        new("position", "Position", PartyTypes.Person), new("address", "Address", PartyTypes.Person | PartyTypes.Organization),
        new("program", "Sanctions programme", AnyType), new("notes", "Notes", AnyType),
    ];

    /// <summary>Reconciliation JSON: camelCase like the spec's own keys, ids and property names as given, every non-ASCII character escaped so the text is also safe as JSONP.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Default,
    };

    public static void MapReconciliationApi(this IEndpointRouteBuilder endpoints)
    {
        // Literal segments outrank {dataset}, so these fixed paths are never taken for a dataset's name.
        endpoints.MapGet("/reconcile/preview", Preview)
            .WithTags("Reconciliation").WithSummary("An entity as a small HTML card, for OpenRefine's preview frame")
            .AddOpenApiOperationTransformer(Query(("id", "The entity id (any of its records' ids)")))
            .Produces<string>(StatusCodes.Status200OK, "text/html").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        foreach (var prefix in (ReadOnlySpan<string>)["/reconcile", "/reconcile/{dataset}"])
        {
            var scope = prefix == "/reconcile" ? "every list" : "one list";
            endpoints.MapGet(prefix, Get)
                .WithTags("Reconciliation").WithSummary($"Reconciliation service manifest for {scope}; with ?queries= or ?extend=, answers those")
                .WithDescription("W3C Reconciliation Service API 0.2 (what OpenRefine speaks). Add ?callback= for JSONP.")
                .AddOpenApiOperationTransformer(Query(("queries", "A JSON batch of queries, as the POST form field"), ("extend", "A JSON data extension request, as the POST form field"),
                    ("callback", "A JavaScript function name: the answer comes as JSONP")))
                .Produces<ReconciliationManifest>()
                .AddOpenApiOperationTransformer(OneOf(typeof(ReconciliationManifest), typeof(Dictionary<string, ReconciliationResults>), typeof(ReconciliationExtension)))
                .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            endpoints.MapPost(prefix, Post)
                .WithTags("Reconciliation").WithSummary($"Reconcile a batch of names against {scope} (form field queries=), or extend rows (extend=)")
                .WithDescription("queries is a JSON object such as {\"q0\": {\"query\": \"Gulmurod Khalimov\", \"type\": \"Person\", \"limit\": 3, \"properties\": [{\"pid\": \"birthDate\", \"v\": \"1975-05-14\"}]}}. Scores are 0..100; match is true only for a best candidate that alerts and leads the next clearly.")
                .Accepts<ReconciliationForm>(FormContentType)
                .Produces<Dictionary<string, ReconciliationResults>>()
                .AddOpenApiOperationTransformer(OneOf(typeof(Dictionary<string, ReconciliationResults>), typeof(ReconciliationExtension)))
                .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            endpoints.MapGet(prefix + "/suggest/entity", SuggestEntity)
                .WithTags("Reconciliation").WithSummary($"Entities whose names start like the prefix, from {scope}")
                .AddOpenApiOperationTransformer(Query(("prefix", "What has been typed of a name, or an entity id"), ("type", "Person, Organization, Vessel or Aircraft"),
                    ("limit", "Most suggestions (default 10)"), ("cursor", "Suggestions to skip, for the next page")))
                .Produces<ReconciliationSuggestions>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            endpoints.MapGet(prefix + "/suggest/type", SuggestType)
                .WithTags("Reconciliation").WithSummary("Types (Person, Organization, Vessel, Aircraft) matching the prefix")
                .AddOpenApiOperationTransformer(Query(("prefix", "The start of a type's id or name")))
                .Produces<ReconciliationSuggestions>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            endpoints.MapGet(prefix + "/suggest/property", SuggestProperty)
                .WithTags("Reconciliation").WithSummary("Properties a query may carry (birthDate, nationality, idNumber...) matching the prefix")
                .AddOpenApiOperationTransformer(Query(("prefix", "The start of a property's id or name"), ("type", "Only the properties of this type (Person, Organization, Vessel, Aircraft)")))
                .Produces<ReconciliationSuggestions>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
            endpoints.MapGet(prefix + "/extend/property", ProposeProperties)
                .WithTags("Reconciliation").WithSummary("Properties data extension can add for a type")
                .AddOpenApiOperationTransformer(Query(("type", "Person, Organization, Vessel or Aircraft (required)"), ("limit", "Most properties")))
                .Produces<ProposedProperties>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The query parameters a handler reads from the request itself, so no argument describes them.</summary>
    private static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Query(params (string Name, string Description)[] parameters) =>
        (operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, description) in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Schema = new OpenApiSchema { Type = name is "limit" or "cursor" ? JsonSchemaType.Integer : JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        };

    /// <summary>
    /// One endpoint answers several documents (the manifest, a result batch, an extension) by what was asked: the
    /// OpenAPI 200 response is one of them, each schema a component where the type has one.
    /// </summary>
    private static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> OneOf(params Type[] types) =>
        async (operation, context, cancellationToken) =>
        {
            var document = context.Document!;
            var schemas = new List<IOpenApiSchema>();
            foreach (var type in types)
            {
                // A result batch is an object of results by query key.
                schemas.Add(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                    ? new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = await Component(type.GetGenericArguments()[1]) }
                    : await Component(type));
            }
            if (operation.Responses is { } responses && responses.TryGetValue("200", out var ok)
                && ok.Content is { } content && content.TryGetValue("application/json", out var json))
            {
                json.Schema = new OpenApiSchema { OneOf = schemas };
            }

            async Task<IOpenApiSchema> Component(Type type)
            {
                var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
                document.Components ??= new OpenApiComponents();
                document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
                document.Components.Schemas.TryAdd(type.Name, schema);
                return new OpenApiSchemaReference(type.Name, document);
            }
        };

    private static IResult Get(HttpContext context, ScreeningIndexHost host, VigilStore store, ApiKeys keys)
    {
        var query = context.Request.Query;
        if (!string.IsNullOrWhiteSpace(query["extend"]))
        {
            return Extend(context, host, store, keys, query["extend"].ToString());
        }
        if (!string.IsNullOrWhiteSpace(query["queries"]))
        {
            return Reconcile(context, host, keys, query["queries"].ToString());
        }
        if (Dataset(context, host, out var dataset) is { } problem)
        {
            return problem;
        }
        return Reply(context, keys, Manifest(context.Request, dataset));
    }

    private static async Task<IResult> Post(HttpContext context, ScreeningIndexHost host, VigilStore store, ApiKeys keys)
    {
        if (!context.Request.HasFormContentType)
        {
            return Problems.BadRequest($"queries: send the form field queries (or extend) as {FormContentType}, as OpenRefine does");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!string.IsNullOrWhiteSpace(form["extend"]))
        {
            return Extend(context, host, store, keys, form["extend"].ToString());
        }
        return Reconcile(context, host, keys, form["queries"].ToString());
    }

    private static ReconciliationManifest Manifest(HttpRequest request, string dataset)
    {
        var root = Root(request);
        var service = dataset == "default" ? root + "/reconcile" : $"{root}/reconcile/{Uri.EscapeDataString(dataset)}";
        // OpenRefine calls the service paths itself and can send no header: the key it was given must travel on.
        var key = request.Query.TryGetValue("api_key", out var value) && !string.IsNullOrEmpty(value) ? "api_key=" + Uri.EscapeDataString(value.ToString()) : null;
        var keyQuery = key is null ? "" : "?" + key;
        return new ReconciliationManifest(
            Versions: ["0.2"],
            Name: dataset == "default" ? "Vigil sanctions screening (all lists)" : $"Vigil sanctions screening ({dataset})",
            IdentifierSpace: root + "/entities/",
            SchemaSpace: root + "/reconcile/types/",
            DefaultTypes: Types,
            // The analysts' entity page signs people in itself, so the key is not put into links they may share.
            View: new ReconciliationView(root + "/entity/{{id}}"),
            Preview: new ReconciliationPreview(root + "/reconcile/preview?id={{id}}" + (key is null ? "" : "&" + key), PreviewWidth, PreviewHeight),
            Suggest: new ReconciliationSuggest(
                new ReconciliationService(service, "/suggest/entity" + keyQuery),
                new ReconciliationService(service, "/suggest/type" + keyQuery),
                new ReconciliationService(service, "/suggest/property" + keyQuery)),
            Extend: new ReconciliationExtend(
                new ReconciliationService(service, "/extend/property" + keyQuery),
                [new ReconciliationSetting("limit", "Limit", "number", 0, "Most values per cell (0: all)")]),
            BatchSize: ServerDefaults.ReconcileBatchSize,
            Documentation: root + "/openapi/v1.json");
    }

    private static IResult Reconcile(HttpContext context, ScreeningIndexHost host, ApiKeys keys, string? text)
    {
        if (Dataset(context, host, out var dataset) is { } problem)
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problems.BadRequest("queries: give a JSON object of queries, e.g. {\"q0\": {\"query\": \"Gulmurod Khalimov\", \"type\": \"Person\"}}");
        }
        var batch = ReconciliationQueries.Parse(text);
        if (batch.Error is not null)
        {
            return Problems.BadRequest(batch.Error);
        }
        var corpus = host.Current!.Corpus;
        var responses = new Dictionary<string, ReconciliationResults>(StringComparer.Ordinal);
        foreach (var query in batch.Queries)
        {
            if (!query.Screenable)
            {
                responses[query.Key] = new ReconciliationResults([], query.Ignored);
                continue;
            }
            var options = new MatchOptions { Limit = Math.Max(query.Limit * 4, 20) };
            var hits = ScreeningQueries.Screen(corpus, query.Kind, query.Names, query.BirthDates, query.Country, query.Identifiers, options)
                .Where(h => ScreeningQueries.InDataset(h.Entity, dataset))
                .ToList();
            var clear = IsClearMatch(hits);
            responses[query.Key] = new ReconciliationResults(hits.Take(query.Limit)
                .Select((h, i) => new ReconciliationCandidate(h.Entity.Id, h.Entity.Caption, [TypeOf(h.Entity.Schema)],
                    Math.Round(h.Score * 100, 1), clear && i == 0, Describe(h.Entity, h.Explanation.MatchedName)))
                .ToList(), query.Ignored.Count > 0 ? query.Ignored : null);
        }
        context.Response.Headers["x-batch-size"] = responses.Count.ToString(CultureInfo.InvariantCulture);
        return Reply(context, keys, responses);
    }

    /// <summary>
    /// Whether the best candidate is the one OpenRefine may accept unreviewed (it auto-matches only a first
    /// candidate marked <c>match</c>): it alerts (score at or above the screening threshold), and every candidate
    /// within <see cref="ServerDefaults.ReconcileMatchMargin"/> of it is the same party seen by another list.
    /// </summary>
    /// <remarks>
    /// One list never lists a party twice, so a near tie on the same list is two parties an analyst must tell
    /// apart. Lists not yet linked by xref do list one party each (UN and OFAC both list Khalimov); a near tie on
    /// another list is taken for the same party only when both candidates share the query's exact date of birth or
    /// identifier, never on a name alone.
    /// </remarks>
    internal static bool IsClearMatch(IReadOnlyList<ScreeningHit> hits)
    {
        if (hits is not [var best, ..] || !best.Match)
        {
            return false;
        }
        foreach (var other in hits.Skip(1).TakeWhile(h => best.Score - h.Score < ServerDefaults.ReconcileMatchMargin))
        {
            var sameParty = Pinned(best) && Pinned(other) && !best.Entity.Datasets.Intersect(other.Entity.Datasets).Any();
            if (!sameParty)
            {
                return false;
            }
        }
        return true;

        // The qualifier names and findings are those the matcher writes into every explanation.
        static bool Pinned(ScreeningHit hit) => hit.Explanation.Qualifiers.Any(q =>
            q.Qualifier == Qualifiers.Identifier || (q.Qualifier == Qualifiers.BirthDate && q.Finding == Qualifiers.SameDay));
    }

    private static IResult SuggestEntity(HttpContext context, ScreeningIndexHost host, ApiKeys keys)
    {
        if (Dataset(context, host, out var dataset) is { } problem)
        {
            return problem;
        }
        var prefix = context.Request.Query["prefix"].ToString();
        if (prefix.Length > ServerDefaults.MaxQueryLength)
        {
            return Problems.BadRequest($"prefix: give at most {ServerDefaults.MaxQueryLength} characters of a name");
        }
        if (!Limit(context.Request, 10, out var limit, out var error) || !Cursor(context.Request, out var cursor, out error))
        {
            return error!;
        }
        // Nothing typed yet is nothing to suggest, as the spec's suggest services answer it.
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return Reply(context, keys, new ReconciliationSuggestions([]));
        }
        var corpus = host.Current!.Corpus;
        var kind = NameMatcher.KindOf(context.Request.Query["type"].ToString());
        var wanted = cursor + limit;
        var found = new List<(ScreenedEntity Entity, string Name)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(ScreenedEntity entity, string name)
        {
            if (found.Count < wanted && ScreeningQueries.InDataset(entity, dataset) && seen.Add(entity.Id))
            {
                found.Add((entity, name));
            }
        }

        // An identifier typed whole is that entity; then every name with words starting as the typed words do.
        if (corpus.CanonicalId(prefix.Trim()) is { } exact)
        {
            Add(corpus.Entity(exact), corpus.Entity(exact).Caption);
        }
        foreach (var (id, name) in EntityNamePrefixes.Of(corpus).Find(prefix, kind))
        {
            if (found.Count == wanted)
            {
                break;
            }
            Add(corpus.Entity(id), name);
        }
        if (found.Count < wanted)
        {
            // A name spelt another way (Halimov for Khalimov) starts no word the same: the screened names that alert,
            // or have a word starting as the last typed word does, fill the rest.
            var typing = prefix.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
            var options = new MatchOptions { Limit = wanted * 4, Cutoff = 0.3 };
            foreach (var hit in corpus.Screen(new ScreeningQuery(prefix, kind), options)
                .Where(h => h.Match || HasWordStarting(h.Entity.Caption, typing) || HasWordStarting(h.Explanation.MatchedName, typing)))
            {
                Add(hit.Entity, hit.Explanation.MatchedName);
            }
        }
        var suggestions = found.Skip(cursor)
            .Select(f => new ReconciliationSuggestion(f.Entity.Id, f.Entity.Caption, Describe(f.Entity, f.Name)))
            .ToList();
        return Reply(context, keys, new ReconciliationSuggestions(suggestions));
    }

    private static bool HasWordStarting(string name, string start) =>
        name.Split([' ', ',', '-', '\''], StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(start, StringComparison.OrdinalIgnoreCase));

    private static IResult SuggestType(HttpContext context, ScreeningIndexHost host, ApiKeys keys) =>
        Dataset(context, host, out _) ?? Reply(context, keys, new ReconciliationSuggestions(Starting(Types, context.Request.Query["prefix"].ToString())));

    private static IResult SuggestProperty(HttpContext context, ScreeningIndexHost host, ApiKeys keys)
    {
        if (Dataset(context, host, out _) is { } problem)
        {
            return problem;
        }
        // OpenRefine names the column's type when it has one; without it every property is offered.
        var type = context.Request.Query["type"].ToString();
        if (type.Length > 0 && TypeFlag(type) is null)
        {
            return UnknownType(type);
        }
        var properties = Properties.Where(p => type.Length == 0 || p.Types.HasFlag(TypeFlag(type)!.Value)).Select(p => p.AsType());
        return Reply(context, keys, new ReconciliationSuggestions(Starting(properties, context.Request.Query["prefix"].ToString())));
    }

    private static List<ReconciliationSuggestion> Starting(IEnumerable<ReconciliationType> items, string prefix) =>
        items.Where(t => t.Id.StartsWith(prefix.Trim(), StringComparison.OrdinalIgnoreCase)
                || t.Name.Split(' ').Any(w => w.StartsWith(prefix.Trim(), StringComparison.OrdinalIgnoreCase)))
            .Select(t => new ReconciliationSuggestion(t.Id, t.Name, t.Description))
            .ToList();

    private static IResult ProposeProperties(HttpContext context, ScreeningIndexHost host, ApiKeys keys)
    {
        if (Dataset(context, host, out _) is { } problem)
        {
            return problem;
        }
        var type = context.Request.Query["type"].ToString();
        if (TypeFlag(type) is not { } flag)
        {
            return UnknownType(type);
        }
        var properties = Properties.Where(p => p.Types.HasFlag(flag)).Select(p => p.AsType()).ToList();
        if (!Limit(context.Request, properties.Count, out var limit, out var error))
        {
            return error!;
        }
        return Reply(context, keys, new ProposedProperties(type, properties.Take(limit).ToList(), limit));
    }

    private static PartyTypes? TypeFlag(string type) => type switch
    {
        "Person" => PartyTypes.Person,
        "Organization" => PartyTypes.Organization,
        "Vessel" => PartyTypes.Vessel,
        "Aircraft" => PartyTypes.Aircraft,
        _ => null,
    };

    private static IResult UnknownType(string type) =>
        Problems.BadRequest($"type: {(type.Length == 0 ? "give a type" : $"'{type}' is not one")} of {string.Join(", ", Types.Select(t => t.Id))}");

    private static IResult Extend(HttpContext context, ScreeningIndexHost host, VigilStore store, ApiKeys keys, string text)
    {
        if (Dataset(context, host, out _) is { } problem)
        {
            return problem;
        }
        if (ReconciliationQueries.ParseExtension(text, out var ids, out var properties) is { } error)
        {
            return Problems.BadRequest(error);
        }
        var loaded = host.Current!;
        var rows = new Dictionary<string, Dictionary<string, IReadOnlyList<ExtendedValue>>>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var row = new Dictionary<string, IReadOnlyList<ExtendedValue>>(StringComparer.Ordinal);
            rows[id] = row;
            if (loaded.Corpus.CanonicalId(id) is not { } canonical)
            {
                continue;
            }
            var values = loaded.Properties.GetOrRead(loaded.Corpus.Entity(canonical), store.Latest).Properties;
            foreach (var (property, limit) in properties)
            {
                var found = values.GetValueOrDefault(property) ?? [];
                row[property] = found.Take(limit > 0 ? limit : int.MaxValue).Select(v => new ExtendedValue(v)).ToList();
            }
        }
        var meta = properties.Select(p => Properties.FirstOrDefault(k => k.Id == p.Property)?.AsType() ?? new ReconciliationType(p.Property, p.Property)).ToList();
        return Reply(context, keys, new ReconciliationExtension(meta, rows));
    }

    private static IResult Preview(HttpContext context, ScreeningIndexHost host, VigilStore store)
    {
        var id = context.Request.Query["id"].ToString();
        if (string.IsNullOrWhiteSpace(id))
        {
            return Problems.BadRequest("id: give the id of the entity to preview, as in /reconcile/preview?id=un-sc:QDi.372");
        }
        if (host.Current is not { } loaded)
        {
            return Problems.NotReady();
        }
        if (loaded.Corpus.CanonicalId(id) is not { } canonical)
        {
            return Problems.NotFound($"id: no entity '{id}'");
        }
        var entity = loaded.Corpus.Entity(canonical);
        var properties = loaded.Properties.GetOrRead(entity, store.Latest).Properties;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(Encode(entity.Caption)).Append("</title><style>")
            .Append("body{font:13px/1.4 system-ui,sans-serif;margin:8px;color:#222}h1{font-size:16px;margin:0 0 4px}")
            .Append("dl{margin:0}dt{color:#666;margin-top:6px}dd{margin:0}</style></head><body>")
            .Append("<h1>").Append(Encode(entity.Caption)).Append("</h1><dl>");
        Row("Type", [entity.Schema]);
        Row("Lists", entity.Datasets);
        Row("Records", entity.Referents);
        Row("Other names", Values("alias", "previousName").Take(8).ToList());
        Row("Date of birth", Values("birthDate"));
        Row("Nationality", Values("nationality", "citizenship"));
        Row("Country", Values("country", "jurisdiction", "flag"));
        Row("Identifiers", Values("passportNumber", "idNumber", "registrationNumber", "imoNumber"));
        html.Append("</dl></body></html>");

        // OpenRefine shows this page in an iframe on its own origin: only this response may be framed, and it runs no script.
        context.Response.Headers.Remove("X-Frame-Options");
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *";
        return Results.Content(html.ToString(), "text/html; charset=utf-8");

        List<string> Values(params string[] names) =>
            names.SelectMany(n => properties.GetValueOrDefault(n) ?? []).Distinct(StringComparer.Ordinal).ToList();

        void Row(string label, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                html.Append("<dt>").Append(label).Append("</dt><dd>").Append(string.Join("; ", values.Select(Encode))).Append("</dd>");
            }
        }
    }

    /// <summary>
    /// JSON, or JSONP when a GET names a <c>callback</c>: OpenRefine falls back to JSONP where its browser code
    /// cannot read a cross-origin answer. A script tag sends the page's cookies, so with keys configured JSONP is
    /// only answered to a request carrying its own <c>?api_key=</c>; the callback must be a plain JavaScript
    /// name, and the body starts with a comment so it can never be read as anything but a call.
    /// </summary>
    private static IResult Reply<T>(HttpContext context, ApiKeys keys, T payload)
    {
        // A cross-origin read is anonymous (no cookies with '*'), so only a caller holding a key can read keyed data.
        context.Response.Headers.AccessControlAllowOrigin = "*";
        var callback = context.Request.Query["callback"].ToString();
        if (callback.Length == 0 || !HttpMethods.IsGet(context.Request.Method))
        {
            return Results.Json(payload, Json);
        }
        if (!JsonpCallback().IsMatch(callback))
        {
            return Problems.BadRequest("callback: must be a JavaScript name such as jQuery123_456 (letters, digits, _, $ and dots)");
        }
        if (keys.Required && string.IsNullOrEmpty(context.Request.Query["api_key"]))
        {
            return Problems.BadRequest("callback: JSONP is answered only when the key is given as ?api_key=");
        }
        return Results.Text($"/**/{callback}({JsonSerializer.Serialize(payload, Json)});", "application/javascript; charset=utf-8");
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]{0,63}(\.[A-Za-z_$][A-Za-z0-9_$]{0,63}){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonpCallback();

    private static IResult? Dataset(HttpContext context, ScreeningIndexHost host, out string dataset)
    {
        dataset = context.GetRouteValue("dataset") as string ?? "default";
        if (host.Current is not { } loaded)
        {
            return Problems.NotReady();
        }
        return ScreeningQueries.DatasetExists(loaded.Corpus, dataset)
            ? null
            : Problems.NotFound($"dataset: no dataset '{dataset}' (use /reconcile for every list, or a source such as /reconcile/un-sc)");
    }

    private static bool Limit(HttpRequest request, int fallback, out int limit, out IResult? error)
    {
        error = null;
        var text = request.Query["limit"].ToString();
        if (text.Length == 0)
        {
            limit = fallback;
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= ServerDefaults.ReconcileMaxLimit)
        {
            return true;
        }
        error = Problems.BadRequest($"limit: must be a whole number from 1 to {ServerDefaults.ReconcileMaxLimit}");
        return false;
    }

    private static bool Cursor(HttpRequest request, out int cursor, out IResult? error)
    {
        error = null;
        var text = request.Query["cursor"].ToString();
        cursor = 0;
        if (text.Length == 0 || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cursor) && cursor <= ServerDefaults.ReconcileMaxLimit * 10))
        {
            return true;
        }
        error = Problems.BadRequest($"cursor: must be a whole number from 0 to {ServerDefaults.ReconcileMaxLimit * 10} (suggestions to skip)");
        return false;
    }

    private static ReconciliationType TypeOf(string schema) =>
        Types.FirstOrDefault(t => t.Id == schema) is { } type ? type with { Description = null } : new ReconciliationType(schema, schema);

    private static string Describe(ScreenedEntity entity, string matchedName) =>
        $"{TypeOf(entity.Schema).Id} on {string.Join(", ", entity.Datasets)}" +
        (string.Equals(matchedName, entity.Caption, StringComparison.Ordinal) ? "" : $"; matched name: {matchedName}");

    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const int PreviewWidth = 400;
    private const int PreviewHeight = 300;

    /// <summary>The reconciliation types a property belongs to.</summary>
    [Flags]
    private enum PartyTypes
    {
        Person = 1,
        Organization = 2,
        Vessel = 4,
        Aircraft = 8,
    }

    /// <summary>A property a query may carry, with the types that have it.</summary>
    private sealed record ReconciliationProperty(string Id, string Name, PartyTypes Types)
    {
        public ReconciliationType AsType() => new(Id, Name);
    }
}

/// <summary>The form OpenRefine posts: a JSON batch of queries, or a JSON data extension request.</summary>
public sealed record ReconciliationForm(string? Queries, string? Extend);

/// <summary>The service manifest OpenRefine reads when the service is added.</summary>
public sealed record ReconciliationManifest(
    IReadOnlyList<string> Versions,
    string Name,
    string IdentifierSpace,
    string SchemaSpace,
    IReadOnlyList<ReconciliationType> DefaultTypes,
    ReconciliationView View,
    ReconciliationPreview Preview,
    ReconciliationSuggest Suggest,
    ReconciliationExtend Extend,
    int BatchSize,
    string Documentation);

/// <summary>A type, property or setting choice: an id and the name shown to people.</summary>
public sealed record ReconciliationType(string Id, string Name, string? Description = null);

/// <summary>Where a person views an entity; <c>{{id}}</c> is replaced by the entity id.</summary>
public sealed record ReconciliationView(string Url);

/// <summary>The preview frame's address template and size.</summary>
public sealed record ReconciliationPreview(string Url, int Width, int Height);

/// <summary>The three suggest services.</summary>
public sealed record ReconciliationSuggest(ReconciliationService Entity, ReconciliationService Type, ReconciliationService Property);

/// <summary>A service as the spec addresses it: a base URL and a path (with its query string) to append.</summary>
public sealed record ReconciliationService(
    [property: JsonPropertyName("service_url")] string ServiceUrl,
    [property: JsonPropertyName("service_path")] string ServicePath);

/// <summary>Data extension: where properties are proposed, and the per-property settings accepted.</summary>
public sealed record ReconciliationExtend(
    [property: JsonPropertyName("propose_properties")] ReconciliationService ProposeProperties,
    [property: JsonPropertyName("property_settings")] IReadOnlyList<ReconciliationSetting> PropertySettings);

/// <summary>A setting of an extended property (here only <c>limit</c>).</summary>
public sealed record ReconciliationSetting(
    string Name,
    string Label,
    string Type,
    int Default,
    [property: JsonPropertyName("help_text")] string HelpText);

/// <summary>
/// The candidates for one query, best first, and what of the query was not used, each naming its field (absent when
/// everything was used): a type or property Vigil does not screen, or a query with nothing to screen.
/// </summary>
public sealed record ReconciliationResults(IReadOnlyList<ReconciliationCandidate> Result, IReadOnlyList<string>? Ignored = null);

/// <summary>One candidate: the canonical entity id, its caption and type, a 0..100 score, and whether it is a clear match.</summary>
public sealed record ReconciliationCandidate(string Id, string Name, IReadOnlyList<ReconciliationType> Type, double Score, bool Match, string Description);

/// <summary>A suggest answer.</summary>
public sealed record ReconciliationSuggestions(IReadOnlyList<ReconciliationSuggestion> Result);

/// <summary>One suggestion: an entity, type or property.</summary>
public sealed record ReconciliationSuggestion(string Id, string Name, string? Description = null);

/// <summary>Properties proposed for data extension of a type.</summary>
public sealed record ProposedProperties(string Type, IReadOnlyList<ReconciliationType> Properties, int Limit);

/// <summary>A data extension answer: each property's name, and per entity id the values of each property.</summary>
public sealed record ReconciliationExtension(
    IReadOnlyList<ReconciliationType> Meta,
    Dictionary<string, Dictionary<string, IReadOnlyList<ExtendedValue>>> Rows);

/// <summary>One extended value (the spec's <c>{"str": ...}</c>).</summary>
public sealed record ExtendedValue(string Str);
