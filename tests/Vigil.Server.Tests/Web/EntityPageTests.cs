using System.Net;

namespace Vigil.Server.Tests.Web;

/// <summary>The entity page over each store: records, names by script, designations, and values where sources differ.</summary>
public abstract class EntityPageTests<TApp>(TApp app)
    where TApp : VigilApp
{
    private async Task<(HttpStatusCode Status, string Html)> Get(string path)
    {
        Assert.SkipWhen(app.Unavailable, app.UnavailableReason);
        return await Html.Get(app.Client, path);
    }

    [Fact]
    public async Task Khalimov_shows_both_dates_and_all_places_of_birth_marked_as_differing()
    {
        var (status, html) = await Get("/entity/un-sc:QDi.372");

        Assert.Equal(HttpStatusCode.OK, status);
        var dates = Html.Element(html, "property-birthDate");
        Assert.Contains("class=\"property differs\"", dates, StringComparison.Ordinal);
        Assert.Contains("sources differ", dates, StringComparison.Ordinal);
        Assert.Contains(">1975-05-14</div>", dates, StringComparison.Ordinal);
        Assert.Contains(">1975~</div>", dates, StringComparison.Ordinal);
        Assert.Contains("as written: APPROXIMATELY 1975", dates, StringComparison.Ordinal);
        var places = Html.Element(html, "property-birthPlace");
        Assert.Contains("sources differ", places, StringComparison.Ordinal);
        Assert.Contains(">Varzob area, Tajikistan</div>", places, StringComparison.Ordinal);
        Assert.Contains(">Dushanbe, Tajikistan</div>", places, StringComparison.Ordinal);
        // A property with one value is not flagged.
        Assert.DoesNotContain("sources differ", Html.Element(html, "property-nationality"), StringComparison.Ordinal);
        Html.AssertNoInlineCode(html);
    }

    [Fact]
    public async Task Khalimov_shows_his_record_listing_history_and_designation()
    {
        var (_, html) = await Get("/entity/un-sc:QDi.372");

        var record = Html.Element(html, "record-un-sc:QDi.372");
        Assert.Contains("badge listed", record, StringComparison.Ordinal);
        Assert.Contains("in snapshot", record, StringComparison.Ordinal);
        var designations = Html.Element(html, "designations-heading");
        Assert.Contains("Designations", designations, StringComparison.Ordinal);
        Assert.Contains("<td>Al-Qaida</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>UN Security Council</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2016-02-29</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_are_grouped_by_script_and_set_to_find_their_own_direction()
    {
        var (status, html) = await Get("/entity/un-sc:IQi.001");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<caption>Latin</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Arabic</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"name\" dir=\"auto\">صدام حسين التكريتي</span>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("<caption>Latin</caption>", StringComparison.Ordinal) < html.IndexOf("<caption>Arabic</caption>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_id_is_a_not_found_page()
    {
        var (status, html) = await Get("/entity/un-sc:QDi.000");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("<h1>No such entity</h1>", html, StringComparison.Ordinal);
        Assert.Contains("un-sc:QDi.000", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_of_a_date_before_the_first_import_there_is_nothing_and_an_unreadable_date_is_refused()
    {
        var (before, _) = await Get("/entity/un-sc:QDi.372?as_of=1999-01-01");
        var (unreadable, html) = await Get("/entity/un-sc:QDi.372?as_of=yesterday");
        var (today, latest) = await Get($"/entity/un-sc:QDi.372?as_of={DateTime.UtcNow:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.NotFound, before);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable);
        Assert.Contains("&#x27;yesterday&#x27; is not a date", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, today);
        Assert.Contains("(the lists as they stood that day)", latest, StringComparison.Ordinal);
    }
}

/// <summary>The entity page over SQLite.</summary>
public sealed class SqliteEntityPageTests(SqliteVigilApp app) : EntityPageTests<SqliteVigilApp>(app);

/// <summary>The entity page over PostgreSQL.</summary>
public sealed class PostgresEntityPageTests(PostgresVigilApp app) : EntityPageTests<PostgresVigilApp>(app);
