namespace Vigil.Core.Jobs;

/// <summary>A chunk a worker holds: rows [<see cref="FirstRow"/>, <see cref="FirstRow"/> + <see cref="RowCount"/>) of a job, until its lease ends.</summary>
internal sealed record ChunkClaim(long ChunkId, long JobId, int Seq, long FirstRow, int RowCount, int Attempts);
