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
        var command = new Command("eval", "Run the public name-matching benchmarks and write docs/quality.md") { data, output };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(data)!;
            if (!Directory.Exists(Path.Combine(folder, "names")))
            {
                throw new DirectoryNotFoundException($"{folder}: no names/ folder of benchmark files here");
            }
            var work = Path.Combine(Path.GetTempPath(), "vigil-eval");
            var markdown = Evaluation.Run(folder, work, new MatchOptions(), context.Error);
            var target = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            File.WriteAllText(target, markdown);
            context.Out.WriteLine($"wrote {target}");
            return 0;
        });
        return command;
    }
}
