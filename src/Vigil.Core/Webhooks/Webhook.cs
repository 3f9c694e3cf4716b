namespace Vigil.Core.Webhooks;

/// <summary>A receiver of webhook messages, as the store keeps it (its secret is shown only when it is made).</summary>
public sealed record Webhook(
    long Id,
    string Url,
    IReadOnlyList<WebhookEventType> Events,
    string? Description,
    string CreatedAt,
    string CreatedBy,
    string? RemovedAt,
    string? RemovedBy,
    long Pending,
    long Delivered,
    long Failed);
