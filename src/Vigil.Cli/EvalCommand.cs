using System.CommandLine;
using Vigil.Core.Screening;
using Vigil.Matching.Screening;

namespace Vigil.Cli;

/// <summary><c>vigil eval --data ../shared/data [--output docs/quality.md]</c>: the public benchmarks, written as Markdown.</summary>
internal static class EvalCommand
{
    public static Command Create(CommandContext context)
    {
        var data = new Option<string>("--data") { Description = "The shared data folder (lists and names/)", DefaultValueFactory = _ => "../shared/data" };
        var output = new Option<string>("--output") { Description = "Where the Markdown table goes", DefaultValueFactory = _ => "docs/quality.md" };
        var negatives = new Option<string>("--hard-negatives") { Description = "The hard-negative development set (made by the bench's hardneg mode)", DefaultValueFactory = _ => Path.Combine("bench", "hard-negatives.csv") };
        var command = new Command("eval", "Run the public name-matching benchmarks and write docs/quality.md") { data, output, negatives };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(data)!;
            if (!Directory.Exists(Path.Combine(folder, "names")))
            {
                throw new DirectoryNotFoundException($"{folder}: no names/ folder of benchmark files here");
            }
            var work = Path.Combine(Path.GetTempPath(), "vigil-eval");
            var hardNegatives = parse.GetValue(negatives)!;
            if (!File.Exists(hardNegatives))
            {
                throw new FileNotFoundException($"{hardNegatives}: no hard-negative set here (run from the repository root, or give --hard-negatives)", hardNegatives);
            }
            var markdown = Evaluation.Run(folder, work, new MatchOptions(), context.Error, hardNegatives);
            var target = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            File.WriteAllText(target, markdown);
            context.Out.WriteLine($"wrote {target}");
            return 0;
        });
        return command;
    }
}
