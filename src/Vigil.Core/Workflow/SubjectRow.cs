namespace Vigil.Core.Workflow;

/// <summary>
/// One data row of a customer file: its line (row) number, the subject it holds, or why it holds none. <see cref="Content"/>
/// is the row as written, for the rejects file.
/// </summary>
public sealed record SubjectRow(long Line, SubjectInput? Input, string? Error, string Content);
