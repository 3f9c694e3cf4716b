using System.Diagnostics;

namespace Vigil.Tests.Parts;

/// <summary>Which parts of the machine are present, and what to install when one is not.</summary>
public static class SystemParts
{
    public const string PostgresVariable = "VIGIL_TEST_POSTGRES";

    public const string Chromium = "/usr/bin/chromium";

    private static readonly Lazy<bool> HasCjkFont = new(FindCjkFont);

    /// <summary>Whether the part is here (a PostgreSQL server is assumed to answer where VIGIL_TEST_POSTGRES names one).</summary>
    public static bool IsPresent(SystemPart part) => part switch
    {
        SystemPart.PostgreSql => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)),
        SystemPart.Browser => File.Exists(Chromium),
        SystemPart.CjkFont => HasCjkFont.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };

    /// <summary>
    /// Whether a missing part is a failure here rather than a reason not to run its tests: CI sets these variables
    /// after installing every part. The font belongs to the browser set-up, so the browser's variable covers it.
    /// </summary>
    public static bool IsRequired(SystemPart part) =>
        Environment.GetEnvironmentVariable(part == SystemPart.PostgreSql ? "VIGIL_TEST_POSTGRES_REQUIRED" : "VIGIL_TEST_BROWSER_REQUIRED") == "1";

    /// <summary>Whether the tests that need the part are left out of this run.</summary>
    public static bool IsLeftOut(SystemPart part) => !IsPresent(part) && !IsRequired(part);

    /// <summary>One line: what is missing and what to do about it.</summary>
    public static string Advice(SystemPart part) => part switch
    {
        SystemPart.PostgreSql => "no PostgreSQL: install postgresql and set VIGIL_TEST_POSTGRES to a connection string "
            + "(Host=127.0.0.1;Port=5432;Username=...;Database=...); VIGIL_TEST_POSTGRES_REQUIRED=1 makes this a failure",
        SystemPart.Browser => $"no browser: {Chromium} is missing (apt-get install chromium fonts-wqy-microhei); "
            + "VIGIL_TEST_BROWSER_REQUIRED=1 makes this a failure",
        SystemPart.CjkFont => "no font with Chinese glyphs (fc-list :lang=zh finds none; apt-get install fonts-wqy-microhei); "
            + "VIGIL_TEST_BROWSER_REQUIRED=1 makes this a failure",
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, null),
    };

    // Chromium draws with the fonts fontconfig knows, so fontconfig is the one to ask.
    private static bool FindCjkFont()
    {
        try
        {
            using var fcList = Process.Start(new ProcessStartInfo("fc-list", [":lang=zh", "family"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = fcList.StandardOutput.ReadToEnd();
            return fcList.WaitForExit(10_000) && fcList.ExitCode == 0 && output.Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
