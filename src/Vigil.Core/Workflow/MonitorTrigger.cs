using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>What queued monitoring work: a list snapshot, a cross-list link decision, a configuration change, a request for a full re-screen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MonitorTrigger>))]
public enum MonitorTrigger
{
    /// <summary>A list snapshot was imported: the subjects its changes can affect are re-screened.</summary>
    [JsonStringEnumMemberName("list_delta")]
    ListDelta,

    /// <summary>Two records were linked or unlinked: the pairs touching them are re-evaluated.</summary>
    [JsonStringEnumMemberName("cross_link")]
    CrossLink,

    /// <summary>Every monitored subject, after a configuration change or on request.</summary>
    [JsonStringEnumMemberName("full_rescreen")]
    FullRescreen,
}
