using System.Text.Json;
using Vigil.Tests.Storage;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil keys</c> and <c>vigil users</c>: a key printed once and never again, users with a role, revocation at once.</summary>
public sealed class AccessCommandTests
{
    [Fact]
    public void A_key_made_on_the_command_line_is_printed_once_as_json_and_listed_afterwards_without_its_secret()
    {
        using var cli = new CliRunner(StoreFactory.NewSqliteSpec());
        cli.Run("import", TestData.Path("un/consolidated.xml"));

        var made = cli.Run("keys", "create", "--role", "service", "--name", "payments-gateway", "--json");
        var json = JsonDocument.Parse(made.Out).RootElement;
        var key = json.GetProperty("key").GetString()!;
        var listed = cli.Run("keys", "list", "--json");
        var revoked = cli.Run("keys", "revoke", json.GetProperty("id").ToString());
        var again = cli.Run("keys", "revoke", json.GetProperty("id").ToString());

        Assert.Equal(0, made.Exit);
        Assert.Equal(["id", "name", "role", "key"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("payments-gateway", "service"), (json.GetProperty("name").GetString(), json.GetProperty("role").GetString()));
        Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);
        Assert.Contains("payments-gateway", listed.Out, StringComparison.Ordinal);
        Assert.Equal((0, 3), (revoked.Exit, again.Exit));
    }

    [Fact]
    public void A_user_is_added_with_a_password_from_a_file_and_a_short_one_is_refused_naming_the_rule()
    {
        using var cli = new CliRunner(StoreFactory.NewSqliteSpec());
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var good = StoreFactory.NewFilePath("password", ".txt");
        File.WriteAllText(good, "correct horse battery\n");
        var bad = StoreFactory.NewFilePath("password", ".txt");
        File.WriteAllText(bad, "short\n");

        var added = cli.Run("users", "add", "Ann", "--role", "analyst", "--password-file", good);
        var refused = cli.Run("users", "add", "bob", "--role", "reviewer", "--password-file", bad);
        var listed = cli.Run("users", "list", "--json");
        var disabled = cli.Run("users", "disable", "ann");

        Assert.Equal((0, "user ann (analyst) added"), (added.Exit, added.Out.Trim()));
        Assert.Equal(2, refused.Exit);
        Assert.Contains("password: at least 12 characters", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["ann"], JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Select(u => u.GetProperty("login").GetString()));
        Assert.Equal(0, disabled.Exit);
    }

    [Fact]
    public void A_confirmation_on_the_command_line_waits_for_approval_which_its_proposer_cannot_give()
    {
        using var cli = new CliRunner(StoreFactory.NewSqliteSpec());
        cli.Run("import", TestData.Path("un/consolidated.xml"));
        var customers = StoreFactory.NewFilePath("customers", ".csv");
        File.WriteAllLines(customers, ["id,name,dob", "k1,Halimov Gulmurod,14.05.1975"]);
        cli.Run("subjects", "import", customers);
        var alert = JsonDocument.Parse(cli.Run("alerts", "--json").Out).RootElement[0].GetProperty("id").ToString();

        var proposed = cli.Run("decide", alert, "--outcome", "true-match", "--reason", "other", "--note", "Name and birth date agree.", "--json");
        var decision = JsonDocument.Parse(proposed.Out).RootElement;
        var own = cli.Run("decisions", "approve", decision.GetProperty("id").ToString());

        Assert.Equal((0, "proposed"), (proposed.Exit, decision.GetProperty("state").GetString()));
        Assert.Equal(2, own.Exit);
        Assert.Contains("another reviewer must approve or reject it", own.Error, StringComparison.Ordinal);
        Assert.Contains("pending_approval", cli.Run("alerts", "--json").Out, StringComparison.Ordinal);
    }
}
