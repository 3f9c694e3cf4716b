namespace Vigil.Server.Web;

/// <summary>
/// The latest verification run from the audit page in this process, which the page shows until the next one: a
/// verification recomputes the whole log, so the page offers it as a button rather than running it on every view, and
/// runs one at a time however many readers press it.
/// </summary>
internal sealed class LastVerification : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private VerificationRun? _run;

    public VerificationRun? Run => Volatile.Read(ref _run);

    /// <summary>Whether this caller may run one now; false while another runs. A caller given true calls <see cref="Record"/>.</summary>
    public bool TryStart() => _one.Wait(0);

    public void Record(VerificationRun run)
    {
        Volatile.Write(ref _run, run);
        _one.Release();
    }

    public void Dispose() => _one.Dispose();
}
