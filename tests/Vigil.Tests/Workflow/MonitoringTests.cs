using System.Xml.Linq;
using Vigil.Core.Merge;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Workflow;

/// <summary>
/// Alerts, decisions and monitoring against the real UN list, on SQLite and PostgreSQL alike: a cleared pair stays
/// quiet while nothing material changes, and alerts again, saying what changed, the moment something does.
/// </summary>
public abstract class MonitoringTests(StoreKind kind)
{
    private const string Khalimov = "un-sc:QDi.372";
    private const string Actor = "test:monitor";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(VigilStore Store, string Prefix)> CustomersScreened()
    {
        var store = VigilStore.Open(StoreFactory.NewSpec(kind));
        store.Import(TestData.Path("un/consolidated.xml"));
        var p = "m" + Guid.NewGuid().ToString("N")[..6] + "-";
        var path = StoreFactory.NewFilePath("customers", ".csv");
        await File.WriteAllLinesAsync(path,
        [
            "id,name,dob,country",
            $"{p}1,Anna Schmidt,1980-01-01,Germany",
            $"{p}2,Halimov Gulmurod,14.05.1975,",
            $"{p}3,Maria Garcia Lopez,1979,ES",
            $"{p}4,Gulmurod Khalimov,02.03.1991,DE",
            $"{p}5,Pierre Dubois,1965-07-30,FR",
        ], Cancel);
        var summary = await SubjectImport.RunAsync(store, ScreeningCorpus.Load(store), path, Actor, cancellationToken: Cancel);
        Assert.Equal(2, summary.Alerts);
        return (store, p);
    }

    private static async Task<MonitorReport> ImportAndMonitor(VigilStore store, string path)
    {
        store.Import(path);
        return await new SubjectMonitor(store, ScreeningCorpus.Load(store), Actor).RunAsync(cancellationToken: Cancel);
    }

    private static async Task<IReadOnlyList<Alert>> Open(VigilStore store) => await store.ListAlertsAsync(new AlertQuery(OpenOnly: true), Cancel);

    [Fact]
    public async Task Both_Khalimovs_alert_once_a_confirmed_and_a_cleared_one_stay_quiet_on_reworded_remarks_and_a_new_alias_re_alerts_the_cleared_one_showing_the_alias()
    {
        var (store, p) = await CustomersScreened();
        var alerts = await Open(store);
        Assert.Equal([($"{p}2", AlertKind.NewMatch), ($"{p}4", AlertKind.NewMatch)], alerts.Select(a => (a.Subject, a.Kind)).Order());
        Assert.All(alerts, a => Assert.Contains(Khalimov, a.Records));

        var confirmed = await store.DecideAsync(alerts.Single(a => a.Subject == $"{p}2").Id,
            new DecisionRequest(DecisionOutcome.TrueMatch, DecisionReason.Other, "Name, date and place of birth agree."), "analyst:ann", FourEyesPolicy.Off, Cancel);
        var cleared = await store.DecideAsync(alerts.Single(a => a.Subject == $"{p}4").Id,
            new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.DobDiffers, "Born 1991 in Germany; the listed man was born 1975."), "analyst:ann", FourEyesPolicy.Off, Cancel);
        Assert.Empty(await Open(store));
        Assert.Equal([cleared!.Id], (await store.AcceptListAsync(Cancel)).Select(d => d.Id));

        var reworded = UnListVariants.WriteWithKhalimov("un-remarks", "2099-01-01T00:00:00.000Z",
            k => k.Element("COMMENTS1")!.Value = "Military expert based in Syria; member and recruiter of ISIL.");
        var quiet = await ImportAndMonitor(store, reworded);
        Assert.Equal(ScreeningKind.ListDelta, quiet.Kind);
        Assert.Equal(0, quiet.AlertsRaised);
        Assert.Empty(await Open(store));
        var screening = (await store.GetSubjectAsync($"{p}4", Cancel))!.Screenings[0];
        Assert.Equal((ScreeningKind.ListDelta, ScreeningOutcome.Suppressed, cleared.Id), (screening.Run.Kind, screening.Outcome, screening.DecisionId));

        var alias = UnListVariants.WriteWithKhalimov("un-alias", "2099-02-01T00:00:00.000Z", k => k.Element("INDIVIDUAL_ALIAS")!.ReplaceWith(
            new XElement("INDIVIDUAL_ALIAS", new XElement("QUALITY", "Good"), new XElement("ALIAS_NAME", "Gulmurod Salimovich Khalimov"))));
        var changed = await ImportAndMonitor(store, alias);

        var reReview = Assert.Single(await store.ListAlertsAsync(new AlertQuery(Kind: AlertKind.ReReview), Cancel));
        Assert.Equal(($"{p}4", cleared.Id, AlertStatus.Open), (reReview.Subject, reReview.DecisionId, reReview.Status));
        Assert.Equal([AlertReason.EntityChanged], reReview.Reasons);
        var aliasAdded = Assert.Single(reReview.Changes.Entity, c => c.Property == "alias");
        Assert.Equal(Khalimov, aliasAdded.Record);
        Assert.Equal(["Gulmurod Salimovich Khalimov"], aliasAdded.Added);
        // The confirmed match hears of the change too, as information; its block stands.
        var update = Assert.Single(await store.ListAlertsAsync(new AlertQuery(Kind: AlertKind.UpdateOnConfirmed), Cancel));
        Assert.Equal(($"{p}2", confirmed!.Id), (update.Subject, update.DecisionId));
        Assert.Equal(2, changed.AlertsRaised);
        // The earlier decision is not erased: it stays in force until the new alert is decided.
        Assert.Equal(DecisionState.InForce, (await store.GetDecisionAsync(cleared.Id, Cancel))!.State);
    }

    [Fact]
    public async Task Deciding_an_alert_twice_at_once_lets_one_win_and_tells_the_other_who_did()
    {
        var (store, p) = await CustomersScreened();
        var alert = (await Open(store))[0];
        var request = new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.DobDiffers, "Different person.");

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try
            {
                return (await store.DecideAsync(alert.Id, request, $"analyst:{i}", FourEyesPolicy.Off, Cancel))?.Id;
            }
            catch (AlertConflictException e)
            {
                Assert.Equal(AlertStatus.Closed, e.Current.Status);
                return null;
            }
        })));

        Assert.Single(attempts, a => a is not null);
        Assert.Single(await store.AcceptListAsync(Cancel), d => d.Subject == alert.Subject);
        Assert.Contains(p, alert.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_match_whose_listing_is_removed_raises_a_delisting_alert_once()
    {
        var (store, p) = await CustomersScreened();
        var alert = (await Open(store)).Single(a => a.Subject == $"{p}2");
        var decision = await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.TrueMatch, DecisionReason.Other, "Confirmed."), "analyst:ann", FourEyesPolicy.Off, Cancel);

        var delisted = UnListVariants.WriteWithKhalimov("un-delisted", "2099-03-01T00:00:00.000Z", k => k.Remove());
        var report = await ImportAndMonitor(store, delisted);
        var again = await new SubjectMonitor(store, ScreeningCorpus.Load(store), Actor).RunAsync(full: true, cancellationToken: Cancel);

        var delisting = Assert.Single(await store.ListAlertsAsync(new AlertQuery(Kind: AlertKind.Delisting), Cancel));
        Assert.Equal(($"{p}2", decision!.Id, 1L), (delisting.Subject, delisting.DecisionId, report.Delistings));
        Assert.Equal(0, again.Delistings);
    }

    [Fact]
    public async Task A_subject_edited_after_it_was_cleared_alerts_again_with_the_fields_that_changed()
    {
        var (store, p) = await CustomersScreened();
        var alert = (await Open(store)).Single(a => a.Subject == $"{p}4");
        await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.DobDiffers, "Born 1991."), "analyst:ann", FourEyesPolicy.Off, Cancel);
        var corpus = ScreeningCorpus.Load(store);

        var intake = new SubjectIntake(store, corpus, Actor);
        await intake.WriteAsync([new SubjectInput($"{p}4", ["Gulmurod Khalimov"], BirthDates: ["1975-05-14"], Countries: ["DE"])], Cancel);
        var unchanged = await intake.WriteAsync([new SubjectInput($"{p}4", ["GULMUROD  khalimov"], BirthDates: ["1975-05-14"], Countries: ["de"])], Cancel);
        await intake.CompleteAsync(Cancel);

        var reReview = Assert.Single(await Open(store), a => a.Subject == $"{p}4");
        Assert.Equal(AlertKind.ReReview, reReview.Kind);
        Assert.Contains(AlertReason.SubjectChanged, reReview.Reasons);
        var dob = Assert.Single(reReview.Changes.Subject, c => c.Field == "birthDates");
        Assert.Equal(["1975-05-14"], dob.Added);
        Assert.Equal(["1991-03-02"], dob.Removed);
        Assert.Equal(SubjectChange.Unchanged, Assert.Single(unchanged).Change);
    }

    [Fact]
    public async Task A_monitoring_run_with_nothing_queued_screens_nobody_and_a_dry_run_writes_nothing()
    {
        var (store, _) = await CustomersScreened();
        var corpus = ScreeningCorpus.Load(store);
        var first = await new SubjectMonitor(store, corpus, Actor).RunAsync(cancellationToken: Cancel);
        var idle = await new SubjectMonitor(store, corpus, Actor).RunAsync(cancellationToken: Cancel);
        var dry = await new SubjectMonitor(store, corpus, Actor).RunAsync(full: true, dryRun: true, cancellationToken: Cancel);

        Assert.Equal(0, first.AlertsRaised);
        Assert.Equal((0L, 0), (idle.Screened, idle.Work.Count));
        Assert.Equal((5L, true), (dry.Screened, dry.DryRun));
        Assert.Empty((await store.MonitorStatusAsync(Cancel)).Pending);
    }

    [Fact]
    public async Task A_link_accepted_between_two_records_queues_the_re_screening_of_a_subject_cleared_on_one_and_it_re_alerts_with_the_new_record()
    {
        // The UN list and a list of one's own that names Khalimov too: two entities until an analyst links them.
        var store = VigilStore.Open(StoreFactory.NewSpec(kind));
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: Cancel);
        var own = StoreFactory.NewFilePath("own-list", ".csv");
        await File.WriteAllLinesAsync(own, ["# source: own", "id,name,schema,dob", "k1,Gulmurod Khalimov,Person,1975-05-14", "a1,Anna Schmidt,Person,1980-01-01"], Cancel);
        store.Import(own, cancellationToken: Cancel);
        var corpus = ScreeningCorpus.Load(store);
        var ownRecord = corpus.Index.Subjects.Select(s => corpus.Entity(s.Id)).Single(e => e.Caption == "Gulmurod Khalimov" && !e.Referents.Contains(Khalimov)).Referents.Single();
        await new SubjectMonitor(store, corpus, Actor).RunAsync(cancellationToken: Cancel);
        var path = StoreFactory.NewFilePath("customers", ".csv");
        await File.WriteAllLinesAsync(path, ["id,name,dob", "x1,Gulmurod Khalimov,1975-05-14", "x2,Anna Schmidt,1980-01-01", "x3,Pierre Dubois,1965-07-30"], Cancel);
        await SubjectImport.RunAsync(store, corpus, path, Actor, cancellationToken: Cancel);
        // Confirmed on the UN's record, then cleared on the own list's: the clearing is the latest decision on the subject.
        var alerts = await Open(store);
        Assert.Equal(2, alerts.Count(a => a.Subject == "x1"));
        await store.DecideAsync(alerts.Single(a => a.Subject == "x1" && a.Records.Contains(Khalimov)).Id,
            new DecisionRequest(DecisionOutcome.TrueMatch, DecisionReason.Other, "The listed man."), "analyst:ann", FourEyesPolicy.Off, Cancel);
        await store.DecideAsync(alerts.Single(a => a.Subject == "x1" && a.Records.Contains(ownRecord)).Id,
            new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.NameOnly, "Not the man on our own list."), "analyst:ann", FourEyesPolicy.Off, Cancel);
        foreach (var other in alerts.Where(a => a.Subject != "x1"))
        {
            await store.DecideAsync(other.Id, new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.NameOnly, "Not her."), "analyst:ann", FourEyesPolicy.Off, Cancel);
        }
        Assert.Empty(await Open(store));

        CrossListLinker.Accept(store, Khalimov, ownRecord, "analyst:bob", "same man");

        // The link and its work are one transaction: the work names the two records.
        var work = Assert.Single((await store.MonitorStatusAsync(Cancel)).Pending);
        Assert.Equal(MonitorTrigger.CrossLink, work.Trigger);
        Assert.Equal(new[] { Khalimov, ownRecord }.Order(StringComparer.Ordinal), work.Records);
        var report = await new SubjectMonitor(store, ScreeningCorpus.Load(store), Actor).RunAsync(cancellationToken: Cancel);
        Assert.Equal(ScreeningKind.CrossLink, report.Kind);
        Assert.Equal(1, report.Screened);
        // The merged entity holds a record the clearing decision never saw: re_review, new_record.
        var reReview = Assert.Single(await Open(store));
        Assert.Equal(("x1", AlertKind.ReReview), (reReview.Subject, reReview.Kind));
        Assert.Contains(AlertReason.NewRecord, reReview.Reasons);
        Assert.Equal(new[] { Khalimov, ownRecord }.Order(StringComparer.Ordinal), reReview.Records.Order(StringComparer.Ordinal));
        Assert.Empty((await store.MonitorStatusAsync(Cancel)).Pending);

        // Rejecting the link queues the pairs again; the entities part, and the subject's hits are its two first ones.
        CrossListLinker.Reject(store, Khalimov, ownRecord, "analyst:bob", "different men after all");
        Assert.Equal(MonitorTrigger.CrossLink, Assert.Single((await store.MonitorStatusAsync(Cancel)).Pending).Trigger);
        Assert.Equal(1, (await new SubjectMonitor(store, ScreeningCorpus.Load(store), Actor).RunAsync(cancellationToken: Cancel)).Screened);
    }
}

public sealed class SqliteMonitoringTests() : MonitoringTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresMonitoringTests() : MonitoringTests(StoreKind.Postgres);
