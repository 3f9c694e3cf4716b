namespace Vigil.Core.Workflow;

/// <summary>One event in an alert's history: what happened, who did it, when, and its detail (a comment's text, a decision's id, the reasons a re-screening found).</summary>
public sealed record AlertEvent(long Id, AlertEventKind Kind, string Actor, string At, string? Detail);
