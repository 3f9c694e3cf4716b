// One server per store kind for the whole assembly: importing the lists is the slow part, and the read-only suites
// can share it. Suites that change the store build their own.
[assembly: AssemblyFixture(typeof(Vigil.Server.Tests.SqliteVigilApp))]
[assembly: AssemblyFixture(typeof(Vigil.Server.Tests.PostgresVigilApp))]
