using Vigil.Core.Storage;

namespace Vigil.Tests.Workflow;

/// <summary>The UN list in a SQLite store, shared by a test class.</summary>
public sealed class SqliteUnListStore() : UnListStore(StoreKind.Sqlite);
