// Tests that need a part of the machine that is absent are left out, with one line per part (Parts/).
[assembly: TestFramework(typeof(Vigil.Tests.Parts.PartAwareTestFramework))]
// Every store a test makes is removed when its test case ends, and the rest when the run ends (Storage/StoreFactory.cs).
[assembly: AssemblyFixture(typeof(Vigil.Tests.Storage.StoreSweep))]
