using System.Text.Json;
using Vigil.Cli;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil screen --input</c>: a row that cannot be read is reported with its line number and never stops the good rows.</summary>
public class BatchScreenTests(ImportedStore store) : IClassFixture<ImportedStore>
{
    [Fact]
    public void Bad_rows_become_error_lines_with_their_line_numbers_and_the_good_rows_are_all_screened()
    {
        using var input = new TempText(
            "query_id,name,dob,country\n"
            + "1,Gulmurod Halimov,1975-05-14,TJ\n"
            + "2,Halimov\n"
            + "3,Halimov, Gulmurod,1975,TJ\n"
            + "4,Gulmurod Halimov,1975-02-30,TJ\n"
            + "5,,1975,TJ\n"
            + "6,Gulmurod Halimov,1975,Atlantis\n"
            + "7,\"Halimov, Gulmurod\",1975,TJ\n");

        var (exit, output, error) = store.Run("screen", "--input", input.Path);

        Assert.Equal(VigilCommand.BadInput, exit);
        var lines = output.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], lines.Select(l => l.GetProperty("query_id").GetString()));
        foreach (var good in new[] { lines[0], lines[5], lines[6] })
        {
            Assert.Equal("un-sc:QDi.372", good.GetProperty("results")[0].GetProperty("id").GetString());
            Assert.Equal("un-sc", good.GetProperty("lists")[0].GetProperty("source").GetString());
        }
        // A country Vigil cannot read screens the row anyway and is named as ignored, never a lower score.
        Assert.Contains("Atlantis", lines[5].GetProperty("results")[0].GetRawText(), StringComparison.Ordinal);
        var expected = new (int Line, string Reason)[]
        {
            (3, "2 cells where the header has 4"),
            (4, "5 cells where the header has 4"),
            (5, "dob '1975-02-30' is not a date"),
            (6, "the name is empty"),
        };
        foreach (var (row, (line, reason)) in lines[1..5].Zip(expected))
        {
            Assert.Equal(line, row.GetProperty("line").GetInt32());
            Assert.Contains(reason, row.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.False(row.TryGetProperty("results", out _));
            Assert.Contains($"line {line} ", error, StringComparison.Ordinal);
        }
        Assert.Contains("4 of 7 rows not screened", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_only_good_rows_exits_0_and_writes_one_line_per_row_into_the_output_file()
    {
        using var input = new TempText("query_id,name,schema\nq1,Gulmurod Halimov,Person\nq2,Nobody Atall Unlisted,Person\n");
        var output = input.Path + ".jsonl";
        try
        {
            var (exit, _, error) = store.Run("screen", "--input", input.Path, "--output", output);

            Assert.True(exit == 0, error);
            var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(["q1", "q2"], lines.Select(l => l.GetProperty("query_id").GetString()));
            Assert.All(lines, l => Assert.False(l.TryGetProperty("error", out _)));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
