namespace Vigil.Core.Audit;

/// <summary>
/// What <c>vigil audit verify</c> found: the entries checked, the root it recomputed, the checkpoints it compared, and the
/// first problem, if any.
/// </summary>
public sealed record AuditVerification(long Entries, byte[] Root, int CheckpointsChecked, Checkpoint? Latest, AuditProblem? Problem)
{
    public bool Ok => Problem is null;
}
