using Dapper;
using Vigil.Core.Storage;

namespace Vigil.Tests.Storage;

/// <summary>
/// Makes a real store refuse every insert into one table (a trigger that raises, as a read-only replica or a full
/// disk would refuse), until disposed: how a test proves a write failure is reported, never hidden.
/// </summary>
internal sealed class StoreRefusal : IDisposable
{
    private readonly VigilStore _store;
    private readonly string _table;

    private StoreRefusal(VigilStore store, string table)
    {
        _store = store;
        _table = table;
        using var connection = store.Connect();
        connection.Execute(store.Kind == StoreKind.Sqlite
            ? $"CREATE TRIGGER vt_refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'the store refuses writes'); END"
            : $"""
              CREATE FUNCTION vt_refuse_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the store refuses writes'; END $$;
              CREATE TRIGGER vt_refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION vt_refuse_{table}();
              """);
    }

    public static StoreRefusal On(VigilStore store, string table) => new(store, table);

    public void Dispose()
    {
        using var connection = _store.Connect();
        connection.Execute(_store.Kind == StoreKind.Sqlite
            ? $"DROP TRIGGER vt_refuse_{_table}"
            : $"DROP TRIGGER vt_refuse_{_table} ON {_table}; DROP FUNCTION vt_refuse_{_table}();");
    }
}
