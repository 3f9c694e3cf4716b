namespace Vigil.Core.Jobs;

/// <summary>Where a chunk of a job stands; stored in snake case.</summary>
internal enum ChunkState
{
    /// <summary>Not claimed yet.</summary>
    Pending,

    /// <summary>Held by a worker until its lease ends; a lease that ends without renewal frees the chunk for another.</summary>
    Claimed,

    /// <summary>Its results committed.</summary>
    Done,

    /// <summary>Its job was cancelled before it was done.</summary>
    Cancelled,
}
