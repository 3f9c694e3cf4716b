namespace Vigil.Core.Audit;

/// <summary>What <c>vigil audit verify</c> found wrong first.</summary>
public enum AuditProblemKind
{
    /// <summary>An entry's content no longer hashes to its leaf hash, or its leaf hash no longer continues the chain.</summary>
    Edited,

    /// <summary>A sequence number is missing, or the log ends before a signed checkpoint's size.</summary>
    Deleted,

    /// <summary>An entry sits at another sequence number than the one it was written with.</summary>
    Reordered,

    /// <summary>A payload no longer hashes to the entry's payload hash.</summary>
    PayloadEdited,

    /// <summary>A payload is gone and no retention purge lists it.</summary>
    PayloadDeleted,

    /// <summary>The chain is intact but the Merkle root differs from a signed checkpoint: the log was rewritten with recomputed hashes.</summary>
    Rewritten,

    /// <summary>A checkpoint's signature does not verify with the key.</summary>
    BadSignature,

    /// <summary>A checkpoint is not consistent with the log or with a later checkpoint.</summary>
    Inconsistent,
}
