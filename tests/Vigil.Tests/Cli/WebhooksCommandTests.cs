using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Tests.Storage;
using Vigil.Tests.Webhooks;

namespace Vigil.Tests.Cli;

/// <summary><c>vigil webhooks</c>: a receiver added with its secret shown once, tested, sent what is due, logged and removed.</summary>
public sealed class WebhooksCommandTests
{
    [Fact]
    public void A_webhook_added_on_the_command_line_is_tested_sent_an_import_logged_and_removed()
    {
        using var cli = new CliRunner(StoreFactory.NewSqliteSpec());
        using var receiver = new WebhookReceiver(204);
        cli.Run("import", TestData.Path("samples/ch-seco-amendment-TEST-2024-01-17.xml"));

        var added = cli.Run("webhooks", "add", receiver.Url, "--events", "snapshot.imported,update.quarantined", "--description", "case system", "--json");
        var json = JsonDocument.Parse(added.Out).RootElement;
        var id = json.GetProperty("webhook").GetProperty("id").ToString();
        var secret = json.GetProperty("secret").GetString()!;
        var tested = cli.Run("webhooks", "test", id);
        cli.Run("import", TestData.Path("samples/eu-fsf-1_1-excerpt-2020-04-15.xml"));
        var delivered = cli.Run("webhooks", "deliver");
        var log = cli.Run("webhooks", "log", id, "--json");
        var listed = cli.Run("webhooks", "list");
        var removed = cli.Run("webhooks", "remove", id);
        var again = cli.Run("webhooks", "remove", id);

        Assert.Equal(0, added.Exit);
        Assert.Equal(["snapshot.imported", "update.quarantined"], json.GetProperty("webhook").GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((0, "delivered: HTTP 204"), (tested.Exit, tested.Out.Trim()[..("delivered: HTTP 204".Length)]));
        Assert.Equal((0, "1 attempts made"), (delivered.Exit, delivered.Out.Trim()));
        Assert.Equal(["webhook.test", "snapshot.imported"], receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()));
        Assert.All(receiver.Requests, r => Assert.Equal(
            "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{r.Id}.{r.Timestamp}.{r.Body}"))),
            r.Signature));
        Assert.Equal(["delivered", "delivered"], JsonDocument.Parse(log.Out).RootElement.EnumerateArray().Select(d => d.GetProperty("state").GetString()));
        Assert.DoesNotContain(secret, listed.Out, StringComparison.Ordinal);
        Assert.Contains("case system", listed.Out + added.Out, StringComparison.Ordinal);
        Assert.Equal((0, 3), (removed.Exit, again.Exit));
    }

    [Fact]
    public void Testing_a_receiver_that_refuses_says_what_it_answered_and_exits_1()
    {
        using var cli = new CliRunner(StoreFactory.NewSqliteSpec());
        using var receiver = new WebhookReceiver(503);
        cli.Run("import", TestData.Path("samples/ch-seco-amendment-TEST-2024-01-17.xml"));
        cli.Run("webhooks", "add", receiver.Url, "--events", "all");

        var tested = cli.Run("webhooks", "test", "1");

        Assert.Equal(1, tested.Exit);
        Assert.StartsWith("not delivered: HTTP 503", tested.Out, StringComparison.Ordinal);
    }
}
