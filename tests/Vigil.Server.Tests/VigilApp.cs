using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Tests;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests;

/// <summary>
/// The server under test, hosted by <see cref="WebApplicationFactory{TEntryPoint}"/> with exactly the services and
/// pipeline <c>vigil serve</c> uses, over a real store.
/// </summary>
public sealed class VigilFactory(ServerOptions options) : WebApplicationFactory<VigilFactory>
{
    public ServerOptions Options { get; } = options;

    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            .ConfigureWebHostDefaults(web => web
                .UseContentRoot(AppContext.BaseDirectory)
                .ConfigureServices(services => VigilServer.AddServices(services, Options))
                .Configure(VigilServer.Configure));

    // The factory guesses a content root beside the solution file; the server needs none but the output folder.
    // Request-by-request logging would bury the test output.
    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder
        .UseContentRoot(AppContext.BaseDirectory)
        .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
}

/// <summary>
/// A store holding two UN snapshots (an older variant, then the real list) and the OFAC SDN list, and a server over
/// it whose index is built. One per test class; the SQLite and PostgreSQL subclasses run the same suites.
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

    public async ValueTask InitializeAsync()
    {
        if (Kind == StoreKind.Postgres && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(StoreFactory.PostgresVariable))
            && Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES_REQUIRED") != "1")
        {
            Unavailable = true;
            return;
        }
        StoreSpec = StoreFactory.NewSpec(Kind);
        var store = VigilStore.Open(StoreSpec);
        var older = UnListVariants.WriteOlderList();
        store.Import(older);
        File.Delete(older);
        store.Import(TestData.Path("un/consolidated.xml"));
        store.Import(TestData.Path("ofac/sdn-csv-2024-05-03"));
        Factory = new VigilFactory(new ServerOptions { Store = StoreSpec, ApiKeys = ApiKeys, RefreshEvery = TimeSpan.FromMilliseconds(200) });
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
        if (Unavailable)
        {
            return;
        }
        Client.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The server over a SQLite store, the embedded default.</summary>
public sealed class SqliteVigilApp : VigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

/// <summary>The server over PostgreSQL (VIGIL_TEST_POSTGRES; always run in CI).</summary>
public sealed class PostgresVigilApp : VigilApp
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
