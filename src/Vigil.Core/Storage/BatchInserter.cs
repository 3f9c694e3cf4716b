using System.Data.Common;

namespace Vigil.Core.Storage;

/// <summary>
/// Inserts rows in multi-row <c>INSERT ... ON CONFLICT DO NOTHING</c> batches with one reused command,
/// which is fast on both engines and lets a repeated record (same id twice in one file) fold into the first.
/// </summary>
internal sealed class BatchInserter : IDisposable
{
    // SQLite finds each named parameter by a linear scan of the statement's names, so binding a batch costs the
    // square of its parameters: 256 rows of 8 columns spent most of an import comparing names, 32 rows take half the
    // time. PostgreSQL has no such cost and pays a round trip per batch instead, so it keeps large batches.
    private const int SqliteRowsPerBatch = 32;
    private const int ServerRowsPerBatch = 256;

    private readonly int _rowsPerBatch;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly string[] _columns;
    private readonly object?[] _pending;
    private DbCommand? _fullBatch;
    private int _rows;

    public BatchInserter(DbConnection connection, DbTransaction transaction, string table, params string[] columns)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
        _rowsPerBatch = connection is Microsoft.Data.Sqlite.SqliteConnection ? SqliteRowsPerBatch : ServerRowsPerBatch;
        _pending = new object?[_rowsPerBatch * columns.Length];
    }

    public void Add(params object?[] values)
    {
        values.CopyTo(_pending, _rows * _columns.Length);
        if (++_rows == _rowsPerBatch)
        {
            _fullBatch ??= CreateCommand(_rowsPerBatch);
            Execute(_fullBatch, _rowsPerBatch);
            _rows = 0;
        }
    }

    public void Flush()
    {
        if (_rows == 0)
        {
            return;
        }
        using var command = CreateCommand(_rows);
        Execute(command, _rows);
        _rows = 0;
    }

    public void Dispose() => _fullBatch?.Dispose();

    private void Execute(DbCommand command, int rows)
    {
        for (var i = 0; i < rows * _columns.Length; i++)
        {
            command.Parameters[i].Value = _pending[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    private DbCommand CreateCommand(int rows)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        var sql = new System.Text.StringBuilder();
        sql.Append("INSERT INTO ").Append(_table).Append(" (").AppendJoin(", ", _columns).Append(") VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = $"@p{(r * _columns.Length) + c}";
                sql.Append(c == 0 ? "" : ", ").Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        sql.Append(" ON CONFLICT DO NOTHING");
        command.CommandText = sql.ToString();
        return command;
    }
}
