using System.Text.Json.Serialization;

namespace Vigil.Core.Jobs;

/// <summary>Where a batch job stands; stored in snake case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    /// <summary>Submitted; no chunk claimed yet.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    /// <summary>At least one chunk claimed; not every chunk done.</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Every row screened; the result file's SHA-256 is recorded.</summary>
    [JsonStringEnumMemberName("done")]
    Done,

    /// <summary>Stopped on request; the chunks done keep their results, the rest were not screened.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
