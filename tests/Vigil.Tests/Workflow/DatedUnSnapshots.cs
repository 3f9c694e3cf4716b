using Dapper;
using Vigil.Core.Storage;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Workflow;

/// <summary>
/// A store holding two UN snapshots imported on known dates (an older variant without Khalimov, QDi.372, imported on
/// 2024-01-10 at 08:00 UTC; the real list on 2024-06-01 at 08:00 UTC) and a cross-list link between two UN records
/// added on 2024-03-01 and retracted on 2024-05-01: the lists as they stood at any date are known. Made by the first
/// test that asks, shared by a test class, removed with it.
/// </summary>
public abstract class DatedUnSnapshots : IDisposable
{
    public const string OlderImported = "2024-01-10T08:00:00.000Z";
    public const string NewerImported = "2024-06-01T08:00:00.000Z";
    public const string LinkAdded = "2024-03-01T12:00:00.000Z";
    public const string LinkRetracted = "2024-05-01T12:00:00.000Z";

    /// <summary>Two records present in both snapshots, linked only between <see cref="LinkAdded"/> and <see cref="LinkRetracted"/>.</summary>
    public const string LinkedLeft = "un-sc:CDi.019";
    public const string LinkedRight = "un-sc:CDi.021";

    private readonly Lazy<(VigilStore Store, string Spec, long Older, long Newer)> _store;

    protected DatedUnSnapshots(StoreKind kind) => _store = new(() =>
    {
        var spec = StoreFactory.NewSpec(kind);
        StoreFactory.KeepForFixture(spec);
        var store = VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        var older = UnListVariants.WriteOlderList();
        var first = store.Import(older).Snapshot;
        File.Delete(older);
        var second = store.Import(TestData.Path("un/consolidated.xml")).Snapshot;
        store.AddLink(LinkedLeft, LinkedRight, "test", null);
        using var connection = store.Connect();
        connection.Execute("UPDATE snapshots SET imported_at = @at WHERE id = @id", new { at = OlderImported, id = first });
        connection.Execute("UPDATE snapshots SET imported_at = @at WHERE id = @id", new { at = NewerImported, id = second });
        connection.Execute("UPDATE entity_links SET created_at = @added, retracted_at = @retracted", new { added = LinkAdded, retracted = LinkRetracted });
        return (store, spec, first, second);
    });

    public VigilStore Store => _store.Value.Store;

    public string Spec => _store.Value.Spec;

    public long OlderSnapshot => _store.Value.Older;

    public long NewerSnapshot => _store.Value.Newer;

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            StoreFactory.Remove(_store.Value.Spec);
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The dated UN snapshots in a SQLite store.</summary>
public sealed class SqliteDatedUnSnapshots() : DatedUnSnapshots(StoreKind.Sqlite);

/// <summary>The dated UN snapshots in a PostgreSQL schema.</summary>
[Needs(SystemPart.PostgreSql)]
public sealed class PostgresDatedUnSnapshots() : DatedUnSnapshots(StoreKind.Postgres);
