namespace Vigil.Core.Workflow;

/// <summary>
/// Which alerts to list: by status (null: all; <see cref="OpenOnly"/>: every status but closed), kind and subject,
/// newest first, <see cref="Limit"/> per page, continuing below the id <see cref="Before"/>; or, for the analysts'
/// queue, in <see cref="AlertOrder.Priority"/> order continuing <see cref="After"/> an alert.
/// </summary>
public sealed record AlertQuery(AlertStatus? Status = null, bool OpenOnly = false, AlertKind? Kind = null, string? Subject = null, int Limit = 50, long? Before = null)
{
    public const int MaxLimit = 500;

    /// <summary>Only alerts of subjects whose current version is in this portfolio.</summary>
    public string? Portfolio { get; init; }

    /// <summary>Only alerts assigned to this analyst (a user or key name).</summary>
    public string? AssignedTo { get; init; }

    public AlertOrder Order { get; init; } = AlertOrder.Newest;

    /// <summary>In <see cref="AlertOrder.Priority"/> order, the page continues after this alert (keyset paging).</summary>
    public AlertCursor? After { get; init; }
}
