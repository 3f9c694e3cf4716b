using System.Text.Json.Serialization;

namespace Vigil.Core.Workflow;

/// <summary>Why a screening run happened; stored in snake case (<c>subject_update</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScreeningKind>))]
public enum ScreeningKind
{
    /// <summary>An API request asked for it to be recorded.</summary>
    [JsonStringEnumMemberName("api")]
    Api,

    /// <summary>Subjects added (a file import, a PUT or POST of new subjects).</summary>
    [JsonStringEnumMemberName("onboarding")]
    Onboarding,

    /// <summary>Subjects whose screened fields or profile changed.</summary>
    [JsonStringEnumMemberName("subject_update")]
    SubjectUpdate,

    /// <summary>Subjects a list snapshot's changes can affect.</summary>
    [JsonStringEnumMemberName("list_delta")]
    ListDelta,

    /// <summary>Pairs touched by a cross-list link accepted or rejected.</summary>
    [JsonStringEnumMemberName("cross_link")]
    CrossLink,

    /// <summary>A batch file screened as a job.</summary>
    [JsonStringEnumMemberName("batch")]
    Batch,

    /// <summary>Every monitored subject, on a schedule or after a configuration change.</summary>
    [JsonStringEnumMemberName("full_rescreen")]
    FullRescreen,

    /// <summary>A one-off screening from the command line asked to be recorded (<c>vigil screen --record</c>).</summary>
    [JsonStringEnumMemberName("cli")]
    Cli,
}
