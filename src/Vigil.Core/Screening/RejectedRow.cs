namespace Vigil.Core.Screening;

/// <summary>A row of a batch file that was not screened: its line number in the file, its query id if any, and why.</summary>
public sealed record RejectedRow(int Line, string? QueryId, string Reason);
