using Vigil.Core.Screening;
using Vigil.Core.Sources;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Workflow;

/// <summary>
/// The analysts' queue over alerts the real rules raised against the real UN list, on SQLite and PostgreSQL alike:
/// priority order (band, then oldest) paged by keyset without gaps or repeats, counts by kind and age, and the
/// portfolio and assignee filters.
/// </summary>
public abstract class AlertQueueTests(StoreKind kind)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_queue_walks_every_alert_once_highest_band_first_and_oldest_first_within_a_band_and_counts_them_by_kind_and_age()
    {
        var store = VigilStore.Open(StoreFactory.NewSpec(kind));
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: Cancel);
        var path = StoreFactory.NewFilePath("customers", ".csv");
        // Khalimov's exact date makes a high band; a different year a lower one; the other names alert nobody.
        await File.WriteAllLinesAsync(path,
        [
            "id,name,dob",
            "q1,Gulmurod Khalimov,1991-03-02",
            "q2,Gulmurod Khalimov,1975-05-14",
            "q3,Anna Schmidt,1980-01-01",
            "q4,Halimov Gulmurod,1960",
            "q5,Gulmurod Khalimov,14.05.1975",
        ], Cancel);
        await SubjectImport.RunAsync(store, ScreeningCorpus.Load(store), path, "test", portfolio: "retail", cancellationToken: Cancel);
        var all = await store.ListAlertsAsync(new AlertQuery(OpenOnly: true), Cancel);
        Assert.True(all.Count >= 3, $"{all.Count} alerts");
        Assert.Contains(all, a => a.Band == ScoreBand.High);
        Assert.Contains(all, a => a.Band != ScoreBand.High);

        var walked = new List<Alert>();
        AlertCursor? after = null;
        while (true)
        {
            var page = await store.ListAlertsAsync(new AlertQuery(OpenOnly: true, Limit: 2) { Order = AlertOrder.Priority, After = after }, Cancel);
            walked.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }
            after = AlertCursor.Of(page[^1]);
        }
        Assert.Equal(all.Select(a => a.Id).Order(), walked.Select(a => a.Id).Order());
        Assert.Equal(all.OrderByDescending(a => a.Band).ThenBy(a => a.Id).Select(a => a.Id), walked.Select(a => a.Id));

        var counts = await store.CountAlertsAsync(new AlertQuery(OpenOnly: true, Kind: AlertKind.Delisting), DateTimeOffset.UtcNow, Cancel);
        Assert.Equal(all.Count, counts.Total);
        Assert.Equal(all.Count, counts.ByKind[AlertKind.NewMatch]);
        Assert.Equal(all.Count, counts.ByAge[AlertAge.Day]);
        var monthLater = await store.CountAlertsAsync(new AlertQuery(OpenOnly: true), DateTimeOffset.UtcNow.AddDays(40), Cancel);
        Assert.Equal(all.Count, monthLater.ByAge[AlertAge.Older]);

        Assert.Equal(all.Count, (await store.ListAlertsAsync(new AlertQuery(OpenOnly: true) { Portfolio = "retail" }, Cancel)).Count);
        Assert.Empty(await store.ListAlertsAsync(new AlertQuery(OpenOnly: true) { Portfolio = "private" }, Cancel));
        await store.AssignAsync(all[0].Id, "ann", "test", Cancel);
        var mine = Assert.Single(await store.ListAlertsAsync(new AlertQuery(OpenOnly: true) { AssignedTo = "ann", Order = AlertOrder.Priority }, Cancel));
        Assert.Equal((all[0].Id, AlertStatus.InReview), (mine.Id, mine.Status));
        Assert.Equal(1, (await store.CountAlertsAsync(new AlertQuery(OpenOnly: true) { AssignedTo = "ann" }, DateTimeOffset.UtcNow, Cancel)).Total);
    }

    [Fact]
    public async Task A_subjects_decisions_and_an_alerts_decisions_are_listed_whatever_their_state()
    {
        var store = VigilStore.Open(StoreFactory.NewSpec(kind));
        store.Import(TestData.Path("un/consolidated.xml"), cancellationToken: Cancel);
        var path = StoreFactory.NewFilePath("customers", ".csv");
        await File.WriteAllLinesAsync(path, ["id,name,dob", "d1,Gulmurod Khalimov,1991-03-02"], Cancel);
        await SubjectImport.RunAsync(store, ScreeningCorpus.Load(store), path, "test", cancellationToken: Cancel);
        var alert = Assert.Single(await store.ListAlertsAsync(new AlertQuery(Subject: "d1"), Cancel));
        var decision = await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.DobDiffers, "Born 1991."), "ann", FourEyesPolicy.Off, Cancel);
        await store.RevokeDecisionAsync(decision!.Id, "New evidence.", "bob", Cancel);

        var ofSubject = Assert.Single(await store.SubjectDecisionsAsync("d1", Cancel));
        var ofAlert = Assert.Single(await store.AlertDecisionsAsync(alert.Id, Cancel));
        Assert.Equal((decision.Id, DecisionState.Revoked), (ofSubject.Id, ofSubject.State));
        Assert.Equal(decision.Id, ofAlert.Id);
        Assert.Empty(await store.SubjectDecisionsAsync("nobody", Cancel));
    }
}

public sealed class SqliteAlertQueueTests() : AlertQueueTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAlertQueueTests() : AlertQueueTests(StoreKind.Postgres);

/// <summary>Ids in the order people read them.</summary>
public sealed class NaturalOrderTests
{
    [Fact]
    public void Numbers_inside_ids_sort_by_value_and_the_rest_ordinally()
    {
        string[] ids = ["eu-fsf:1003", "eu-fsf:101", "un-sc:QDi.10", "un-sc:QDi.9", "eu-fsf:101a", "eu-fsf:0101", "au-dfat:3136", "eu-fsf:99"];

        Assert.Equal(["au-dfat:3136", "eu-fsf:99", "eu-fsf:0101", "eu-fsf:101", "eu-fsf:101a", "eu-fsf:1003", "un-sc:QDi.9", "un-sc:QDi.10"], ids.Order(NaturalOrder.Instance));
    }
}
