using Vigil.Core.Workflow;

namespace Vigil.Core.Jobs;

/// <summary>One hit of a batch row: the canonical entity, its caption, the list records it stood for, score, band and explanation hash.</summary>
public sealed record JobHit(string EntityId, string Caption, IReadOnlyList<string> RecordIds, double Score, ScoreBand Band, string ExplanationHash);
