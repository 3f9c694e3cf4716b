namespace Vigil.Core.Workflow;

/// <summary>
/// What a screening found about one pair, as the alert rules compare it: the hit's list records, each with the
/// fingerprint of its material facts, the subject's input hash and the score band.
/// </summary>
public sealed record PairFacts(IReadOnlyDictionary<string, string> RecordFingerprints, string InputHash, ScoreBand Band);
