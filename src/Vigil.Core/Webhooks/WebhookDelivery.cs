namespace Vigil.Core.Webhooks;

/// <summary>One message to one webhook, with every attempt so far: a line of the webhook's delivery log.</summary>
public sealed record WebhookDelivery(
    long Id,
    string MessageId,
    WebhookEventType Type,
    WebhookDeliveryState State,
    string CreatedAt,
    string? NextAttemptAt,
    string? DeliveredAt,
    IReadOnlyList<WebhookAttempt> Attempts);
