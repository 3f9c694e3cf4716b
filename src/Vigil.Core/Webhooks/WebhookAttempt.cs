namespace Vigil.Core.Webhooks;

/// <summary>One try at delivering a message: when, what the receiver answered (or why there was no answer), how long it took.</summary>
public sealed record WebhookAttempt(int Number, string At, int? Status, string? Error, long DurationMs);
