namespace Vigil.Core.Webhooks;

/// <summary>A delivery this process has claimed: where to send which message, and how many attempts came before.</summary>
internal sealed record WebhookDue(long Delivery, string Url, string Secret, string MessageId, string Body, int Attempts);
