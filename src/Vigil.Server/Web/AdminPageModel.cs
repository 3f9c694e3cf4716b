using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Storage;
using Vigil.Core.Webhooks;
using Vigil.Core.Workflow;
using Vigil.Matching.Screening;
using Vigil.Server.Hosting;

namespace Vigil.Server.Web;

/// <summary>
/// What <c>/admin</c> shows: who may use the server (users and keys), retention and its legal holds, and the thresholds
/// and four-eyes rules this server runs with; <see cref="CreatedKey"/> only on the answer to the form that made it.
/// </summary>
public sealed record AdminPageModel(
    IReadOnlyList<UserInfo> Users,
    IReadOnlyList<ApiKeyInfo> Keys,
    IReadOnlyList<Webhook> Webhooks,
    IReadOnlyDictionary<long, IReadOnlyList<WebhookDelivery>> WebhookLogs,
    IReadOnlyList<LegalHold> Holds,
    RetentionPolicy Retention,
    FourEyesPolicy FourEyes,
    IReadOnlyList<(string Name, MatchOptions Options)> Profiles,
    TimeSpan CheckpointEvery,
    TimeSpan? FullRescreenEvery,
    bool RecordScreenings)
{
    /// <summary>A key just made, shown on this one answer and never again.</summary>
    public CreatedApiKey? CreatedKey { get; init; }

    /// <summary>A webhook just added, with its secret, shown on this one answer and never again.</summary>
    public CreatedWebhook? CreatedWebhook { get; init; }

    /// <summary>How many of a webhook's latest deliveries the page shows.</summary>
    public const int LogShown = 10;

    /// <summary>The roles a user or key may be given, in the role table's order.</summary>
    public static IReadOnlyList<Role> Roles { get; } = Enum.GetValues<Role>();

    internal static async Task<AdminPageModel> LoadAsync(VigilStore store, ServerOptions options, CancellationToken cancellationToken)
    {
        var webhooks = await store.ListWebhooksAsync(cancellationToken);
        var logs = new Dictionary<long, IReadOnlyList<WebhookDelivery>>();
        foreach (var webhook in webhooks.Where(w => w.RemovedAt is null))
        {
            logs[webhook.Id] = await store.WebhookDeliveriesAsync(webhook.Id, LogShown, cancellationToken);
        }
        return new(
            await store.ListUsersAsync(cancellationToken),
            await store.ListKeysAsync(cancellationToken),
            webhooks,
            logs,
            await store.ListHoldsAsync(cancellationToken),
            new RetentionPolicy(),
            options.FourEyes,
            [.. SearchForm.Profiles.Select(p => (p, MatchOptions.Profile(p)))],
            options.CheckpointEvery,
            options.FullRescreenEvery,
            options.RecordScreenings);
    }
}
