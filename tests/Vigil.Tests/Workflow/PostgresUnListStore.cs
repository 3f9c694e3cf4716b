using Vigil.Core.Storage;
using Vigil.Tests.Parts;

namespace Vigil.Tests.Workflow;

/// <summary>The UN list in a PostgreSQL schema, shared by a test class.</summary>
[Needs(SystemPart.PostgreSql)]
public sealed class PostgresUnListStore() : UnListStore(StoreKind.Postgres);
