using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Matching;
using Vigil.Matching.Screening;

namespace Vigil.Core.Workflow;

/// <summary>
/// What a screening run was configured with, as its record names it: the profile, its options, the matcher's
/// version and a hash of the options, so that two runs with the same hash and version scored alike.
/// </summary>
public sealed record ScreeningConfiguration(string Profile, MatchOptions Options, string MatcherVersion, string Json, string Hash)
{
    /// <summary>The matcher's build: Vigil.Matching's informational version (with its source revision when built from git).</summary>
    public static string CurrentMatcherVersion { get; } =
        typeof(NameMatcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(NameMatcher).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static readonly ConcurrentDictionary<string, ScreeningConfiguration> Known = new(StringComparer.Ordinal);

    /// <summary>A named profile's configuration; throws <see cref="ArgumentException"/> naming the profiles for an unknown one.</summary>
    public static ScreeningConfiguration For(string? profile)
    {
        var name = string.IsNullOrWhiteSpace(profile) ? "default" : profile.Trim().ToLowerInvariant();
        return Known.TryGetValue(name, out var known) ? known : Known.GetOrAdd(name, Of(name, MatchOptions.Profile(name)));
    }

    /// <summary>A profile's configuration with options a request adjusted (its threshold, cutoff or limit): they are hashed as given.</summary>
    public static ScreeningConfiguration Of(string name, MatchOptions options)
    {
        // Keys in a fixed order, numbers in invariant round-trip form: the same options always hash alike.
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"candidateLimit":{{options.CandidateLimit}},"cutoff":{{options.Cutoff:R}},"limit":{{options.Limit}},"profile":{{JsonSerializer.Serialize(name)}},"threshold":{{options.Threshold:R}}}""");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        return new ScreeningConfiguration(name, options, CurrentMatcherVersion, json, hash);
    }

    /// <summary>The profile name as stored, or an error naming the profiles.</summary>
    public static string? ProfileName(string? profile, out string? error)
    {
        error = null;
        try
        {
            return For(profile).Profile;
        }
        catch (ArgumentException e)
        {
            error = "profile: " + e.Message;
            return null;
        }
    }
}
