using System.Reflection;
using System.Text.Json.Serialization;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Core.Webhooks;

/// <summary>
/// Which audit events are announced to webhooks, under which type, and the names of the types. Webhook messages are
/// derived from the audit events a transaction appends, so a message exists exactly when the change it announces does.
/// </summary>
public static class WebhookEvents
{
    private static readonly Dictionary<WebhookEventType, string> Names = Enum.GetValues<WebhookEventType>().ToDictionary(
        t => t,
        t => typeof(WebhookEventType).GetField(t.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    /// <summary>The dotted name of a type, as sent and stored (and as JSON writes it): <c>alert.created</c>.</summary>
    public static string Name(WebhookEventType type) => Names[type];

    /// <summary>The types a subscriber may ask for (every type but the test message, which is always sent when asked).</summary>
    public static IReadOnlyList<WebhookEventType> Subscribable { get; } = [.. Enum.GetValues<WebhookEventType>().Where(t => t != WebhookEventType.WebhookTest)];

    public static bool TryParse(string? text, out WebhookEventType type)
    {
        var wanted = (text ?? "").Trim();
        foreach (var candidate in Enum.GetValues<WebhookEventType>())
        {
            if (Name(candidate).Equals(wanted, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>
    /// Reads a subscription's event list ("alert.created,decision.approved", or "all"): the types in declaration order,
    /// or an error naming the first unknown name and the known ones.
    /// </summary>
    public static IReadOnlyList<WebhookEventType> ParseList(IEnumerable<string> names)
    {
        var wanted = new HashSet<WebhookEventType>();
        foreach (var name in names.SelectMany(n => n.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                wanted.UnionWith(Subscribable);
            }
            else if (TryParse(name, out var type) && type != WebhookEventType.WebhookTest)
            {
                wanted.Add(type);
            }
            else
            {
                throw new ArgumentException($"events: unknown event '{name}'; known: all, {string.Join(", ", Subscribable.Select(Name))}");
            }
        }
        return wanted.Count == 0
            ? throw new ArgumentException($"events: name at least one event (all, {string.Join(", ", Subscribable.Select(Name))})")
            : [.. Subscribable.Where(wanted.Contains)];
    }

    /// <summary>The type announcing <paramref name="auditEvent"/>, or null when webhooks do not hear of it.</summary>
    public static WebhookEventType? For(AuditEvent auditEvent) => auditEvent.Kind switch
    {
        AuditEventKind.AlertCreated => WebhookEventType.AlertCreated,
        AuditEventKind.AlertAssigned or AuditEventKind.AlertClosed => WebhookEventType.AlertUpdated,
        AuditEventKind.DecisionProposed => WebhookEventType.DecisionProposed,
        AuditEventKind.DecisionApproved => WebhookEventType.DecisionApproved,
        AuditEventKind.DecisionRejected => WebhookEventType.DecisionRejected,
        AuditEventKind.DecisionRevoked => WebhookEventType.DecisionRevoked,
        AuditEventKind.SnapshotImported => WebhookEventType.SnapshotImported,
        AuditEventKind.UpdateQuarantined => WebhookEventType.UpdateQuarantined,
        AuditEventKind.ScreeningRunSealed => RunKind(auditEvent.Payload) switch
        {
            ScreeningKind.Batch => WebhookEventType.JobCompleted,
            ScreeningKind.ListDelta or ScreeningKind.CrossLink or ScreeningKind.FullRescreen => WebhookEventType.MonitoringCompleted,
            _ => null,
        },
        _ => null,
    };

    // A run's seal names its kind in the payload (the audit entry has no column for it).
    private static ScreeningKind? RunKind(object? payload) =>
        payload is IReadOnlyDictionary<string, object?> fields && fields.TryGetValue("kind", out var kind) && WorkflowNames.TryParse(kind as string, out ScreeningKind parsed)
            ? parsed
            : null;
}
