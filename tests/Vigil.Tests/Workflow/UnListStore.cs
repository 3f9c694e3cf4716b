using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Workflow;

/// <summary>
/// The real UN list imported once into a store of one kind and shared by a test class (importing is the slow part);
/// made by the first test that asks, so a PostgreSQL store is only made where a server is, and removed with the class.
/// </summary>
public abstract class UnListStore : IDisposable
{
    private readonly Lazy<(VigilStore Store, ScreeningCorpus Corpus, string Spec)> _store;

    protected UnListStore(StoreKind kind) => _store = new(() =>
    {
        var spec = StoreFactory.NewSpec(kind);
        StoreFactory.KeepForFixture(spec);
        var store = VigilStore.Open(spec);
        store.Import(TestData.Path("un/consolidated.xml"));
        return (store, ScreeningCorpus.Load(store), spec);
    });

    public (VigilStore Store, ScreeningCorpus Corpus) Value => (_store.Value.Store, _store.Value.Corpus);

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            StoreFactory.Remove(_store.Value.Spec);
        }
        GC.SuppressFinalize(this);
    }
}
