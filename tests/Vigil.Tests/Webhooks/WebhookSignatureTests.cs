using Vigil.Core.Audit;
using Vigil.Core.Webhooks;

namespace Vigil.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The test vector published with the Standard Webhooks specification: matching it means any of that
    // specification's receiver libraries accepts Vigil's messages.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"test": 2432232314}""";

    [Fact]
    public void Signs_the_Standard_Webhooks_test_vector()
    {
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(Secret, Id, Timestamp, Body));
    }

    [Fact]
    public void Verifies_one_of_several_signatures_and_refuses_a_changed_body_id_or_time()
    {
        var header = "v1,bm9wZQ== " + WebhookSignature.Sign(Secret, Id, Timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, Id, Timestamp, Body, header));
        Assert.False(WebhookSignature.Verify(Secret, Id, Timestamp, Body + " ", header));
        Assert.False(WebhookSignature.Verify(Secret, Id + "x", Timestamp, Body, header));
        Assert.False(WebhookSignature.Verify(Secret, Id, Timestamp + 1, Body, header));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), Id, Timestamp, Body, header));
    }

    [Fact]
    public void An_event_list_takes_names_and_all_and_refuses_an_unknown_name_naming_the_known_ones()
    {
        Assert.Equal([WebhookEventType.AlertCreated, WebhookEventType.DecisionApproved], WebhookEvents.ParseList(["decision.approved, alert.created"]));
        Assert.Equal(WebhookEvents.Subscribable, WebhookEvents.ParseList(["all"]));
        Assert.DoesNotContain(WebhookEventType.WebhookTest, WebhookEvents.ParseList(["all"]));

        var unknown = Assert.Throws<ArgumentException>(() => WebhookEvents.ParseList(["alert.deleted"]));
        var none = Assert.Throws<ArgumentException>(() => WebhookEvents.ParseList([" "]));

        Assert.Contains("'alert.deleted'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("snapshot.imported", unknown.Message, StringComparison.Ordinal);
        Assert.StartsWith("events:", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_names_are_the_same_in_messages_and_in_the_JSON_of_the_CLI_and_API()
    {
        Assert.All(Enum.GetValues<WebhookEventType>(), type =>
            Assert.Equal($"\"{WebhookEvents.Name(type)}\"", System.Text.Json.JsonSerializer.Serialize(type, Vigil.Core.Workflow.WorkflowJson.Compact)));
        Assert.Equal("monitoring.completed", WebhookEvents.Name(WebhookEventType.MonitoringCompleted));
    }

    [Theory]
    [InlineData(AuditEventKind.AlertCreated, null, WebhookEventType.AlertCreated)]
    [InlineData(AuditEventKind.AlertClosed, null, WebhookEventType.AlertUpdated)]
    [InlineData(AuditEventKind.DecisionProposed, null, WebhookEventType.DecisionProposed)]
    [InlineData(AuditEventKind.ScreeningRunSealed, "batch", WebhookEventType.JobCompleted)]
    [InlineData(AuditEventKind.ScreeningRunSealed, "list_delta", WebhookEventType.MonitoringCompleted)]
    [InlineData(AuditEventKind.ScreeningRunSealed, "full_rescreen", WebhookEventType.MonitoringCompleted)]
    [InlineData(AuditEventKind.ScreeningRunSealed, "api", null)]
    [InlineData(AuditEventKind.KeyCreated, null, null)]
    public void Audit_events_map_to_the_webhook_events_the_issue_names(AuditEventKind kind, string? runKind, WebhookEventType? expected)
    {
        var payload = new Dictionary<string, object?> { ["kind"] = runKind };

        Assert.Equal(expected, WebhookEvents.For(new AuditEvent(kind, "test", payload)));
    }
}
