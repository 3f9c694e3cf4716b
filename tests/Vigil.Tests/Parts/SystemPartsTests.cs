using System.Diagnostics;
using System.Reflection;
using Npgsql;

namespace Vigil.Tests.Parts;

/// <summary>
/// One test per part of the machine this suite's tests need: it passes when the part is here and works, fails when
/// it is absent where it is required (CI), and otherwise skips with one line saying what to install, while the tests
/// that need the part are left out of the run (<see cref="PartAwareTestFramework"/>).
/// </summary>
public sealed class SystemPartsTests
{
    /// <summary>The parts the tests of this assembly need.</summary>
    public static TheoryData<SystemPart> Parts()
    {
        var needed = typeof(SystemPartsTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()).SelectMany(m => PartAwareTestFramework.Needs(t, m)))
            .Distinct()
            .Order();
        return [.. needed];
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public async Task The_parts_the_suite_needs_are_here(SystemPart part)
    {
        if (SystemParts.IsLeftOut(part))
        {
            Assert.Skip($"{PartAwareTestFramework.LeftOut.GetValueOrDefault(part)} tests not run: {SystemParts.Advice(part)}");
        }
        Assert.True(SystemParts.IsPresent(part), SystemParts.Advice(part));
        var cancel = TestContext.Current.CancellationToken;
        switch (part)
        {
            case SystemPart.PostgreSql:
                await using (var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(SystemParts.PostgresVariable)))
                {
                    await connection.OpenAsync(cancel);
                    await using var command = new NpgsqlCommand("SELECT 1", connection);
                    Assert.Equal(1, await command.ExecuteScalarAsync(cancel));
                }
                break;
            case SystemPart.Browser:
                using (var chromium = Process.Start(new ProcessStartInfo(SystemParts.Chromium, ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    var version = await chromium.StandardOutput.ReadToEndAsync(timeout.Token);
                    await chromium.WaitForExitAsync(timeout.Token);
                    Assert.Contains("Chromium", version, StringComparison.Ordinal);
                }
                break;
        }
    }
}
