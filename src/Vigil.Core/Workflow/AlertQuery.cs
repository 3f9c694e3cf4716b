namespace Vigil.Core.Workflow;

/// <summary>
/// Which alerts to list: by status (null: all; <see cref="OpenOnly"/>: every status but closed), kind and subject,
/// newest first, <see cref="Limit"/> per page, continuing below the id <see cref="Before"/>.
/// </summary>
public sealed record AlertQuery(AlertStatus? Status = null, bool OpenOnly = false, AlertKind? Kind = null, string? Subject = null, int Limit = 50, long? Before = null)
{
    public const int MaxLimit = 500;
}
