using System.Security.Cryptography;
using Dapper;
using Vigil.Core.Screening;
using Vigil.Core.Storage;
using Vigil.Core.Workflow;
using Vigil.Tests.Parts;

namespace Vigil.Tests.Workflow;

/// <summary>
/// Subjects and their recorded screenings against the real UN list, on SQLite and PostgreSQL alike (see the two
/// subclasses). The stores are shared by the tests of a kind (importing the list is the slow part); each test uses
/// references of its own.
/// </summary>
public abstract class SubjectTests
{
    private const string Khalimov = "un-sc:QDi.372";
    private const string Actor = "test:subjects";

    private readonly UnListStore _shared;

    protected SubjectTests(UnListStore shared) => _shared = shared;

    private (VigilStore Store, ScreeningCorpus Corpus) Shared() => _shared.Value;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// A customer file: ordinary customers, the two Khalimov-like ones, and bad rows (a name with an unquoted comma, a
    /// wrong column count, an impossible date, an empty name, a formula), each on a known line.
    /// </summary>
    private static (string Path, string Prefix, string[] Good) CustomerFile(params string[] extraRows)
    {
        var p = "c" + Guid.NewGuid().ToString("N")[..8] + "-";
        string[] lines =
        [
            "id,name,dob,country",
            $"{p}1,Anna Schmidt,1980-01-01,Germany",
            $"{p}2,\"Halimov Gulmurod\",14.05.1975,",
            $"{p}3,Maria Garcia Lopez,1979,ES",
            $"{p}4,Gulmurod Khalimov,02.03.1991,DE",
            $"{p}5,Halimov, Gulmurod,1975-05-14,TJ",
            $"{p}6,Pierre Dubois,1965-07-30,FR",
            $"{p}7,John Smith,31.02.1980,US",
            $"{p}8,,1980,US",
            $"{p}9,Li Wei",
            "=HYPERLINK(\"http://x\"),,1990,GB",
            $"{p}10,Kenji Tanaka,1972-11-02,Japan",
            $"{p}11,Olga Petrova,1988,Atlantis",
            .. extraRows.Select(r => r.Replace("{p}", p, StringComparison.Ordinal)),
        ];
        var path = Path.Combine(Path.GetTempPath(), "vigil-tests", p + "customers.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return (path, p, [$"{p}1", $"{p}2", $"{p}3", $"{p}4", $"{p}6", $"{p}10", $"{p}11"]);
    }

    private static string RejectsPath() => Path.Combine(Path.GetTempPath(), "vigil-tests", $"{Guid.NewGuid():N}-rejects.csv");

    private async Task<SubjectImportSummary> Import(string path, string? rejects = null)
    {
        var (store, corpus) = Shared();
        return await SubjectImport.RunAsync(store, corpus, path, Actor, portfolio: "retail", profile: "kyc", rejectsPath: rejects, cancellationToken: Cancel);
    }

    [Fact]
    public async Task A_customer_file_stores_every_good_row_rejects_each_bad_row_with_its_line_and_reason_and_both_Khalimovs_hit_QDi_372()
    {
        var (path, p, good) = CustomerFile();
        var rejects = RejectsPath();
        var summary = await Import(path, rejects);

        Assert.Equal((12L, 7L, 0L, 0L, 5L, 7L), (summary.Read, summary.Created, summary.Changed, summary.Unchanged, summary.Rejected, summary.Screened));
        Assert.Equal(2, summary.Hits);
        Assert.Equal([6L, 8L, 9L, 10L, 11L], summary.Rejections.Select(r => r.Line));
        Assert.Equal(
            ["5 cells where the header has 4 (a name with an unquoted comma? quote such cells)", "dob: '31.02.1980' is not a date", "name: empty name", "2 cells where the header has 4", "name: empty name"],
            summary.Rejections.Select(r => r.Reason.Split(" (use")[0]));
        var flag = Assert.Single(summary.Flags);
        Assert.Equal(13, flag.Line);
        Assert.Contains("'Atlantis'", flag.Reason, StringComparison.Ordinal);

        var lines = await File.ReadAllLinesAsync(rejects, Cancel);
        Assert.Equal("line,id,reason,row", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("6,", lines[1], StringComparison.Ordinal);
        Assert.Contains($"\"{p}5,Halimov, Gulmurod,1975-05-14,TJ\"", lines[1], StringComparison.Ordinal);
        // The row that starts with a formula is written so that a spreadsheet shows it as text.
        Assert.EndsWith(",\"'=HYPERLINK(\"\"http://x\"\"),,1990,GB\"", lines[5], StringComparison.Ordinal);

        var (store, _) = Shared();
        foreach (var reference in good)
        {
            var subject = await store.GetSubjectAsync(reference, Cancel);
            Assert.NotNull(subject);
            var screening = Assert.Single(subject.Screenings);
            Assert.Equal(ScreeningKind.Onboarding, screening.Run.Kind);
            Assert.Equal("kyc", screening.Run.Profile);
            Assert.Equal(1, screening.SubjectVersion);
        }
        foreach (var khalimov in new[] { $"{p}2", $"{p}4" })
        {
            var screening = Assert.Single((await store.GetSubjectAsync(khalimov, Cancel))!.Screenings);
            Assert.Equal(ScreeningOutcome.Alert, screening.Outcome);
            Assert.Contains(Khalimov, Assert.Single(screening.Hits).RecordIds);
        }
        var anna = Assert.Single((await store.GetSubjectAsync($"{p}1", Cancel))!.Screenings);
        Assert.Equal(ScreeningOutcome.NoHit, anna.Outcome);
        Assert.Empty(anna.Hits);
        var olga = (await store.GetSubjectAsync($"{p}11", Cancel))!.Current;
        Assert.Equal(["Atlantis"], olga.Fields.UnresolvedCountries);
        Assert.Null(await store.GetSubjectAsync($"{p}5", Cancel));

    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing_and_screens_nothing()
    {
        var (path, p, good) = CustomerFile();
        await Import(path);
        var again = await Import(path);

        Assert.Equal((12L, 0L, 0L, 7L, 5L, 0L), (again.Read, again.Created, again.Changed, again.Unchanged, again.Rejected, again.Screened));
        var (store, _) = Shared();
        foreach (var reference in good)
        {
            var subject = (await store.GetSubjectAsync(reference, Cancel))!;
            Assert.Single(subject.Versions);
            Assert.Single(subject.Screenings);
        }
        Assert.Empty(again.Runs);
        _ = p;
    }

    [Fact]
    public async Task A_case_spacing_or_punctuation_edit_is_no_change()
    {
        var (path, p, _) = CustomerFile();
        await Import(path);
        var edited = (await File.ReadAllTextAsync(path, Cancel))
            .Replace("Anna Schmidt", "  ANNA   schmidt. ", StringComparison.Ordinal)
            .Replace("Maria Garcia Lopez", "Maria Garcia-Lopez", StringComparison.Ordinal)
            .Replace("1980-01-01", "01.01.1980", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, edited, Cancel);

        var again = await Import(path);

        Assert.Equal((0L, 0L, 7L), (again.Created, again.Changed, again.Unchanged));
        var (store, _) = Shared();
        Assert.Equal("Anna Schmidt", Assert.Single((await store.GetSubjectAsync($"{p}1", Cancel))!.Versions).Fields.Names[0]);
    }

    [Fact]
    public async Task A_real_name_edit_makes_a_new_version_and_a_new_screening_of_it()
    {
        var (path, p, _) = CustomerFile();
        await Import(path);
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, Cancel)).Replace("Anna Schmidt", "Anna Schmitt", StringComparison.Ordinal), Cancel);

        var again = await Import(path);

        Assert.Equal((0L, 1L, 6L, 1L), (again.Created, again.Changed, again.Unchanged, again.Screened));
        var (store, _) = Shared();
        var subject = (await store.GetSubjectAsync($"{p}1", Cancel))!;
        Assert.Equal([1, 2], subject.Versions.Select(v => v.Version));
        Assert.Equal([SubjectChange.Created, SubjectChange.Changed], subject.Versions.Select(v => v.Change));
        Assert.NotEqual(subject.Versions[0].InputHash, subject.Versions[1].InputHash);
        Assert.Equal(["Anna Schmitt"], subject.Current.Fields.Names);
        Assert.Equal(Actor, subject.Current.RecordedBy);
        Assert.Equal(2, subject.Screenings.Count);
        var latest = subject.Screenings[0];
        Assert.Equal((2, ScreeningKind.SubjectUpdate), (latest.SubjectVersion, latest.Run.Kind));
        Assert.Equal(subject.Current.InputHash, latest.InputHash);
    }

    [Fact]
    public async Task Every_screening_names_its_snapshot_set_with_publication_date_and_file_hash()
    {
        var (path, p, good) = CustomerFile();
        await Import(path);
        var (store, _) = Shared();
        var fileHash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(TestData.Path("un/consolidated.xml"), Cancel)));

        foreach (var reference in good)
        {
            var run = Assert.Single((await store.GetSubjectAsync(reference, Cancel))!.Screenings).Run;
            var snapshot = Assert.Single(run.Snapshots);
            Assert.Equal(("un-sc", "2026-02-27T00:00:09.554Z", fileHash), (snapshot.Source, snapshot.Published, snapshot.ContentHash));
            Assert.Equal(ScreeningConfiguration.CurrentMatcherVersion, run.MatcherVersion);
            Assert.Equal(ScreeningConfiguration.For("kyc").Hash, run.ConfigurationHash);
            Assert.Equal(0.62, run.Threshold);
            Assert.NotNull(run.FinishedAt);
        }
        using var connection = store.Connect();
        Assert.Equal(0, connection.ExecuteScalar<int>(
            "SELECT COUNT(*) FROM screenings s WHERE NOT EXISTS (SELECT 1 FROM screening_run_snapshots r WHERE r.run_id = s.run_id)"));
        _ = p;
    }

    [Fact]
    public async Task Deleting_a_subject_ends_its_monitoring_and_keeps_its_history()
    {
        var (path, p, _) = CustomerFile();
        await Import(path);
        var (store, _) = Shared();

        Assert.True(await store.DeleteSubjectAsync($"{p}2", "test:deleter", Cancel));
        Assert.False(await store.DeleteSubjectAsync($"{p}2", "test:deleter", Cancel));
        Assert.False(await store.DeleteSubjectAsync($"{p}nope", "test:deleter", Cancel));

        var deleted = (await store.GetSubjectAsync($"{p}2", Cancel))!;
        Assert.True(deleted.Deleted);
        Assert.False(deleted.Monitored);
        Assert.Equal([SubjectChange.Created, SubjectChange.Deleted], deleted.Versions.Select(v => v.Change));
        Assert.Equal("test:deleter", deleted.Current.RecordedBy);
        Assert.Equal(deleted.Versions[0].InputHash, deleted.Current.InputHash);
        Assert.Contains(Khalimov, Assert.Single(Assert.Single(deleted.Screenings).Hits).RecordIds);

        // The same reference imported again is a new start of the same subject, with its history before it.
        var again = await Import(path);
        Assert.Equal(1, again.Created);
        var restored = (await store.GetSubjectAsync($"{p}2", Cancel))!;
        Assert.Equal([SubjectChange.Created, SubjectChange.Deleted, SubjectChange.Created], restored.Versions.Select(v => v.Change));
        Assert.False(restored.Deleted);
        Assert.Equal(2, restored.Screenings.Count);
    }

    [Fact]
    public async Task An_xlsx_customer_file_is_read_like_a_csv_with_its_row_numbers()
    {
        var p = "x" + Guid.NewGuid().ToString("N")[..8] + "-";
        var path = Path.Combine(Path.GetTempPath(), "vigil-tests", p + "customers.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        MinimalXlsx.Write(path,
        [
            ["Customer ID", "Full Name", "Date of Birth", "Nationality", "Aliases"],
            [p + "1", "Gulmurod Khalimov", "14.05.1975", "Tajikistan", "Halimov Gulmurod; Гулмурод Ҳалимов"],
            [],
            [p + "2", "", "1980", "DE", null],
            [p + "3", "Anna Schmidt", "1980-13-01", "DE", null],
            [42, "Pierre Dubois", "1965", "FR", null, "stray"],
            [p + "4", "Pierre Dubois", "1965", "FR", null],
        ]);

        var summary = await Import(path);

        Assert.Equal((5L, 2L, 3L), (summary.Read, summary.Created, summary.Rejected));
        Assert.Equal([4L, 5L, 6L], summary.Rejections.Select(r => r.Line));
        Assert.Equal("name: empty name", summary.Rejections[0].Reason);
        Assert.StartsWith("dob: '1980-13-01' is not a date", summary.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Equal("cells beyond the header's 5 columns", summary.Rejections[2].Reason);
        var (store, _) = Shared();
        var khalimov = (await store.GetSubjectAsync(p + "1", Cancel))!;
        Assert.Equal(["Gulmurod Khalimov", "Halimov Gulmurod", "Гулмурод Ҳалимов"], khalimov.Current.Fields.Names);
        Assert.Equal(["tj"], khalimov.Current.Fields.Countries);
        Assert.Contains(Khalimov, Assert.Single(Assert.Single(khalimov.Screenings).Hits).RecordIds);
    }

    [Fact]
    public async Task A_subject_written_twice_in_one_batch_gets_two_versions_in_order()
    {
        var (store, corpus) = Shared();
        var reference = "twice-" + Guid.NewGuid().ToString("N")[..8];
        var intake = new SubjectIntake(store, corpus, Actor);
        var outcomes = await intake.WriteAsync(
            [new SubjectInput(reference, ["Jan Novak"]), new SubjectInput(reference, ["Jan Novak", "Gulmurod Khalimov"], BirthDates: ["1975-05-14"])], Cancel);
        await intake.CompleteAsync(Cancel);

        Assert.Equal([(SubjectChange.Created, 1), (SubjectChange.Changed, 2)], outcomes.Select(o => (o.Change, o.Version)));
        var subject = (await store.GetSubjectAsync(reference, Cancel))!;
        Assert.Equal([ScreeningOutcome.Alert, ScreeningOutcome.NoHit], subject.Screenings.Select(s => s.Outcome));
    }
}

public sealed class SqliteSubjectTests(SqliteUnListStore shared) : SubjectTests(shared), IClassFixture<SqliteUnListStore>;

[Needs(SystemPart.PostgreSql)]
public sealed class PostgresSubjectTests(PostgresUnListStore shared) : SubjectTests(shared), IClassFixture<PostgresUnListStore>;
