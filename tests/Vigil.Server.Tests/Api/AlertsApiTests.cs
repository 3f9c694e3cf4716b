using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Tests;
using Vigil.Tests.Parts;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// The alert workflow over HTTP on a server of its own (the real UN list only), which monitors in the background: the
/// two Khalimov-like customers alert, one is confirmed and one cleared, a UN file with reworded remarks alerts nobody,
/// and one where QDi.372 gains an alias re-alerts the cleared customer alone, showing the alias.
/// </summary>
public abstract class AlertsApiTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await _client.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement[]> Alerts(string query) =>
        [.. (await Send(HttpMethod.Get, "/alerts?" + query)).Body.GetProperty("alerts").EnumerateArray()];

    /// <summary>Imports a list as another process would, and waits until the server has monitored it.</summary>
    private async Task ImportAndWaitForMonitoring(string path)
    {
        var snapshot = VigilStore.Open(app.StoreSpec).Import(path).Snapshot;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await Send(HttpMethod.Get, "/monitor")).Body;
            if (status.GetProperty("pending").GetArrayLength() == 0
                && status.GetProperty("recent").EnumerateArray().Any(w => w.TryGetProperty("toSnapshot", out var s) && s.ValueKind == JsonValueKind.Number && s.GetInt64() == snapshot))
            {
                return;
            }
            await Task.Delay(200, Cancel);
        }
        throw new TimeoutException($"snapshot {snapshot} was not monitored within 90 s");
    }

    [Fact]
    public async Task A_cleared_customer_stays_quiet_on_reworded_remarks_and_alerts_again_alone_when_the_listing_gains_an_alias()
    {
        var p = "h" + Guid.NewGuid().ToString("N")[..6] + "-";
        var (posted, batch) = await Send(HttpMethod.Post, "/subjects", $$"""
            {"subjects": [
              {"reference": "{{p}}1", "schema": "Person", "names": ["Anna Schmidt"], "birthDates": ["1980-01-01"], "countries": ["DE"]},
              {"reference": "{{p}}2", "schema": "Person", "names": ["Halimov Gulmurod"], "birthDates": ["14.05.1975"]},
              {"reference": "{{p}}3", "schema": "Person", "names": ["Gulmurod Khalimov"], "birthDates": ["02.03.1991"], "countries": ["DE"]}
            ]}
            """);
        Assert.Equal((HttpStatusCode.OK, 2), (posted, batch.GetProperty("alerts").GetInt32()));
        var confirm = Assert.Single(await Alerts($"subject={p}2"));
        var clear = Assert.Single(await Alerts($"subject={p}3"));
        Assert.Equal(("new_match", "open"), (clear.GetProperty("kind").GetString(), clear.GetProperty("status").GetString()));

        var (confirmed, _) = await Send(HttpMethod.Post, $"/alerts/{confirm.GetProperty("id")}/decision",
            """{"outcome": "true_match", "reason": "other", "note": "Name, date and place of birth agree."}""");
        var (cleared, decision) = await Send(HttpMethod.Post, $"/alerts/{clear.GetProperty("id")}/decision",
            """{"outcome": "false_positive", "reason": "dob_differs", "note": "Born 1991 in Germany; the listed man was born 1975."}""");
        var (again, conflict) = await Send(HttpMethod.Post, $"/alerts/{clear.GetProperty("id")}/decision",
            """{"outcome": "true_match", "reason": "other", "note": "Second opinion."}""");
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict), (confirmed, cleared, again));
        Assert.Equal("closed", conflict.GetProperty("alert").GetProperty("status").GetString());
        var accepted = (await Send(HttpMethod.Get, "/accept-list")).Body.EnumerateArray().Select(d => d.GetProperty("id").GetInt64());
        Assert.Contains(decision.GetProperty("id").GetInt64(), accepted);

        var reworded = UnListVariants.WriteWithKhalimov("un-remarks", "2099-01-01T00:00:00.000Z",
            k => k.Element("COMMENTS1")!.Value = "Military expert based in Syria; member and recruiter of ISIL.");
        await ImportAndWaitForMonitoring(reworded);
        Assert.Empty(await Alerts($"subject={p}2"));
        Assert.Empty(await Alerts($"subject={p}3"));

        var alias = UnListVariants.WriteWithKhalimov("un-alias", "2099-02-01T00:00:00.000Z", k => k.Element("INDIVIDUAL_ALIAS")!.ReplaceWith(
            new XElement("INDIVIDUAL_ALIAS", new XElement("QUALITY", "Good"), new XElement("ALIAS_NAME", "Gulmurod Salimovich Khalimov"))));
        await ImportAndWaitForMonitoring(alias);

        // The other test of this class shares the server and may have cleared a Khalimov of its own: only this test's customers count.
        var reReview = Assert.Single(await Alerts("kind=re_review&status=all"), a => a.GetProperty("subject").GetString()!.StartsWith(p, StringComparison.Ordinal));
        Assert.Equal((p + "3", "entity_changed"), (reReview.GetProperty("subject").GetString(), reReview.GetProperty("reasons")[0].GetString()));
        Assert.Equal(decision.GetProperty("id").GetInt64(), reReview.GetProperty("decision").GetInt64());
        var (_, shown) = await Send(HttpMethod.Get, $"/alerts/{reReview.GetProperty("id")}");
        var change = shown.GetProperty("changes").GetProperty("entity").EnumerateArray().Single(c => c.GetProperty("property").GetString() == "alias");
        Assert.Equal("Gulmurod Salimovich Khalimov", change.GetProperty("added")[0].GetString());
        Assert.Equal("update_on_confirmed", Assert.Single(await Alerts($"subject={p}2")).GetProperty("kind").GetString());
        Assert.Empty(await Alerts($"subject={p}1&status=all"));
    }

    [Fact]
    public async Task Comments_and_assignment_go_into_the_alerts_history_and_a_closed_alert_cannot_be_assigned()
    {
        var reference = "h" + Guid.NewGuid().ToString("N")[..6];
        await Send(HttpMethod.Put, "/subjects/" + reference, """{"schema": "Person", "names": ["Gulmurod Khalimov"], "birthDates": ["1975-05-14"]}""");
        var id = Assert.Single(await Alerts($"subject={reference}")).GetProperty("id").GetInt64();

        var (commented, _) = await Send(HttpMethod.Post, $"/alerts/{id}/comments", """{"text": "Asked the branch for the passport."}""");
        var (assigned, alert) = await Send(HttpMethod.Post, $"/alerts/{id}/assign", """{"assignee": "ann"}""");
        await Send(HttpMethod.Post, $"/alerts/{id}/decision", """{"outcome": "inconclusive", "reason": "other", "note": "Waiting for documents.", "expiresAt": "2099-01-01T00:00:00Z"}""");
        var (late, _) = await Send(HttpMethod.Post, $"/alerts/{id}/assign", """{"assignee": "bob"}""");
        var (noNote, problem) = await Send(HttpMethod.Post, $"/alerts/{id}/decision", """{"outcome": "false_positive", "reason": "other", "note": " "}""");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.BadRequest), (commented, assigned, late, noNote));
        Assert.Equal(("in_review", "ann"), (alert.GetProperty("status").GetString(), alert.GetProperty("assignedTo").GetString()));
        Assert.StartsWith("note:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, shown) = await Send(HttpMethod.Get, $"/alerts/{id}");
        Assert.Equal(["created", "comment", "assigned", "closed"], shown.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }
}

/// <summary>A server over a store of its own holding the real UN list, so that tests may import other UN files into it.</summary>
public abstract class UnOnlyVigilApp : VigilApp
{
    protected override void ImportLists(VigilStore store) => store.Import(TestData.Path("un/consolidated.xml"));

    /// <summary>One analyst decides alone here; the four-eyes suite has its own server.</summary>
    protected override FourEyesPolicy FourEyes => FourEyesPolicy.Off;
}

public sealed class SqliteUnOnlyVigilApp : UnOnlyVigilApp
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresUnOnlyVigilApp : UnOnlyVigilApp
{
    protected override StoreKind Kind => StoreKind.Postgres;
}

public sealed class SqliteAlertsApiTests(SqliteUnOnlyVigilApp app) : AlertsApiTests<SqliteUnOnlyVigilApp>(app), IClassFixture<SqliteUnOnlyVigilApp>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresAlertsApiTests(PostgresUnOnlyVigilApp app) : AlertsApiTests<PostgresUnOnlyVigilApp>(app), IClassFixture<PostgresUnOnlyVigilApp>;
