using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vigil.Server.Tests.Api;

/// <summary>
/// <c>POST /match</c> reads a nationality however it is written, and one it cannot read neither helps nor hurts:
/// the response's explanation names it.
/// </summary>
public abstract class MatchCountryTests<TApp>(TApp app) where TApp : VigilApp
{
    private readonly HttpClient _client = app.ClientForTest();

    // A spelling of Khalimov whose name score is under 1, so a country's effect shows in the score.
    private async Task<JsonElement> Khalimov(string? nationality)
    {
        var properties = nationality is null
            ? """{"name": ["Gulmurod Halimov"]}"""
            : """{"name": ["Gulmurod Halimov"], "nationality": [""" + JsonSerializer.Serialize(nationality) + "]}";
        var body = """{"queries": {"q": {"schema": "Person", "properties": """ + properties + "}}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/match/default", UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var top = json.GetProperty("responses").GetProperty("q").GetProperty("results")[0];
        Assert.Equal("un-sc:QDi.372", top.GetProperty("id").GetString());
        return top;
    }

    [Theory]
    [InlineData("Tadjikistan")]
    [InlineData("Republic of Tajikistan")]
    [InlineData("Таджикистан")]
    public async Task Khalimov_with_Tajikistan_written_any_way_scores_as_with_TJ_and_alerts(string nationality)
    {
        var code = await Khalimov("TJ");
        var named = await Khalimov(nationality);
        Assert.Equal(code.GetProperty("score").GetDouble(), named.GetProperty("score").GetDouble());
        Assert.True(named.GetProperty("match").GetBoolean());
        Assert.True(named.GetProperty("features").GetProperty("country").GetDouble() > 0);
    }

    [Fact]
    public async Task An_unknown_nationality_scores_as_none_and_the_explanation_names_it()
    {
        var none = await Khalimov(null);
        var atlantis = await Khalimov("Atlantis");
        Assert.Equal(none.GetProperty("score").GetDouble(), atlantis.GetProperty("score").GetDouble());
        Assert.False(atlantis.GetProperty("features").TryGetProperty("country", out _));
        var ignored = Assert.Single(atlantis.GetProperty("explanation").GetProperty("ignored").EnumerateArray());
        Assert.Equal("country", ignored.GetProperty("qualifier").GetString());
        Assert.Equal("Atlantis", ignored.GetProperty("value").GetString());
    }
}

/// <summary>The nationality suite on SQLite.</summary>
public sealed class SqliteMatchCountryTests(SqliteVigilApp app) : MatchCountryTests<SqliteVigilApp>(app);

/// <summary>The nationality suite on PostgreSQL.</summary>
public sealed class PostgresMatchCountryTests(PostgresVigilApp app) : MatchCountryTests<PostgresVigilApp>(app);
