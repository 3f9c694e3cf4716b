namespace Vigil.Core.Workflow;

/// <summary>
/// The latest decision in force on a pair, with what it saw when it was made (the records and their fingerprints,
/// the subject's input hash, the score band), whether it has expired, and whether a record it saw has left its list
/// and come back since.
/// </summary>
public sealed record DecisionFacts(long Id, DecisionOutcome Outcome, PairFacts Seen, bool Expired, bool Relisted);
