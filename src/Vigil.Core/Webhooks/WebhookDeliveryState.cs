using System.Text.Json.Serialization;

namespace Vigil.Core.Webhooks;

/// <summary>Where one message stands for one webhook; stored in snake case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryState>))]
public enum WebhookDeliveryState
{
    /// <summary>Not yet accepted by the receiver; the next attempt is due at the time the delivery names.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    [JsonStringEnumMemberName("delivered")]
    Delivered,

    /// <summary>Every attempt of the schedule failed, or the webhook was removed before one succeeded.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
