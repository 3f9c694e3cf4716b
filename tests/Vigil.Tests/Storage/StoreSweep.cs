using Xunit.v3;

namespace Vigil.Tests.Storage;

/// <summary>
/// An assembly fixture that removes the stores a test case made through <see cref="StoreFactory"/> once the test case
/// has finished (its test class disposed, so whatever server it started is stopped), and when the run ends, those
/// the fixtures made; it fails the run if the run's folder held a file no store accounts for.
/// </summary>
public sealed class StoreSweep : IDisposable, INotifyTestCaseLifecycle
{
    public void OnTestCaseStarting(IXunitTestCase testCase)
    {
    }

    public void OnTestCaseFinished(IXunitTestCase testCase) => StoreFactory.RemoveStoresOf(testCase.UniqueID);

    public void Dispose() => StoreFactory.RemoveAll();
}
