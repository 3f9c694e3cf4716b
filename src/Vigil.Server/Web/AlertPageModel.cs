using Vigil.Core.Access;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;

namespace Vigil.Server.Web;

/// <summary>
/// One alert arranged for deciding it: the subject's version as screened beside the listed entity, the explanation of
/// the score against the lists in use now, the provenance of every listed value, what changed since the decision the
/// alert questions, its history, and the decisions made on it.
/// </summary>
public sealed class AlertPageModel
{
    private AlertPageModel(Alert alert) => Alert = alert;

    public Alert Alert { get; }

    /// <summary>The subject with its versions and screenings; null only when the store no longer holds it.</summary>
    public Subject? Subject { get; private init; }

    /// <summary>The screening the alert's latest state comes from, with its run's snapshot set.</summary>
    public ScreeningRecord? Screening { get; private init; }

    /// <summary>The subject's fields as that screening read them.</summary>
    public SubjectVersion? Screened { get; private init; }

    /// <summary>The subject screened again now against the alert's entity, for the explanation; null when the entity no longer scores.</summary>
    public ScreeningHit? Hit { get; private init; }

    public double Threshold { get; private init; }

    /// <summary>The listed entity as the lists state it now, with every value's source; null when no record of it is listed.</summary>
    public EntityPageModel? Entity { get; private init; }

    /// <summary>The decision a re-review questions, in force until this alert is decided.</summary>
    public Decision? Questioned { get; private init; }

    /// <summary>The decisions made on this alert, oldest first.</summary>
    public IReadOnlyList<Decision> Decisions { get; private init; } = [];

    /// <summary>A decision proposed on this alert and waiting for a second person.</summary>
    public Decision? Proposed => Decisions.LastOrDefault(d => d.State == DecisionState.Proposed);

    /// <summary>Who is looking: the name the forms' writes are recorded under.</summary>
    public string Me { get; private init; } = Credential.Local.Name;

    /// <summary>Whether the caller's role may approve or reject a proposed decision (never their own).</summary>
    public bool MayApprove { get; private init; }

    /// <summary>Whether the caller may comment on, assign and decide alerts (the forms are shown only then).</summary>
    public bool MayWork { get; private init; }

    public static async Task<AlertPageModel?> LoadAsync(long id, VigilStore store, ScreeningIndexHost host, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.GetAlertAsync(id, cancellationToken) is not { } alert)
        {
            return null;
        }
        var subject = await store.GetSubjectAsync(alert.Subject, cancellationToken);
        var screening = subject?.Screenings.FirstOrDefault(s => s.Id == alert.ScreeningId);
        var version = subject?.Versions.FirstOrDefault(v => v.Version == screening?.SubjectVersion) ?? subject?.Versions[^1];
        var options = ScreeningConfiguration.For(version?.Profile).Options;
        ScreeningHit? hit = null;
        if (version is not null && host.Current?.Corpus is { HasLists: true } corpus)
        {
            var f = version.Fields;
            hit = SubjectScreener.Hits(corpus, f.Kind, f.Names, f.BirthDates, f.Countries, f.Identifiers, options)
                .FirstOrDefault(h => h.Entity.Referents.Intersect(alert.Records, StringComparer.Ordinal).Any());
        }
        var entity = alert.Records.Prepend(alert.EntityId).Select(r => store.GetEntity(r)).FirstOrDefault(e => e is not null);
        return new AlertPageModel(alert)
        {
            Subject = subject,
            Screening = screening,
            Screened = version,
            Hit = hit,
            Threshold = screening?.Run.Threshold ?? options.Threshold,
            Entity = entity is null ? null : new EntityPageModel(entity, null),
            Questioned = alert.DecisionId is { } questioned ? await store.GetDecisionAsync(questioned, cancellationToken) : null,
            Decisions = await store.AlertDecisionsAsync(id, cancellationToken),
            Me = Caller.Name(context),
            MayApprove = Caller.May(context, Permission.ApproveDecisions),
            MayWork = Caller.May(context, Permission.WorkAlerts),
        };
    }
}
