namespace Vigil.Core.Workflow;

/// <summary>Why a screening run happened; stored in snake case (<c>subject_update</c>).</summary>
public enum ScreeningKind
{
    /// <summary>An API request asked for it to be recorded.</summary>
    Api,

    /// <summary>Subjects added (a file import, a PUT or POST of new subjects).</summary>
    Onboarding,

    /// <summary>Subjects whose screened fields or profile changed.</summary>
    SubjectUpdate,

    /// <summary>Subjects a list snapshot's changes can affect.</summary>
    ListDelta,

    /// <summary>Pairs touched by a cross-list link accepted or rejected.</summary>
    CrossLink,

    /// <summary>A batch file screened as a job.</summary>
    Batch,

    /// <summary>Every monitored subject, on a schedule or after a configuration change.</summary>
    FullRescreen,
}
