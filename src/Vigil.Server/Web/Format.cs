using System.Globalization;
using Vigil.Core.Workflow;
using Vigil.Matching.Screening;

namespace Vigil.Server.Web;

/// <summary>How the pages write numbers, dates and the matcher's terms, the same way on every page.</summary>
public static class Format
{
    /// <summary>
    /// Every score on every page, and in the matcher's arithmetic, in one form: two decimals, more only where the value
    /// has them (scores are kept to four), so the same number always reads the same.
    /// </summary>
    public static string Score(double value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>A workflow value in words: <c>false_positive</c> as "false positive".</summary>
    public static string Words<T>(T value) where T : struct, Enum => WorkflowNames.Name(value).Replace('_', ' ');

    /// <summary>A decision's reason code as the analyst reads it.</summary>
    public static string Reason(DecisionReason reason) => reason switch
    {
        DecisionReason.NameOnly => "only the name matches",
        DecisionReason.DobDiffers => "date of birth differs",
        DecisionReason.CountryDiffers => "country differs",
        DecisionReason.IdentifierDiffers => "identifier differs",
        DecisionReason.Deceased => "the listed person is deceased",
        _ => "other (see the rationale)",
    };

    /// <summary>A score band with its bounds.</summary>
    public static string Band(ScoreBand band) => band switch
    {
        ScoreBand.High => "high (0.95 and above)",
        ScoreBand.Medium => "medium (0.85 to 0.95)",
        _ => "low (below 0.85)",
    };

    public static string Age(AlertAge age) => age switch
    {
        AlertAge.Day => "under a day",
        AlertAge.Week => "1 to 7 days",
        AlertAge.Month => "7 to 30 days",
        _ => "30 days or more",
    };

    /// <summary>How long ago an ISO 8601 timestamp was, in whole days or hours, as a queue shows an alert's age.</summary>
    public static string Waiting(string timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return "–";
        }
        var span = now - at;
        return span.TotalDays >= 1 ? $"{Math.Floor(span.TotalDays):0} d" : span.TotalHours >= 1 ? $"{Math.Floor(span.TotalHours):0} h" : "< 1 h";
    }

    /// <summary>A maximum list age as it was given: 30m, 48h, 2d.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 7 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0}d"
        : span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours) ? $"{span.TotalHours:0}h"
        : $"{span.TotalMinutes:0}m";

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>The date part of an ISO 8601 timestamp, or a dash.</summary>
    public static string Day(string? timestamp) => string.IsNullOrEmpty(timestamp) ? "–" : timestamp[..Math.Min(10, timestamp.Length)];

    /// <summary>An ISO 8601 timestamp to the minute, UTC, as people read it.</summary>
    public static string Time(string? timestamp) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : timestamp ?? "–";

    /// <summary>A snapshot as cited beside a value: its id and the date it speaks for.</summary>
    public static string Snapshot(long id, string? published, string? importedAt) =>
        published is not null ? $"snapshot {id}, published {Day(published)}" : $"snapshot {id}, imported {Day(importedAt)}";

    /// <summary>What a token-pairing method means, in words.</summary>
    public static string Method(string method) => method switch
    {
        "exact" => "identical",
        "class" => "known variant of the same name",
        "phonetic" => "sounds alike",
        "skeleton" => "same consonants",
        "edit" => "spelling differs by a few letters",
        "initial" => "initial matches the name",
        "prefix" => "shortened form",
        "nickname" => "familiar form of the name",
        "compact" => "same letters, spaced differently",
        "acronym" => "acronym of the name",
        _ when method.StartsWith("translit:", StringComparison.Ordinal) => $"identical once romanised ({method["translit:".Length..]})",
        _ => "",
    };

    public static string Qualifier(string qualifier) => qualifier switch
    {
        "birthDate" => "Date of birth",
        "country" => "Country",
        "identifier" => "Identifier",
        "schema" => "Type",
        "weakAlias" => "Weak alias",
        _ => qualifier,
    };

    /// <summary>Whether an effect raised or lowered the score, for its colour.</summary>
    public static string EffectClass(QualifierEffect effect) => Qualifiers.Delta(effect) switch
    {
        > 0 => "effect-bonus",
        < 0 => "effect-penalty",
        _ => "",
    };

    /// <summary>A script code from the store (ISO 15924) as a heading.</summary>
    public static string Script(string code) => code switch
    {
        "Latn" => "Latin",
        "Cyrl" => "Cyrillic",
        "Arab" => "Arabic",
        "Hani" or "Hans" or "Hant" => "Han (Chinese characters)",
        "Hang" or "Kore" => "Hangul (Korean)",
        "Jpan" or "Hira" or "Kana" => "Japanese",
        "Grek" => "Greek",
        "Hebr" => "Hebrew",
        "Thai" => "Thai",
        "Geor" => "Georgian",
        "Armn" => "Armenian",
        "Deva" => "Devanagari",
        "Mymr" => "Myanmar",
        "Ethi" => "Ethiopic",
        "" or "Zyyy" or "Zzzz" => "Other",
        _ => code,
    };
}

/// <summary>The pages' addresses, built in one place so that every link to an entity or a diff looks the same.</summary>
public static class Links
{
    public static string Entity(string id, DateOnly? asOf = null) =>
        "/entity/" + Segment(id) + (asOf is { } d ? "?as_of=" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");

    public static string Changes(string source, long from, long to) =>
        $"/lists/{Segment(source)}/changes?from={from}&to={to}";

    public static string Alert(long id) => "/alerts/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Subject(string reference) => "/subjects/" + Uri.EscapeDataString(reference);

    /// <summary>The evidence bundle of a subject as it stood on a date (served by the audit trail's endpoint).</summary>
    public static string Evidence(string reference) => "/evidence/subjects/" + Uri.EscapeDataString(reference);

    public static string JobResults(long id, string? format = null) =>
        "/jobs/" + id.ToString(CultureInfo.InvariantCulture) + "/results" + (format is null ? "" : "?format=" + format);

    /// <summary>An id as one path segment; the colon of <c>source:id</c> is left readable since it is legal there.</summary>
    private static string Segment(string value) => Uri.EscapeDataString(value).Replace("%3A", ":", StringComparison.Ordinal);
}
