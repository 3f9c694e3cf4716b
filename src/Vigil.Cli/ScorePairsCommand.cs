using System.CommandLine;
using Vigil.Core.Screening;
using Vigil.Matching;

namespace Vigil.Cli;

/// <summary><c>vigil score-pairs FILE.csv [--output FILE.csv]</c>: the matcher alone on pairs of names, no store needed.</summary>
internal static class ScorePairsCommand
{
    public static Command Create(CommandContext context)
    {
        var input = new Argument<string>("file") { Description = "CSV with a header holding name1,name2 and optionally schema" };
        var output = new Option<string?>("--output") { Description = "Write the scored CSV here instead of standard output" };
        var threshold = new Option<double?>("--threshold") { Description = "Score from 0 to 1 at or above which match is true", CustomParser = OptionValues.Score };
        var explain = new Option<bool>("--explain") { Description = "Add an explanation column: the JSON of each comparison (token pairings, methods, weights)" };
        var command = new Command("score-pairs", "Score pairs of names with the matcher and write every row back with score and match") { input, output, threshold, explain };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: no such file", path);
            }
            if (parse.GetValue(output) is { } target)
            {
                // Written beside the target and moved into place, so a failure leaves no half-written file.
                var partial = target + ".part";
                using (var writer = new StreamWriter(partial))
                {
                    PairScoring.Run(path, writer, parse.GetValue(threshold) ?? MatchDefaults.Threshold, parse.GetValue(explain));
                }
                File.Move(partial, target, overwrite: true);
            }
            else
            {
                PairScoring.Run(path, context.Out, parse.GetValue(threshold) ?? MatchDefaults.Threshold, parse.GetValue(explain));
            }
            return 0;
        });
        return command;
    }
}
