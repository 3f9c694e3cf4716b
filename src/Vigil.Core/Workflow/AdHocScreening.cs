namespace Vigil.Core.Workflow;

/// <summary>An ad-hoc query's screening to record: the query's hash (<see cref="SubjectInputHash"/> of its normalised fields) and what it came to.</summary>
public sealed record AdHocScreening(string InputHash, SubjectScreening Screening);
