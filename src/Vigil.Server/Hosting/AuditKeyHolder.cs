using Vigil.Core.Audit;
using Vigil.Core.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// The server's audit signing key, read (or created) on first use: from <c>--audit-key</c>, <c>VIGIL_AUDIT_KEY</c>, or
/// beside a SQLite store. Null, with the reason in <see cref="Missing"/>, when none is named or it cannot be read.
/// </summary>
internal sealed class AuditKeyHolder(ServerOptions options, VigilStore store) : IDisposable
{
    private readonly Lazy<(AuditSigningKey? Key, string? Missing)> _key = new(() =>
    {
        try
        {
            return (AuditSigningKey.LoadOrCreate(AuditSigningKey.ResolvePath(options.AuditKey, store.DefaultAuditKeyPath)), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    });

    public AuditSigningKey? Key => _key.Value.Key;

    public string? Missing => _key.Value.Missing;

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Key?.Dispose();
        }
    }
}
