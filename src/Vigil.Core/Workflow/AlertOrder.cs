namespace Vigil.Core.Workflow;

/// <summary>The order alerts are listed in.</summary>
public enum AlertOrder
{
    /// <summary>Newest first (by id), as the API and the command line list them.</summary>
    Newest,

    /// <summary>
    /// The analysts' queue: the highest score band first (a near-certain match before a faint one), and within a band
    /// the oldest first, so that nothing waits longest for being unremarkable.
    /// </summary>
    Priority,
}
