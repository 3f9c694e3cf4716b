using System.CommandLine;
using Vigil.Core.Sources;

namespace Vigil.Cli;

/// <summary><c>vigil formats [--json]</c>: the list formats Vigil reads.</summary>
internal static class FormatsCommand
{
    public static Command Create(CommandContext context)
    {
        var json = CommandContext.JsonOption();
        var command = new Command("formats", "List the list formats Vigil can import") { json };
        command.SetAction(parse =>
        {
            if (parse.GetValue(json))
            {
                Json.Write(context.Out, ListFormats.All.Select(p => new { format = p.Format, description = p.Description }));
                return 0;
            }
            foreach (var p in ListFormats.All)
            {
                context.Out.WriteLine($"{p.Format,-22} {p.Description}");
            }
            return 0;
        });
        return command;
    }
}
