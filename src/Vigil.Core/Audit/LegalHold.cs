namespace Vigil.Core.Audit;

/// <summary>A legal hold on a subject: retention keeps every payload about it until the hold is released.</summary>
public sealed record LegalHold(string Subject, string Reason, string PlacedBy, string PlacedAt);
