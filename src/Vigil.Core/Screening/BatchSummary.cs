namespace Vigil.Core.Screening;

/// <summary>What a batch run did: rows screened, and the rows refused with why.</summary>
public sealed record BatchSummary(int Screened, IReadOnlyList<RejectedRow> Rejected);
