using System.CommandLine;
using System.Text.Json;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;

namespace Vigil.Cli;

/// <summary><c>vigil decide ALERT_ID</c>: an analyst's decision on an alert, which closes it or, under four eyes, waits for approval.</summary>
internal static class DecideCommand
{
    /// <summary>The exit code when someone else decided the alert first.</summary>
    public const int Conflict = 6;

    public static Command Create(CommandContext context)
    {
        var alert = new Argument<long>("alert") { Description = "The alert's id (vigil alerts)", CustomParser = r => OptionValues.Id(r) ?? 0 };
        var outcome = new Option<DecisionOutcome>("--outcome") { Description = "false-positive, true-match or inconclusive", Required = true, CustomParser = r => OptionValues.Member<DecisionOutcome>(r) ?? default };
        var reason = new Option<DecisionReason>("--reason") { Description = "name-only, dob-differs, country-differs, identifier-differs, deceased or other", Required = true, CustomParser = r => OptionValues.Member<DecisionReason>(r) ?? default };
        var note = new Option<string>("--note") { Description = "The rationale, in words (required)", Required = true, CustomParser = r => OptionValues.NonBlank(r) ?? "" };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the decision lapses and the pair comes back for a periodic review (a date such as 2027-03-01)", CustomParser = OptionValues.Time };
        var fourEyes = FourEyesOption();
        var json = CommandContext.JsonOption();
        var command = new Command("decide", "Decide an alert: false positive, true match or inconclusive, with a reason code and a rationale")
        {
            alert, outcome, reason, note, expires, fourEyes, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var store = context.OpenStore(parse, StoreAccess.Existing);
            var request = new DecisionRequest(parse.GetValue(outcome), parse.GetValue(reason), parse.GetValue(note)!, parse.GetValue(expires));
            if (request.Problem(DateTimeOffset.UtcNow) is { } problem)
            {
                throw new ArgumentException(problem);
            }
            var id = parse.GetValue(alert);
            Decision decision;
            try
            {
                decision = await store.DecideAsync(id, request, CommandContext.Actor, parse.GetValue(fourEyes)!, cancellationToken) ?? throw new KeyNotFoundException($"no alert {id}");
            }
            catch (AlertConflictException e)
            {
                await context.Error.WriteLineAsync($"vigil decide: alert {id} is already {JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Current.Status.ToString())} (decision {e.Current.DecisionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}); see vigil alerts show {id}");
                return Conflict;
            }
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(decision, WorkflowJson.Options));
            }
            else if (decision.State == DecisionState.Proposed)
            {
                context.Out.WriteLine($"alert {id} waits for approval: decision {decision.Id} ({OptionValues.Spelling(decision.Outcome)}) is proposed; another person approves it with vigil decisions approve {decision.Id}");
            }
            else
            {
                context.Out.WriteLine($"alert {id} closed: decision {decision.Id}, {OptionValues.Spelling(decision.Outcome)} ({OptionValues.Spelling(decision.Reason)}) on {decision.Subject} ~ {string.Join(" ", decision.Records)}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>Which decisions wait for a second person (the server's <c>--four-eyes</c> takes the same values).</summary>
    public static Option<FourEyesPolicy> FourEyesOption() => new("--four-eyes")
    {
        Description = "Which decisions need another person's approval: default (confirming a true match; clearing a false positive scored 0.95 or more), off, or true-match and/or clear-above=SCORE",
        DefaultValueFactory = _ => FourEyesPolicy.Default,
        CustomParser = r =>
        {
            var policy = FourEyesPolicy.Parse(r.Tokens.Count > 0 ? r.Tokens[0].Value : "", out var problem);
            if (policy is null)
            {
                r.AddError("--four-eyes: " + problem);
            }
            return policy ?? FourEyesPolicy.Default;
        },
    };
}
