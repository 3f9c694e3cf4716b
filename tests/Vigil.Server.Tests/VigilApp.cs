using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Server.Hosting;
using Vigil.Tests;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests;

/// <summary>
/// The server under test, hosted by <see cref="WebApplicationFactory{TEntryPoint}"/> with exactly the services and
/// pipeline <c>vigil serve</c> uses, over a real store. The entry point type is this test assembly's own: the
/// factory insists on an assembly with an entry point (for its deps file), and the server is a library.
/// </summary>
public sealed class VigilFactory(ServerOptions options) : WebApplicationFactory<VigilFactory>
{
    // The factory looks for this assembly's project folder beside the solution unless told the content root; the
    // server needs none beyond the output folder.
    static VigilFactory() => Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VIGIL_SERVER_TESTS", AppContext.BaseDirectory);

    public ServerOptions Options { get; } = options;

    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            // A line per request drowns the test output; warnings and errors are what a failing test needs.
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .ConfigureWebHostDefaults(web => web
                .UseContentRoot(AppContext.BaseDirectory)
                .ConfigureServices(services => VigilServer.AddServices(services, Options))
                .Configure(VigilServer.Configure));
}

/// <summary>
/// A store holding two UN snapshots (an older variant, then the real list) and the OFAC SDN list (2021 CSV set), and a server over
/// it whose index is built. The SQLite and PostgreSQL fixtures are shared by the whole assembly (AssemblyFixtures.cs)
/// and run the same suites; a suite that needs other keys, links or a real port makes its own subclass.
/// </summary>
public abstract class VigilApp : IAsyncLifetime
{
    protected abstract StoreKind Kind { get; }

    /// <summary>API keys the server requires; none by default.</summary>
    protected virtual IReadOnlyList<string> ApiKeys => [];

    public string StoreSpec { get; private set; } = "";

    public VigilFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>True when this is the PostgreSQL variant and no server is configured (outside CI): its tests skip.</summary>
    public bool Unavailable { get; private set; }

    /// <summary>Why the tests over this fixture skip, when <see cref="Unavailable"/>.</summary>
    public string UnavailableReason { get; private set; } = "";

    /// <summary>Which decisions wait for a second person's approval (the server's default unless a suite says otherwise).</summary>
    protected virtual FourEyesPolicy FourEyes => FourEyesPolicy.Default;

    /// <summary>Whether the server records every /match screening (<c>vigil serve --record-screenings</c>).</summary>
    protected virtual bool RecordScreenings => false;

    /// <summary>The audit signing key file (<c>--audit-key</c>); null: the server's default (beside a SQLite store, none on PostgreSQL).</summary>
    protected virtual string? AuditKey => null;

    /// <summary>Whether the server listens on a real loopback port (for a browser) instead of the in-memory test server.</summary>
    protected virtual bool UseKestrel => false;

    /// <summary>
    /// Why the tests cannot run here (null: they can). The tests over a fixture that needs an absent part are left out
    /// of the run (<see cref="NeedsAttribute"/>); the fixture itself, shared by the assembly, is still made, and must
    /// then do nothing.
    /// </summary>
    protected virtual string? SkipReason() =>
        GetType().GetCustomAttributes(typeof(NeedsAttribute), inherit: true).Cast<NeedsAttribute>()
            .FirstOrDefault(n => SystemParts.IsLeftOut(n.Part)) is { } needs
            ? SystemParts.Advice(needs.Part)
            : null;

    /// <summary>The lists the server starts with: two UN snapshots (an older variant, then the real list) and OFAC.</summary>
    protected virtual void ImportLists(VigilStore store)
    {
        var older = UnListVariants.WriteOlderList();
        store.Import(older);
        File.Delete(older);
        store.Import(TestData.Path("un/consolidated.xml"));
        // The full 2021 CSV set (with addresses, aliases and remarks), where OFAC gives Khalimov an address UN does not.
        store.Import(TestData.Path("ofac/sdn-csv-2021"));
    }

    /// <summary>Changes the store after the lists are imported and before the server starts (links, decisions...).</summary>
    protected virtual void Prepare(VigilStore store)
    {
    }

    /// <summary>Like <see cref="Prepare"/>, for changes made through the store's asynchronous calls (keys, users, subjects).</summary>
    protected virtual Task PrepareAsync(VigilStore store) => Task.CompletedTask;

    /// <summary>The client for a test, skipping the test when this variant has no server to run on.</summary>
    public HttpClient ClientForTest()
    {
        Assert.SkipWhen(Unavailable, UnavailableReason);
        return Client;
    }

    public async ValueTask InitializeAsync()
    {
        if (SkipReason() is { } reason)
        {
            Unavailable = true;
            UnavailableReason = reason;
            return;
        }
        StoreSpec = StoreFactory.NewSpec(Kind);
        var store = VigilStore.Open(StoreSpec);
        ImportLists(store);
        Prepare(store);
        await PrepareAsync(store);
        Factory = new VigilFactory(new ServerOptions { Store = StoreSpec, ApiKeys = ApiKeys, RefreshEvery = TimeSpan.FromMilliseconds(200), RecordScreenings = RecordScreenings, FourEyes = FourEyes, AuditKey = AuditKey });
        if (UseKestrel)
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
        }
        Client = Factory.CreateClient();
        await WaitUntilReady(Client, TestContext.Current.CancellationToken);
    }

    public static async Task WaitUntilReady(HttpClient client, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
            if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("ready").GetBoolean())
            {
                return;
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException("the server's index was not ready within 120 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (Factory is null)
        {
            return;
        }
        Client?.Dispose();
        await Factory.DisposeAsync();
        StoreFactory.Remove(StoreSpec);
        GC.SuppressFinalize(this);
    }
}

/// <summary>The server over a SQLite store, the embedded default.</summary>
public sealed class SqliteVigilApp : VigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

/// <summary>The server over PostgreSQL (VIGIL_TEST_POSTGRES; always run in CI).</summary>
[Needs(SystemPart.PostgreSql)]
public sealed class PostgresVigilApp : VigilApp
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
