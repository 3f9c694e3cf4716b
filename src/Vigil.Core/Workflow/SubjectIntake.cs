using Vigil.Core.Screening;
using Vigil.Core.Storage;

namespace Vigil.Core.Workflow;

/// <summary>
/// Upserts subjects by reference and screens each one created or changed at once, against one corpus, recording
/// every screening in a run per kind and profile (onboarding for new subjects, subject_update for changed ones).
/// Each batch is written in one transaction, versions and screenings together. <see cref="CompleteAsync"/> marks the
/// runs finished.
/// </summary>
public sealed class SubjectIntake(VigilStore store, ScreeningCorpus corpus, string actor, string? defaultProfile = null)
{
    /// <summary>
    /// The profile of a subject that names none: subjects are customers and counterparties, screened to know them,
    /// where a missed listed person costs more than an analyst's look at a near one.
    /// </summary>
    public const string DefaultProfile = "kyc";

    private const int ConflictRetries = 3;

    private readonly EntityFingerprints _fingerprints = new(store, corpus);

    private readonly Dictionary<(ScreeningKind, string), long> _runs = [];

    /// <summary>The runs this intake recorded screenings in.</summary>
    public IReadOnlyCollection<long> Runs => _runs.Values;

    /// <summary>
    /// Writes a batch: every input is checked and compared with the subject's current version; an input that cannot
    /// be read comes back with its reason and is not written, the others are written together or not at all.
    /// Throws <see cref="InvalidOperationException"/> when no list is loaded (a screening against nothing is no evidence).
    /// </summary>
    public async Task<IReadOnlyList<IntakeOutcome>> WriteAsync(IReadOnlyList<SubjectInput> batch, CancellationToken cancellationToken = default)
    {
        if (!corpus.HasLists)
        {
            throw new InvalidOperationException("no list is imported, so subjects cannot be screened: import a list first (vigil import FILE)");
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryWriteAsync(batch, cancellationToken);
            }
            catch (SubjectConflictException) when (attempt < ConflictRetries)
            {
                // Another writer changed one of these subjects meanwhile: compare again with what it wrote.
            }
        }
    }

    /// <summary>Marks every run of this intake finished.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        foreach (var run in _runs.Values)
        {
            await store.FinishRunAsync(run, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<IntakeOutcome>> TryWriteAsync(IReadOnlyList<SubjectInput> batch, CancellationToken cancellationToken)
    {
        var heads = await store.SubjectHeadsAsync(batch.Select(i => i.Reference.Trim()).Where(r => r.Length > 0).ToList(), cancellationToken);
        var outcomes = new IntakeOutcome[batch.Count];
        var pending = new List<Pending>();
        for (var i = 0; i < batch.Count; i++)
        {
            var input = batch[i];
            var reference = input.Reference.Trim();
            var fields = SubjectFields.TryCreate(input, out var error);
            var profile = ScreeningConfiguration.ProfileName(input.Profile ?? defaultProfile ?? DefaultProfile, out var profileError);
            if (fields is null || profile is null)
            {
                outcomes[i] = new IntakeOutcome(reference, SubjectChange.Unchanged, 0, null, fields, error ?? profileError);
                continue;
            }
            var hash = SubjectInputHash.Compute(fields);
            var portfolio = string.IsNullOrWhiteSpace(input.Portfolio) ? null : input.Portfolio.Trim();
            heads.TryGetValue(reference, out var head);
            ScreeningKind? screen;
            SubjectChange change;
            if (head is null || head.Deleted)
            {
                (change, screen) = (SubjectChange.Created, ScreeningKind.Onboarding);
            }
            else if (head.InputHash != hash || head.Profile != profile)
            {
                // A new profile means a new threshold, so the subject is screened again as for an edit.
                (change, screen) = (SubjectChange.Changed, ScreeningKind.SubjectUpdate);
            }
            else if (head.Portfolio != portfolio || head.Monitored != input.Monitored)
            {
                (change, screen) = (SubjectChange.Changed, null);
            }
            else
            {
                outcomes[i] = new IntakeOutcome(reference, SubjectChange.Unchanged, head.Version, null, fields, null);
                continue;
            }
            var expected = head?.Version ?? 0;
            // A reference twice in one batch: the second compares with the version the first writes.
            heads[reference] = new SubjectHead(head?.Id ?? 0, reference, expected + 1, hash, profile, portfolio, input.Monitored, Deleted: false);
            pending.Add(new Pending(i, new SubjectWrite(reference, expected, change, fields, hash, profile, portfolio, input.Monitored, null, null), screen));
        }

        var screenings = new SubjectScreening?[pending.Count];
        Parallel.For(0, pending.Count, new ParallelOptions { CancellationToken = cancellationToken }, p =>
        {
            if (pending[p].Kind is not null)
            {
                screenings[p] = SubjectScreener.Screen(corpus, pending[p].Write.Fields, ScreeningConfiguration.For(pending[p].Write.Profile));
            }
        });
        var writes = new List<SubjectWrite>(pending.Count);
        for (var p = 0; p < pending.Count; p++)
        {
            var (_, write, kind) = pending[p];
            var run = kind is { } k ? await RunAsync(k, write.Profile, cancellationToken) : (long?)null;
            var screening = screenings[p] is { } found ? await _fingerprints.FingerprintAsync(found, cancellationToken) : null;
            writes.Add(write with { RunId = run, Screening = screening });
        }
        var recorded = await store.WriteSubjectsAsync(writes, actor, cancellationToken);
        for (var p = 0; p < pending.Count; p++)
        {
            var write = writes[p];
            var screening = write.Screening is { } s && recorded[p] is { } r ? s with { Outcome = r.Outcome } : write.Screening;
            outcomes[pending[p].Index] = new IntakeOutcome(write.Reference, write.Change, write.ExpectedVersion + 1, screening, write.Fields, null)
            {
                RaisedAlerts = recorded[p]?.RaisedAlerts ?? [],
            };
        }
        return outcomes;
    }

    private async Task<long> RunAsync(ScreeningKind kind, string profile, CancellationToken cancellationToken)
    {
        if (!_runs.TryGetValue((kind, profile), out var run))
        {
            _runs[(kind, profile)] = run = await store.StartRunAsync(kind, actor, ScreeningConfiguration.For(profile), corpus, cancellationToken);
        }
        return run;
    }

    private sealed record Pending(int Index, SubjectWrite Write, ScreeningKind? Kind);
}
