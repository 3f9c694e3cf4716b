namespace Vigil.Core.Sources;

/// <summary>A list file that cannot be read as its format: says which file, where, and what was wrong.</summary>
public sealed class ListFormatException : Exception
{
    public ListFormatException(string file, string location, string problem, Exception? inner = null)
        : base($"{file}: {location}: {Shorten(problem)}", inner)
    {
        File = file;
        Location = location;
        Problem = Shorten(problem);
    }

    /// <summary>The most characters of a problem kept: a message quoting a hostile file (a header of a million columns) stays one readable line.</summary>
    public const int MaxProblemChars = 500;

    public ListFormatException()
    {
        File = Location = Problem = "";
    }

    public ListFormatException(string message) : base(message)
    {
        File = Location = "";
        Problem = message;
    }

    public ListFormatException(string message, Exception inner) : base(message, inner)
    {
        File = Location = "";
        Problem = message;
    }

    public string File { get; }

    /// <summary>"line 12", "element INDIVIDUAL (line 300, column 5)", "sheet Data, row 7"...</summary>
    public string Location { get; }

    public string Problem { get; }

    private static string Shorten(string problem) =>
        problem.Length <= MaxProblemChars ? problem : problem[..MaxProblemChars] + $"… ({problem.Length:N0} characters in all)";
}
