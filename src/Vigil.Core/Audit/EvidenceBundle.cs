using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Core.Audit;

/// <summary>
/// The evidence of one subject up to a date, verifiable offline with the log's public key: the audit entries that
/// concern it (its versions as screened, its alerts and decisions with who and when) and the seals of the runs that
/// screened it, each with its inclusion proof to a signed checkpoint; each screening with its proof to its run's seal;
/// and the commands that re-perform the screenings against the lists as they stood.
/// </summary>
public sealed record EvidenceBundle(
    string Format,
    string Subject,
    string At,
    string MadeAt,
    string Checkpoint,
    IReadOnlyList<EvidenceEntry> Entries,
    IReadOnlyList<EvidenceScreening> Screenings,
    IReadOnlyList<string> Rescreen)
{
    public const string CurrentFormat = "vigil-evidence/1";

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>An audit entry in a bundle: its canonical text (the bytes its leaf hash is over), its payload unless purged, and its audit path (base64 hashes).</summary>
public sealed record EvidenceEntry(long Seq, string Canonical, string? Payload, IReadOnlyList<string> Proof);

/// <summary>A screening in a bundle: its canonical text, the sequence number of its run's seal, its index among the run's screenings and its audit path to the seal's <c>screenings_root</c>.</summary>
public sealed record EvidenceScreening(long Screening, long RunSeal, long Index, string Canonical, IReadOnlyList<string> Proof);
