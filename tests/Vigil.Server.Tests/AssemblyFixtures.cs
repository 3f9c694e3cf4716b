// One server per store kind for the whole assembly: importing the lists is the slow part, and the read-only suites
// can share it. Suites that change the store build their own.
[assembly: AssemblyFixture(typeof(Vigil.Server.Tests.SqliteVigilApp))]
[assembly: AssemblyFixture(typeof(Vigil.Server.Tests.PostgresVigilApp))]
// As in the main suite: tests needing an absent part of the machine are left out with one line per part, and every
// store is removed when its test case (or, for a fixture's, the run) ends.
[assembly: TestFramework(typeof(Vigil.Tests.Parts.PartAwareTestFramework))]
[assembly: AssemblyFixture(typeof(Vigil.Tests.Storage.StoreSweep))]
