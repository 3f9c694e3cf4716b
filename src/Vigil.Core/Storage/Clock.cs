using System.Globalization;

namespace Vigil.Core.Storage;

/// <summary>Timestamps as the store keeps them: UTC ISO 8601 text, which sorts and compares the same in every engine.</summary>
internal static class Clock
{
    public static string NowText() => Text(DateTimeOffset.UtcNow);

    public static string Text(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
