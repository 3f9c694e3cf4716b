namespace Vigil.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again: the Standard Webhooks schedule (at once, then after 5 s, 5 min, 30 min, 2 h,
/// 5 h, 10 h and 10 h), so a receiver down for most of a day still gets every message; after the last attempt the
/// delivery is failed and stays in the log.
/// </summary>
public static class WebhookRetrySchedule
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>The most attempts a delivery gets.</summary>
    public static int MaxAttempts => Delays.Length + 1;

    /// <summary>How long to wait after failed attempt number <paramref name="attempt"/> (from 1), or null when it was the last.</summary>
    public static TimeSpan? After(int attempt) => attempt >= 1 && attempt <= Delays.Length ? Delays[attempt - 1] : null;
}
