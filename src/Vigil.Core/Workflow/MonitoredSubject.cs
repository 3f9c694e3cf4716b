namespace Vigil.Core.Workflow;

/// <summary>A monitored subject at its current version, as a monitoring run screens it.</summary>
public sealed record MonitoredSubject(long Id, string Reference, int Version, string InputHash, SubjectFields Fields, string Profile);
