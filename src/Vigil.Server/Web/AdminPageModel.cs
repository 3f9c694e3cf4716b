using Vigil.Core.Access;
using Vigil.Core.Audit;
using Vigil.Core.Storage;
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

    /// <summary>The roles a user or key may be given, in the role table's order.</summary>
    public static IReadOnlyList<Role> Roles { get; } = Enum.GetValues<Role>();

    internal static async Task<AdminPageModel> LoadAsync(VigilStore store, ServerOptions options, CancellationToken cancellationToken) => new(
        await store.ListUsersAsync(cancellationToken),
        await store.ListKeysAsync(cancellationToken),
        await store.ListHoldsAsync(cancellationToken),
        new RetentionPolicy(),
        options.FourEyes,
        [.. SearchForm.Profiles.Select(p => (p, MatchOptions.Profile(p)))],
        options.CheckpointEvery,
        options.FullRescreenEvery,
        options.RecordScreenings);
}
