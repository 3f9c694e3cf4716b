using Microsoft.AspNetCore.Http.Features;
using Vigil.Core.Access;
using Vigil.Core.Jobs;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Api;

/// <summary>
/// <c>/jobs</c>: batch jobs. An uploaded CSV or XLSX of rows is queued as a job of chunks that the server's worker
/// screens in the background; the job records the list snapshots and configuration, and its results (one JSON line
/// per row, in file order) are fixed by the SHA-256 recorded when it is done.
/// </summary>
public static class JobsApi
{
    /// <summary>The largest file <c>POST /jobs</c> takes.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string JsonLinesType = "application/x-ndjson";

    public static void MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/jobs", Post).Requires(Permission.ManageSubjects)
            .AddEndpointFilter<ListsLoadedFilter>()
            .WithTags("Jobs").WithSummary("Queues a CSV or XLSX file of rows (header id,name[,aliases,dob,country,schema,identifier]) as a batch job; the body is the file, or a multipart form with one file")
            .Accepts<IFormFile>("text/csv", XlsxType, "multipart/form-data")
            .Produces<Job>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/jobs", List).Requires(Permission.ReadWork)
            .WithTags("Jobs").WithSummary("The latest 50 batch jobs, newest first")
            .Produces<IReadOnlyList<Job>>();
        endpoints.MapGet("/jobs/{id:long}", Get).Requires(Permission.ReadWork)
            .WithTags("Jobs").WithSummary("A batch job: state, counts, the run with its list snapshots, the first rejected rows, and the result file's SHA-256 once done")
            .Produces<Job>().ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapGet("/jobs/{id:long}/results", Results).Requires(Permission.ReadWork)
            .WithTags("Jobs").WithSummary("A finished job's results, one per input row in file order: JSON lines (the file whose SHA-256 the job records), or ?format=csv or xlsx")
            .Produces<Stream>(StatusCodes.Status200OK, JsonLinesType, "text/csv", XlsxType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapDelete("/jobs/{id:long}", Delete).Requires(Permission.ManageSubjects)
            .WithTags("Jobs").WithSummary("Cancels a queued or running job; the chunks already done keep their results")
            .Produces<Job>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<IResult> Post(HttpContext context, string? profile, string? name, VigilStore store, ScreeningIndexHost host, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes;
        }
        if (ScreeningConfiguration.ProfileName(profile, out var profileError) is null)
        {
            return Problems.BadRequest(profileError!);
        }
        var request = context.Request;
        Stream body;
        var fileName = name;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files is not [var file])
            {
                return Problems.BadRequest($"file: a multipart upload carries exactly one file; this one carries {form.Files.Count}");
            }
            fileName ??= file.FileName;
            body = file.OpenReadStream();
        }
        else
        {
            body = request.Body;
        }
        var temporary = Path.Combine(Path.GetTempPath(), $"vigil-upload-{Guid.NewGuid():N}");
        try
        {
            var header = new byte[4];
            await using (body)
            await using (var file = File.Create(temporary))
            {
                await body.CopyToAsync(file, cancellationToken);
                file.Position = 0;
                await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            }
            // The reader tells CSV from XLSX by the extension: a workbook is a zip, whatever its name or type says.
            var xlsx = header is [(byte)'P', (byte)'K', 3, 4];
            var path = temporary + (xlsx ? ".xlsx" : ".csv");
            File.Move(temporary, path);
            temporary = path;
            fileName = string.IsNullOrWhiteSpace(fileName) ? (xlsx ? "upload.xlsx" : "upload.csv") : Path.GetFileName(fileName.Trim());
            long id;
            try
            {
                id = await BatchJobs.SubmitAsync(store, host.Current!.Corpus, path, Caller.Name(context), profile, fileName, cancellationToken: cancellationToken);
            }
            catch (FormatException e)
            {
                return Problems.BadRequest("file: " + e.Message.Replace(path, fileName, StringComparison.Ordinal));
            }
            var job = await store.GetJobAsync(id, cancellationToken);
            context.Response.Headers.Location = $"/jobs/{id}";
            return Microsoft.AspNetCore.Http.Results.Json(job, WorkflowJson.Compact, statusCode: StatusCodes.Status202Accepted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Microsoft.AspNetCore.Http.Results.Problem(detail: $"file: larger than {MaxUploadBytes / (1024 * 1024)} MiB; split it into several jobs",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    internal static async Task<IResult> List(VigilStore store, CancellationToken cancellationToken) =>
        Microsoft.AspNetCore.Http.Results.Json(await store.ListJobsAsync(50, cancellationToken), WorkflowJson.Compact);

    internal static async Task<IResult> Get(long id, VigilStore store, CancellationToken cancellationToken) =>
        await store.GetJobAsync(id, cancellationToken) is { } job
            ? Microsoft.AspNetCore.Http.Results.Json(job, WorkflowJson.Compact)
            : Problems.NotFound($"id: no batch job {id}");

    internal static async Task<IResult> Results(long id, string? format, VigilStore store, CancellationToken cancellationToken)
    {
        var (kind, contentType) = (format?.Trim().ToLowerInvariant() ?? "jsonl") switch
        {
            "jsonl" or "ndjson" or "json" => (JobResultFormat.JsonLines, JsonLinesType),
            "csv" => (JobResultFormat.Csv, "text/csv"),
            "xlsx" => (JobResultFormat.Xlsx, XlsxType),
            _ => ((JobResultFormat?)null, ""),
        };
        if (kind is not { } resultFormat)
        {
            return Problems.BadRequest($"format: '{format}' is no result format; give jsonl, csv or xlsx");
        }
        if (await store.GetJobAsync(id, cancellationToken) is not { } job)
        {
            return Problems.NotFound($"id: no batch job {id}");
        }
        if (job.State != JobState.Done)
        {
            return Microsoft.AspNetCore.Http.Results.Problem(
                detail: $"job {id} is {State(job.State)} ({job.Screened + job.Rejected} of {job.Rows} rows); its results are served once it is done",
                statusCode: StatusCodes.Status409Conflict, title: "Job not done");
        }
        var extension = resultFormat switch { JobResultFormat.Csv => "csv", JobResultFormat.Xlsx => "xlsx", _ => "jsonl" };
        return Microsoft.AspNetCore.Http.Results.Stream(
            stream => JobResultWriter.WriteAsync(store, id, stream, resultFormat, cancellationToken),
            contentType, fileDownloadName: $"job-{id}-results.{extension}");
    }

    internal static async Task<IResult> Delete(long id, VigilStore store, CancellationToken cancellationToken)
    {
        var before = await store.CancelJobAsync(id, cancellationToken);
        if (before is null)
        {
            return Problems.NotFound($"id: no batch job {id}");
        }
        var job = await store.GetJobAsync(id, cancellationToken);
        if (before is JobState.Done or JobState.Cancelled)
        {
            return Microsoft.AspNetCore.Http.Results.Problem(detail: $"job {id} is already {State(before.Value)}; nothing to cancel",
                statusCode: StatusCodes.Status409Conflict, title: "Job finished");
        }
        return Microsoft.AspNetCore.Http.Results.Json(job, WorkflowJson.Compact);
    }

    private static string State(JobState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}
