namespace Vigil.Core.Webhooks;

/// <summary>Where one message stands for one webhook; stored in snake case.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Not yet accepted by the receiver; the next attempt is due at the time the delivery names.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt of the schedule failed, or the webhook was removed before one succeeded.</summary>
    Failed,
}
