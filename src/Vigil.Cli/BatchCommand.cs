using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Core.Jobs;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil batch submit|work|status|results|cancel</c>: a file of ad-hoc rows screened as a job of chunks in the
/// store. <c>submit</c> screens the job in this process unless <c>--detach</c> leaves it to a running <c>vigil serve</c>
/// or <c>vigil batch work</c>; a process killed mid-job loses nothing committed, and <c>work</c> finishes it.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CommandContext context) => new("batch", "Screen a file of rows as a job: submit, work, status, results, cancel")
    {
        Submit(context),
        Work(context),
        Status(context),
        Results(context),
        Cancel(context),
    };

    private static Option<int?> LeaseOption() => new("--lease-seconds")
    {
        Description = $"How long this process holds a chunk without renewing it; a killed process's chunks are taken over after it (default {BatchJobs.DefaultLease.TotalSeconds:0})",
        CustomParser = OptionValues.Count(1, 3600),
    };

    private static Argument<long> JobArgument() => new("job")
    {
        Description = "The job's id (vigil batch status lists them)",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                return id;
            }
            result.AddError($"job: '{text}' is not a job id (a positive number, as 'vigil batch status' shows)");
            return 0;
        },
    };

    private static Command Submit(CommandContext context)
    {
        var file = new Argument<string>("file") { Description = "A .csv or .xlsx file with a header: id,name[,aliases,dob,country,schema,identifier] (common synonyms are read too)" };
        var profile = new Option<string?>("--profile") { Description = "Screening profile: default, kyc or payments" };
        var detach = new Option<bool>("--detach") { Description = "Queue the job and return at once; a running 'vigil serve' or 'vigil batch work' screens it" };
        var chunkRows = new Option<int?>("--chunk-rows") { Description = $"Rows per chunk, the unit a worker claims and commits (default {BatchJobs.DefaultChunkRows})", CustomParser = OptionValues.Count(1, 100_000) };
        var lease = LeaseOption();
        var json = CommandContext.JsonOption();
        var command = new Command("submit", "Queue a file of rows as a batch job and, unless --detach, screen it here until it is done")
        {
            file, profile, detach, chunkRows, lease, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file", path);
            }
            var store = context.OpenStore(parse, StoreAccess.Existing);
            if (context.LoadLists(store) is not { } corpus)
            {
                return VigilCommand.NoLists;
            }
            return await context.Guarded(async () =>
            {
                var id = await BatchJobs.SubmitAsync(store, corpus, path, CommandContext.Actor, parse.GetValue(profile), null, parse.GetValue(chunkRows) ?? BatchJobs.DefaultChunkRows, cancellationToken);
                if (!parse.GetValue(detach))
                {
                    await WorkAsync(context, store, corpus, Lease(parse, lease), cancellationToken);
                }
                var job = (await store.GetJobAsync(id, cancellationToken))!;
                Write(context, job, parse.GetValue(json));
                return 0;
            });
        });
        return command;
    }

    private static Command Work(CommandContext context)
    {
        var lease = LeaseOption();
        var command = new Command("work", "Screen every queued job here, taking over chunks whose worker died once their lease ends, until all are finished") { lease };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            return await context.Guarded(async () =>
            {
                var rows = await WorkAsync(context, store, null, Lease(parse, lease), cancellationToken);
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows screened; no job is waiting"));
                return 0;
            });
        });
        return command;
    }

    private static Command Status(CommandContext context)
    {
        var job = JobArgument();
        job.Arity = ArgumentArity.ZeroOrOne;
        var json = CommandContext.JsonOption();
        var command = new Command("status", "A job's state, counts, lists and rejected rows; without a job, the latest jobs") { job, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            if (parse.GetResult(job) is null)
            {
                var jobs = await store.ListJobsAsync(50, cancellationToken);
                if (parse.GetValue(json))
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(jobs, WorkflowJson.Options));
                }
                else if (jobs.Count == 0)
                {
                    context.Out.WriteLine("no batch jobs; submit one with 'vigil batch submit FILE'");
                }
                else
                {
                    Tables.Write(context, ["job", "state", "file", "rows", "screened", "hits", "rejected", "created"],
                        jobs.Select(j => new[]
                        {
                            j.Id.ToString(CultureInfo.InvariantCulture), Snake(j.State), j.FileName, Count(j.Rows), Count(j.Screened), Count(j.Hits), Count(j.Rejected), j.CreatedAt,
                        }));
                }
                return 0;
            }
            Write(context, await Find(store, parse.GetValue(job), cancellationToken), parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static Command Results(CommandContext context)
    {
        var job = JobArgument();
        var output = new Option<string?>("--output") { Description = "Write here: .jsonl (the canonical result file), .csv or .xlsx (default: JSON lines to standard output)", CustomParser = OptionValues.NonBlank };
        var command = new Command("results", "A finished job's results, one per input row in file order, no-hit and rejected rows included") { job, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output);
            var format = path is null ? JobResultFormat.JsonLines : JobResultWriter.FormatOf(path);
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var found = await Find(store, parse.GetValue(job), cancellationToken);
            if (found.State != JobState.Done)
            {
                throw new ArgumentException($"job {found.Id} is {Snake(found.State)} ({found.Screened + found.Rejected:N0} of {found.Rows:N0} rows): results are written once it is done"
                    + (found.State == JobState.Cancelled ? "" : "; 'vigil batch work' finishes it"));
            }
            return await context.Guarded(async () =>
            {
                if (path is null)
                {
                    await foreach (var line in store.JobResultLinesAsync(found.Id, cancellationToken))
                    {
                        await context.Out.WriteLineAsync(line);
                    }
                    return 0;
                }
                var partial = path + ".part";
                await using (var stream = File.Create(partial))
                {
                    await JobResultWriter.WriteAsync(store, found.Id, stream, format, cancellationToken);
                }
                File.Move(partial, path, overwrite: true);
                context.Out.WriteLine($"job {found.Id}: {found.Rows:N0} results written to {path}" + (format == JobResultFormat.JsonLines ? $" (sha256 {found.ResultHash})" : ""));
                return 0;
            });
        });
        return command;
    }

    private static Command Cancel(CommandContext context)
    {
        var job = JobArgument();
        var command = new Command("cancel", "Stop a queued or running job; the chunks already done keep their results") { job };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var id = parse.GetValue(job);
            var before = await store.CancelJobAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"no batch job {id}");
            if (before is JobState.Done or JobState.Cancelled)
            {
                throw new ArgumentException($"job {id} is already {Snake(before)}; nothing to cancel");
            }
            context.Out.WriteLine($"job {id}: cancelled");
            return 0;
        });
        return command;
    }

    /// <summary>Screens queued chunks here until every job is finished, reporting progress on a terminal; returns the rows screened.</summary>
    private static async Task<long> WorkAsync(CommandContext context, VigilStore store, ScreeningCorpus? corpus, TimeSpan lease, CancellationToken cancellationToken)
    {
        var worker = new BatchWorker(store, () => corpus, lease);
        var progress = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        using var timer = progress ? new Timer(_ => context.Error.Write($"\rscreened {worker.RowsDone:N0} rows"), null, 1000, 1000) : null;
        await worker.DrainAsync(untilFinished: true, cancellationToken);
        if (progress)
        {
            context.Error.Write("\r");
        }
        return worker.RowsDone;
    }

    private static TimeSpan Lease(ParseResult parse, Option<int?> lease) =>
        parse.GetValue(lease) is { } seconds ? TimeSpan.FromSeconds(seconds) : BatchJobs.DefaultLease;

    private static async Task<Job> Find(VigilStore store, long id, CancellationToken cancellationToken) =>
        await store.GetJobAsync(id, cancellationToken) ?? throw new KeyNotFoundException($"no batch job {id}");

    private static void Write(CommandContext context, Job job, bool json)
    {
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(job, WorkflowJson.Options));
            return;
        }
        var o = context.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"job {job.Id}: {Snake(job.State)}; {job.FileName}: {job.Rows:N0} rows, {job.Screened:N0} screened, {job.Hits:N0} with hits, {job.Rejected:N0} rejected; chunks {job.ChunksDone} of {job.Chunks} done"));
        var run = job.Run;
        o.WriteLine($"  run {run.Id} batch by {run.Actor}, profile {run.Profile} (threshold {run.Threshold.ToString(CultureInfo.InvariantCulture)}), config {run.ConfigurationHash[..12]}, file sha256 {job.FileHash[..12]}");
        o.WriteLine("  lists: " + string.Join("; ", run.Snapshots.Select(n => $"{n.Source} snapshot {n.Snapshot} published {n.Published ?? "(no date)"} sha256 {n.ContentHash[..12]}")));
        if (job.ResultHash is { } hash)
        {
            o.WriteLine($"  results sha256 {hash} ('vigil batch results {job.Id} --output FILE.jsonl|.csv|.xlsx')");
        }
        foreach (var r in job.Rejections)
        {
            o.WriteLine($"  line {r.Line}: rejected: {r.Reason}");
        }
        if (job.Rejected > job.Rejections.Count)
        {
            o.WriteLine($"  ... and {job.Rejected - job.Rejections.Count:N0} more rejected rows (the results list them all)");
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
