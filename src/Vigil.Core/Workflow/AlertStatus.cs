using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>Where an alert stands; at most one alert per pair is not <see cref="Closed"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
public enum AlertStatus
{
    [JsonStringEnumMemberName("open")]
    Open,

    /// <summary>Assigned to an analyst.</summary>
    [JsonStringEnumMemberName("in_review")]
    InReview,

    /// <summary>A decision is proposed and waits for a second person's approval.</summary>
    [JsonStringEnumMemberName("pending_approval")]
    PendingApproval,

    [JsonStringEnumMemberName("closed")]
    Closed,
}
