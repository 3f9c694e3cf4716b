
namespace Vigil.Tests.Cli;

public class ScorePairsCommandTests
{
    [Fact]
    public void Every_input_row_and_column_comes_back_in_order_with_score_and_match()
    {
        var cli = new CliRunner();
        var dir = Path.Combine(Path.GetTempPath(), "vigil-tests");
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, $"pairs-{Guid.NewGuid():N}.csv");
        var output = Path.ChangeExtension(input, ".out.csv");
        File.WriteAllText(input, "case,name1,name2,schema\n1,Gulmurod Khalimov,Гулмурод Ҳалимов,Person\n2,Octavian Scholz,Olaf Scholz,Person\n3,=HYPERLINK(\"x\"),Acme,Company\n");

        var (exit, _, error) = cli.Run("score-pairs", input, "--output", output);

        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(output);
        Assert.Equal("case,name1,name2,schema,score,match", lines[0]);
        Assert.StartsWith("1,Gulmurod Khalimov,Гулмурод Ҳалимов,Person,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",true", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",false", lines[2], StringComparison.Ordinal);
        // A cell a spreadsheet would run as a formula is written inert.
        Assert.StartsWith("3,\"'=HYPERLINK(\"\"x\"\")\",Acme,Company,", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Formulas_behind_spaces_or_in_full_width_are_neutralised_and_plain_numbers_are_left_alone()
    {
        var cli = new CliRunner();
        var input = Path.Combine(Path.GetTempPath(), "vigil-tests", $"pairs-formula-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        var output = Path.ChangeExtension(input, ".out.csv");
        File.WriteAllText(input, "case,name1,name2,weight\n1,  =cmd|' /C calc'!A0,Acme,-1\n2,\uFF1DHYPERLINK(\"x\"),Acme,+44\n3,Bob,Acme,-2+3+cmd\n");

        var (exit, _, error) = cli.Run("score-pairs", input, "--output", output);

        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("1,'  =cmd|' /C calc'!A0,Acme,-1,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2,\"'\uFF1DHYPERLINK(\"\"x\"\")\",Acme,+44,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("3,Bob,Acme,'-2+3+cmd,", lines[3], StringComparison.Ordinal);
        File.Delete(input);
        File.Delete(output);
    }

    [Fact]
    public void A_file_without_name_columns_fails_naming_the_file()
    {
        var cli = new CliRunner();
        var input = Path.Combine(Path.GetTempPath(), "vigil-tests", $"pairs-bad-{Guid.NewGuid():N}.csv");
        File.WriteAllText(input, "a,b\n1,2\n");
        var (exit, output, error) = cli.Run("score-pairs", input);
        Assert.Equal(2, exit);
        Assert.Contains(input, error, StringComparison.Ordinal);
        Assert.Contains("name1", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }
}
