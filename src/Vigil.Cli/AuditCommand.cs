using System.CommandLine;
using System.Text.Json;
using Vigil.Core.Audit;
using Vigil.Core.Jobs;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil audit checkpoint|verify|export|prove|check-proof|key</c>: sign the log, verify it, export it, prove a
/// subject's screenings and check such a proof offline.
/// </summary>
internal static class AuditCommand
{
    /// <summary>Exit code of a verification that found the log or a proof altered.</summary>
    public const int Tampered = 4;

    public static Command Create(CommandContext context)
    {
        var key = new Option<string?>("--audit-key")
        {
            Description = $"The checkpoint signing key (PEM; default: ${AuditSigningKey.EnvironmentVariable}, else beside the store), created on first use",
            Recursive = true,
        };
        return new Command("audit", "The tamper-evident audit trail: checkpoints, verification, export and proof of screening")
        {
            Options = { key },
            Subcommands = { Checkpoint(context, key), Verify(context, key), Export(context), Prove(context, key), CheckProof(context), Key(context, key) },
        };
    }

    private static AuditSigningKey SigningKey(ParseResult parse, Option<string?> option, VigilStore store) =>
        AuditSigningKey.LoadOrCreate(AuditSigningKey.ResolvePath(parse.GetValue(option), store.DefaultAuditKeyPath));

    private static Command Checkpoint(CommandContext context, Option<string?> keyOption)
    {
        var json = CommandContext.JsonOption();
        var command = new Command("checkpoint", "Sign a checkpoint of the log now and print its note") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            using var key = SigningKey(parse, keyOption, store);
            var checkpoint = await store.SignCheckpointAsync(key, CommandContext.Actor, cancellationToken);
            context.Out.Write(parse.GetValue(json)
                ? JsonSerializer.Serialize(new { tree_size = checkpoint.TreeSize, root = Convert.ToBase64String(checkpoint.Root), time = checkpoint.Time, key_id = checkpoint.KeyId, note = checkpoint.Note() }) + "\n"
                : checkpoint.Note());
            return 0;
        });
        return command;
    }

    private static Command Verify(CommandContext context, Option<string?> keyOption)
    {
        var older = new Option<string?>("--checkpoint") { Description = "A checkpoint note kept elsewhere: the log must still hold it and extend it" };
        var publicKey = new Option<string?>("--key") { Description = "Verify with this public key (PEM) instead of the signing key" };
        var json = CommandContext.JsonOption();
        var command = new Command("verify", "Recompute every hash, the chain and the Merkle root, and check the checkpoints' signatures; exit 4 naming the first entry edited, deleted or reordered") { older, publicKey, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var keyPath = parse.GetValue(publicKey) ?? AuditSigningKey.ResolvePath(parse.GetValue(keyOption), store.DefaultAuditKeyPath);
            if (!File.Exists(keyPath))
            {
                throw new FileNotFoundException($"no audit key at {keyPath}: give --key PUBLIC.pem or --audit-key");
            }
            using var key = AuditSigningKey.LoadPublic(keyPath);
            var old = parse.GetValue(older) is { } path ? Core.Audit.Checkpoint.Parse(await File.ReadAllTextAsync(path, cancellationToken)) : null;
            var result = await store.VerifyAuditAsync(key, old, cancellationToken);
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    ok = result.Ok,
                    entries = result.Entries,
                    root = Convert.ToBase64String(result.Root),
                    checkpoints = result.CheckpointsChecked,
                    problem = result.Problem is { } p ? new { kind = WorkflowNames.Name(p.Kind), sequence = p.Sequence, message = p.Message } : null,
                }));
            }
            else if (result.Problem is { } problem)
            {
                context.Error.WriteLine("vigil audit verify: TAMPERED: " + problem.Message);
            }
            else
            {
                context.Out.WriteLine($"verified: {result.Entries} entries, root {Convert.ToBase64String(result.Root)}, {result.CheckpointsChecked} checkpoint(s) signed by key {key.KeyId} match"
                    + (result.Latest is { } l ? $"; latest covers {l.TreeSize} entries, signed {l.Time}" : "; no checkpoint signed yet ('vigil audit checkpoint')"));
            }
            return result.Ok ? 0 : Tampered;
        });
        return command;
    }

    private static Command Export(CommandContext context)
    {
        var from = new Option<DateTimeOffset?>("--from") { Description = "First day (or time) to export", CustomParser = OptionValues.Time };
        var to = new Option<string?>("--to") { Description = "Last day (or time) to export, inclusive" };
        var subject = new Option<string?>("--subject") { Description = "Only the entries about this subject reference" };
        var format = new Option<string>("--format") { Description = "jsonl, csv or xlsx", DefaultValueFactory = _ => "jsonl", CustomParser = r => OptionValues.OneOf(["jsonl", "csv", "xlsx"])(r) ?? "jsonl" };
        var output = new Option<string?>("--output") { Description = "Write to this file (default: standard output; xlsx needs a file)" };
        var command = new Command("export", "Export audit entries with their hashes and payloads; CSV and XLSX cells that a spreadsheet would run as formulas are neutralised") { from, to, subject, format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var until = parse.GetValue(to) is { } t ? CorpusAsOf.ParseTime(t) ?? throw new FormatException($"--to: '{t}' is not a date such as 2027-03-01 (or 2027-03-01T12:00:00Z)") : (DateTimeOffset?)null;
            var kind = parse.GetValue(format) switch { "csv" => JobResultFormat.Csv, "xlsx" => JobResultFormat.Xlsx, _ => JobResultFormat.JsonLines };
            var path = parse.GetValue(output);
            if (kind == JobResultFormat.Xlsx && path is null)
            {
                throw new ArgumentException("--format xlsx: give --output FILE.xlsx");
            }
            var query = new AuditQuery(
                parse.GetValue(from) is { } f ? Clock(f) : null, until is { } u ? Clock(u) : null, parse.GetValue(subject), Limit: 0);
            long count;
            if (path is null)
            {
                await context.Out.FlushAsync(cancellationToken);
                await using var stdout = Console.OpenStandardOutput();
                count = await ExportTo(stdout);
            }
            else
            {
                await using var file = File.Create(path);
                count = await ExportTo(file);
            }
            await store.AppendAuditAsync(new AuditEvent(AuditEventKind.ExportMade, CommandContext.Actor, new Dictionary<string, object?>
            {
                ["export"] = "audit",
                ["format"] = parse.GetValue(format),
                ["from"] = query.From,
                ["to"] = query.To,
                ["subject"] = query.Subject,
                ["entries"] = count,
            }, query.Subject), cancellationToken);
            if (path is not null)
            {
                context.Error.WriteLine($"{count} audit entries written to {path}");
            }
            return 0;

            async Task<long> ExportTo(Stream stream)
            {
                if (ReferenceEquals(context.Out, Console.Out))
                {
                    return await AuditExport.WriteAsync(store.ReadAuditAsync(query, cancellationToken), stream, kind, cancellationToken);
                }
                // In-process callers (tests) read the command's own writer.
                using var buffer = new MemoryStream();
                var n = await AuditExport.WriteAsync(store.ReadAuditAsync(query, cancellationToken), path is null ? buffer : stream, kind, cancellationToken);
                if (path is null)
                {
                    context.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                }
                return n;
            }
        });
        return command;
    }

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static Command Prove(CommandContext context, Option<string?> keyOption)
    {
        var subject = new Option<string>("--subject") { Description = "The subject's reference", Required = true, CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var at = new Option<string>("--at") { Description = "The date (end of that day, UTC) or time the evidence runs up to", Required = true };
        var output = new Option<string>("--output") { Description = "The bundle file to write (JSON)", Required = true };
        var command = new Command("prove", "Write a subject's evidence bundle up to a date: its versions, screenings with list versions, alerts and decisions, with proofs to a signed checkpoint") { subject, at, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var when = CorpusAsOf.ParseTime(parse.GetValue(at)) ?? throw new FormatException($"--at: '{parse.GetValue(at)}' is not a date such as 2027-03-01 (or 2027-03-01T12:00:00Z)");
            using var key = SigningKey(parse, keyOption, store);
            var reference = parse.GetValue(subject)!;
            var bundle = await store.BuildEvidenceAsync(reference, when, key, CommandContext.Actor, cancellationToken) ?? throw new KeyNotFoundException($"no subject {reference}");
            await File.WriteAllTextAsync(parse.GetValue(output)!, JsonSerializer.Serialize(bundle, EvidenceBundle.Json) + "\n", cancellationToken);
            context.Out.WriteLine($"evidence of {reference} up to {bundle.At}: {bundle.Entries.Count} audit entries, {bundle.Screenings.Count} screenings, proven to the checkpoint of {Core.Audit.Checkpoint.Parse(bundle.Checkpoint).TreeSize} entries; written to {parse.GetValue(output)} (check it with 'vigil audit check-proof {parse.GetValue(output)} --key PUBLIC.pem')");
            return 0;
        });
        return command;
    }

    private static Command CheckProof(CommandContext context)
    {
        var bundlePath = new Argument<string>("bundle") { Description = "The evidence bundle (JSON) written by 'vigil audit prove'" };
        var publicKey = new Option<string>("--key") { Description = "The log's public key (PEM, from 'vigil audit key')", Required = true };
        var command = new Command("check-proof", "Verify an evidence bundle offline with the log's public key: no store needed") { bundlePath, publicKey };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var key = AuditSigningKey.LoadPublic(parse.GetValue(publicKey)!);
            EvidenceBundle? bundle;
            try
            {
                bundle = JsonSerializer.Deserialize<EvidenceBundle>(await File.ReadAllTextAsync(parse.GetValue(bundlePath)!, cancellationToken), EvidenceBundle.Json);
            }
            catch (JsonException e)
            {
                throw new FormatException($"{parse.GetValue(bundlePath)} is not an evidence bundle: {e.Message}");
            }
            if (bundle is null)
            {
                throw new FormatException($"{parse.GetValue(bundlePath)} is not an evidence bundle");
            }
            if (EvidenceCheck.Verify(bundle, key) is { } failure)
            {
                context.Error.WriteLine("vigil audit check-proof: NOT VERIFIED: " + failure);
                return Tampered;
            }
            var checkpoint = Core.Audit.Checkpoint.Parse(bundle.Checkpoint);
            context.Out.WriteLine($"verified: {bundle.Entries.Count} audit entries and {bundle.Screenings.Count} screenings of {bundle.Subject} up to {bundle.At} are in the log of {checkpoint.TreeSize} entries signed {checkpoint.Time} by key {key.KeyId}");
            return 0;
        });
        return command;
    }

    private static Command Key(CommandContext context, Option<string?> keyOption)
    {
        var output = new Option<string?>("--output") { Description = "Write the public key to this file (default: standard output)" };
        var command = new Command("key", "Print the public key (PEM) that verifies checkpoints and bundles, creating the key pair on first use") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            using var key = SigningKey(parse, keyOption, store);
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, key.PublicPem(), cancellationToken);
                context.Error.WriteLine($"public key {key.KeyId} written to {path}");
            }
            else
            {
                context.Out.Write(key.PublicPem());
            }
            return 0;
        });
        return command;
    }
}
