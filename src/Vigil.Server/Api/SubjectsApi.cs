using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vigil.Core.Access;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/subjects</c>: the user's customers and counterparties, upserted by reference and screened at once when created
/// or changed; each read returns the versions and the recorded screenings with their snapshot sets.
/// </summary>
public static class SubjectsApi
{
    /// <summary>Most subjects one <c>POST /subjects</c> may carry.</summary>
    public const int MaxBatch = 1000;


    public static void MapSubjectsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/subjects/{reference}", Put).Requires(Permission.ManageSubjects)
            .WithTags("Subjects").WithSummary("Creates or updates a subject; a new or changed subject is screened at once and the screening recorded")
            .Produces<SubjectWriteResponse>().Produces<SubjectWriteResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapPost("/subjects", Post).Requires(Permission.ManageSubjects)
            .WithTags("Subjects").WithSummary($"Creates or updates up to {MaxBatch} subjects, each screened when new or changed")
            .Produces<SubjectBatchResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/subjects/{reference}", Get).Requires(Permission.ReadWork)
            .WithTags("Subjects").WithSummary("A subject's versions and screenings, each screening with the list snapshots it ran against and its hits")
            .Produces<Subject>().ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapDelete("/subjects/{reference}", Delete).Requires(Permission.ManageSubjects)
            .WithTags("Subjects").WithSummary("Ends a subject's monitoring; its versions and screenings are kept")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<IResult> Put(HttpContext context, string reference, [FromBody] SubjectRequest? request, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.BadRequest("body: give a subject, e.g. {\"schema\": \"Person\", \"names\": [\"...\"], \"birthDates\": [\"1975-05-14\"]}");
        }
        if (request.Reference is { } given && given != reference)
        {
            return Problems.BadRequest($"reference: '{given}' differs from the address's '{reference}'");
        }
        var input = request.ToInput(reference);
        if (Check(input, "") is { } error)
        {
            return Problems.BadRequest(error);
        }
        if (host.Current is not { } loaded)
        {
            return Problems.NotReady();
        }
        if (!loaded.Corpus.HasLists)
        {
            return Problems.NoLists();
        }
        var outcome = (await Write(store, loaded, Caller.Name(context), [input], cancellationToken))[0];
        if (outcome.Error is not null)
        {
            return Problems.BadRequest(outcome.Error);
        }
        var body = SubjectWriteResponse.From(outcome);
        return outcome.Change == SubjectChange.Created
            ? Results.Json(body, WorkflowJson.Compact, statusCode: StatusCodes.Status201Created)
            : Results.Json(body, WorkflowJson.Compact);
    }

    internal static async Task<IResult> Post(HttpContext context, [FromBody] SubjectBatchRequest? request, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken)
    {
        if (request?.Subjects is not { Count: > 0 } subjects)
        {
            return Problems.BadRequest("subjects: give at least one subject, e.g. {\"subjects\": [{\"reference\": \"c1\", \"names\": [\"...\"]}]}");
        }
        if (subjects.Count > MaxBatch)
        {
            return Results.Problem(detail: $"subjects: {subjects.Count} subjects; at most {MaxBatch} per request",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many subjects");
        }
        var inputs = new List<SubjectInput>(subjects.Count);
        for (var i = 0; i < subjects.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"subjects[{i}].");
            if (subjects[i] is not { } subject || string.IsNullOrWhiteSpace(subject.Reference))
            {
                return Problems.BadRequest(field + "reference: every subject needs its reference");
            }
            var input = subject.ToInput(subject.Reference);
            if (Check(input, field) is { } error)
            {
                return Problems.BadRequest(error);
            }
            inputs.Add(input);
        }
        if (host.Current is not { } loaded)
        {
            return Problems.NotReady();
        }
        if (!loaded.Corpus.HasLists)
        {
            return Problems.NoLists();
        }
        var outcomes = await Write(store, loaded, Caller.Name(context), [.. inputs], cancellationToken);
        return Results.Json(new SubjectBatchResponse(
            outcomes.Count(o => o.Change == SubjectChange.Created),
            outcomes.Count(o => o.Change == SubjectChange.Changed),
            outcomes.Count(o => o.Change == SubjectChange.Unchanged),
            outcomes.Count(o => o.Screening is not null),
            outcomes.Count(o => o.Screening is { Hits.Count: > 0 }),
            outcomes.Sum(o => o.RaisedAlerts.Count),
            [.. outcomes.Select(SubjectWriteResponse.From)]), WorkflowJson.Compact);
    }

    internal static async Task<IResult> Get(string reference, VigilStore store, CancellationToken cancellationToken) =>
        await store.GetSubjectAsync(reference, cancellationToken) is { } subject
            ? Results.Json(subject, WorkflowJson.Compact)
            : Problems.NotFound($"reference: no subject '{reference}'");

    internal static async Task<IResult> Delete(HttpContext context, string reference, VigilStore store, CancellationToken cancellationToken)
    {
        if (await store.DeleteSubjectAsync(reference, Caller.Name(context), cancellationToken))
        {
            return Results.NoContent();
        }
        return Problems.NotFound(await store.GetSubjectAsync(reference, cancellationToken) is null
            ? $"reference: no subject '{reference}'"
            : $"reference: subject '{reference}' is already deleted");
    }

    /// <summary>Refuses what cannot be screened before anything is written, naming the field at fault.</summary>
    private static string? Check(SubjectInput input, string prefix)
    {
        if (SubjectFields.TryCreate(input, out var error) is null)
        {
            return prefix + error;
        }
        return ScreeningConfiguration.ProfileName(input.Profile, out var profileError) is null ? prefix + profileError : null;
    }

    private static async Task<List<IntakeOutcome>> Write(VigilStore store, LoadedCorpus loaded, string actor, SubjectInput[] inputs, CancellationToken cancellationToken)
    {
        var intake = new SubjectIntake(store, loaded.Corpus, actor);
        var outcomes = new List<IntakeOutcome>(inputs.Length);
        foreach (var batch in inputs.Chunk(SubjectImport.BatchSize))
        {
            outcomes.AddRange(await intake.WriteAsync(batch, cancellationToken));
        }
        await intake.CompleteAsync(cancellationToken);
        return outcomes;
    }
}

/// <summary>A subject as <c>PUT /subjects/{ref}</c> and <c>POST /subjects</c> take it; lists may hold any script.</summary>
public sealed record SubjectRequest(
    string? Reference,
    string? Schema,
    List<string>? Names,
    List<string>? BirthDates,
    List<string>? Countries,
    List<string>? Identifiers,
    string? Profile,
    string? Portfolio,
    bool? Monitored)
{
    internal SubjectInput ToInput(string reference) =>
        new(reference, Names ?? [], Schema, BirthDates, Countries, Identifiers, Profile, Portfolio, Monitored ?? true);
}

/// <summary>The body of <c>POST /subjects</c>.</summary>
public sealed record SubjectBatchRequest(List<SubjectRequest?>? Subjects);

/// <summary>What writing one subject did: the change, the version it is at, the screening when it was screened, and the alerts it raised.</summary>
public sealed record SubjectWriteResponse(string Reference, SubjectChange Change, int Version, SubjectScreening? Screening, IReadOnlyList<string> UnresolvedCountries, IReadOnlyList<long> Alerts)
{
    internal static SubjectWriteResponse From(IntakeOutcome outcome) =>
        new(outcome.Reference, outcome.Change, outcome.Version, outcome.Screening, outcome.Fields?.UnresolvedCountries ?? [], outcome.RaisedAlerts);
}

/// <summary>The counts of a <c>POST /subjects</c> and each subject's result, in the order sent.</summary>
public sealed record SubjectBatchResponse(int Created, int Changed, int Unchanged, int Screened, int Hits, int Alerts, IReadOnlyList<SubjectWriteResponse> Subjects);
