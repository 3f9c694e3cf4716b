using Vigil.Core.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// Whether the server asks callers who they are: as soon as an operator key is configured or any key or user exists in
/// the store. Until then it answers loopback callers only, as an administrator. Once it asks, it keeps asking for the
/// life of the process, even if every key is revoked later: it fails closed.
/// </summary>
public sealed class AccessGate(ApiKeys operatorKeys, VigilStore store)
{
    /// <summary>How long a "no credentials yet" answer from the store is trusted before asking again.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(2);

    private volatile bool _required = operatorKeys.Required;
    private long _nextCheck;

    public ApiKeys OperatorKeys { get; } = operatorKeys;

    public async ValueTask<bool> RequiredAsync(CancellationToken cancellationToken)
    {
        if (_required)
        {
            return true;
        }
        var now = Environment.TickCount64;
        if (now < Interlocked.Read(ref _nextCheck))
        {
            return false;
        }
        if (await store.HasCredentialsAsync(cancellationToken))
        {
            _required = true;
            return true;
        }
        Interlocked.Exchange(ref _nextCheck, now + (long)Recheck.TotalMilliseconds);
        return false;
    }

    /// <summary>Called when this process makes a key or user, so the next request is asked at once.</summary>
    public void CredentialsExist() => _required = true;
}
