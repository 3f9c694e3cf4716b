using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Workflow;

/// <summary>
/// Four eyes on SQLite and PostgreSQL: a decision the policy names is only proposed until someone other than its
/// proposer approves it; a rejection sends the alert back to the queue.
/// </summary>
public abstract class FourEyesTests(StoreKind kind)
{
    private const string Analyst = "ann";
    private const string Reviewer = "rita";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A store with the UN list and one customer who alerts on Khalimov: the store and the alert.</summary>
    private async Task<(VigilStore Store, Alert Alert)> OneAlert(string row = "c1,Halimov Gulmurod,14.05.1975")
    {
        var store = VigilStore.Open(StoreFactory.NewSpec(kind));
        store.Import(TestData.Path("un/consolidated.xml"));
        var path = StoreFactory.NewFilePath("customers", ".csv");
        await File.WriteAllLinesAsync(path, ["id,name,dob", row], Cancel);
        await SubjectImport.RunAsync(store, ScreeningCorpus.Load(store), path, "test:intake", cancellationToken: Cancel);
        return (store, Assert.Single(await store.ListAlertsAsync(new AlertQuery(OpenOnly: true), Cancel)));
    }

    [Fact]
    public async Task A_confirmed_match_waits_for_a_reviewer_and_counts_only_once_someone_other_than_its_proposer_approves_it()
    {
        var (store, alert) = await OneAlert();

        var proposed = await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.TrueMatch, DecisionReason.Other, "Name and birth date agree."), Analyst, FourEyesPolicy.Default, Cancel);
        var pending = await store.GetAlertAsync(alert.Id, Cancel);
        var own = await Assert.ThrowsAsync<FourEyesException>(() => store.ApproveDecisionAsync(proposed!.Id, Analyst, Cancel));
        var approved = await store.ApproveDecisionAsync(proposed!.Id, Reviewer, Cancel);
        var closed = await store.GetAlertAsync(alert.Id, Cancel);

        Assert.Equal((DecisionState.Proposed, AlertStatus.PendingApproval), (proposed.State, pending!.Status));
        Assert.Contains("proposed by ann", own.Message, StringComparison.Ordinal);
        Assert.Equal((DecisionState.InForce, Reviewer, Analyst), (approved!.State, approved.ApprovedBy, approved.DecidedBy));
        Assert.Equal(AlertStatus.Closed, closed!.Status);
        Assert.Equal(
            [AlertEventKind.Created, AlertEventKind.DecisionProposed, AlertEventKind.DecisionApproved, AlertEventKind.Closed],
            closed.Events.Select(e => e.Kind));
        Assert.Equal([Analyst, Reviewer, Reviewer], closed.Events.Skip(1).Select(e => e.Actor));
    }

    [Fact]
    public async Task A_rejected_proposal_never_counts_and_its_alert_returns_to_the_queue_for_a_new_decision()
    {
        var (store, alert) = await OneAlert();
        var policy = new FourEyesPolicy(false, alert.Score);

        var proposed = await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.DobDiffers, "Different person."), Analyst, policy, Cancel);
        var rejected = await store.RejectDecisionAsync(proposed!.Id, "The birth date is the listed one.", Reviewer, Cancel);
        var reopened = await store.GetAlertAsync(alert.Id, Cancel);
        var second = await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.TrueMatch, DecisionReason.Other, "Confirmed."), Analyst, FourEyesPolicy.Off, Cancel);

        Assert.Equal(DecisionState.Proposed, proposed.State);
        Assert.Equal((DecisionState.Rejected, Reviewer, "The birth date is the listed one."), (rejected!.State, rejected.EndedBy, rejected.EndReason));
        Assert.Equal(AlertStatus.Open, reopened!.Status);
        Assert.Empty(await store.AcceptListAsync(Cancel));
        Assert.Equal(DecisionState.InForce, second!.State);
    }

    [Fact]
    public async Task Clearing_a_false_positive_scored_below_the_default_four_eyes_score_counts_at_once()
    {
        var (store, alert) = await OneAlert("c1,Gulmurod Khalimov,02.03.1991");
        Assert.InRange(alert.Score, 0, 0.949);

        var decision = await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.DobDiffers, "Different person."), Analyst, FourEyesPolicy.Default, Cancel);

        Assert.Equal(DecisionState.InForce, decision!.State);
        Assert.Equal(AlertStatus.Closed, (await store.GetAlertAsync(alert.Id, Cancel))!.Status);
        Assert.Single(await store.AcceptListAsync(Cancel));
    }

    [Fact]
    public async Task A_proposal_is_settled_once_a_second_approval_is_a_conflict_and_a_new_decision_waits_for_the_first()
    {
        var (store, alert) = await OneAlert();
        var proposed = await store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.TrueMatch, DecisionReason.Other, "Confirmed."), Analyst, FourEyesPolicy.Default, Cancel);

        var meanwhile = await Assert.ThrowsAsync<AlertConflictException>(() =>
            store.DecideAsync(alert.Id, new DecisionRequest(DecisionOutcome.FalsePositive, DecisionReason.Other, "No."), "bob", FourEyesPolicy.Off, Cancel));
        await store.ApproveDecisionAsync(proposed!.Id, Reviewer, Cancel);
        var again = await Assert.ThrowsAsync<AlertConflictException>(() => store.ApproveDecisionAsync(proposed.Id, "ravi", Cancel));

        Assert.Equal(AlertStatus.PendingApproval, meanwhile.Current.Status);
        Assert.Equal(AlertStatus.Closed, again.Current.Status);
        Assert.Null(await store.ApproveDecisionAsync(999_999, Reviewer, Cancel));
    }

    [Theory]
    [InlineData("default", true, 0.95)]
    [InlineData("off", false, null)]
    [InlineData("true-match", true, null)]
    [InlineData("clear-above=0.9", false, 0.9)]
    [InlineData("true-match, clear-above=0.97", true, 0.97)]
    public void The_four_eyes_rules_read_as_an_option_gives_them(string text, bool confirm, double? clearAt)
    {
        Assert.Equal(new FourEyesPolicy(confirm, clearAt), FourEyesPolicy.Parse(text, out _));
    }

    [Theory]
    [InlineData("clear-above=1.5")]
    [InlineData("sometimes")]
    public void Unreadable_four_eyes_rules_are_refused(string text)
    {
        Assert.Null(FourEyesPolicy.Parse(text, out var problem));
        Assert.Contains("four-eyes rule", problem, StringComparison.Ordinal);
    }
}

public sealed class SqliteFourEyesTests() : FourEyesTests(StoreKind.Sqlite);

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresFourEyesTests() : FourEyesTests(StoreKind.Postgres);
