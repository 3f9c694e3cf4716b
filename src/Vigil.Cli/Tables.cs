using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// Tables of text output: drawn to the terminal's width for a person, or written as whole tab-separated rows under a
/// header line when standard output is a file or a pipe, so no id or timestamp is ever broken across lines.
/// </summary>
internal static class Tables
{
    public static void Write(CommandContext context, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (!context.Terminal)
        {
            context.Out.WriteLine(string.Join('\t', columns));
            foreach (var row in rows)
            {
                // A tab or line break inside a value would shift or split the row.
                context.Out.WriteLine(string.Join('\t', row.Select(v => v.Replace('\t', ' ').ReplaceLineEndings(" "))));
            }
            return;
        }
        var table = new Table().AddColumns([.. columns]);
        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(v => v == "ALERT" ? "[red]ALERT[/]" : Markup.Escape(v))]);
        }
        AnsiConsole.Console.Write(table);
    }
}
