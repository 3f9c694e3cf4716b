using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Core.Model;

namespace Vigil.Core.Workflow;

/// <summary>
/// The material facts of one list record in one snapshot, sorted, and their fingerprint: the SHA-256 of their
/// canonical JSON. Two snapshots that state the same material facts give the same fingerprint, whatever their order,
/// remarks or modification dates.
/// </summary>
public sealed record RecordFacts(string RecordId, string Fingerprint, IReadOnlyList<MaterialFact> Facts)
{
    /// <summary>
    /// Properties that are not material: remarks, modification dates, source addresses and quotations of other lists'
    /// ids describe the listing, not the person, so a change to them alone never re-alerts a cleared pair. Every
    /// other property is material, so that a property a parser adds later counts until someone decides otherwise.
    /// </summary>
    public static IReadOnlySet<string> Immaterial { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Properties.Notes, Properties.ModifiedAt, Properties.SourceUrl, Properties.CrossReference,
    };

    public static RecordFacts Create(string recordId, IEnumerable<MaterialFact> facts)
    {
        var sorted = facts
            .Where(f => !Immaterial.Contains(f.Property))
            .Distinct()
            .OrderBy(f => f.Property, StringComparer.Ordinal)
            .ThenBy(f => f.Value, StringComparer.Ordinal)
            .ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(sorted.Select(f => new[] { f.Property, f.Value }));
        return new RecordFacts(recordId, Convert.ToHexStringLower(SHA256.HashData(json)), sorted);
    }

    /// <summary>The fingerprint of an entity: its records' fingerprints, by record id.</summary>
    public static string EntityFingerprint(IReadOnlyDictionary<string, string> recordFingerprints)
    {
        var text = new StringBuilder();
        foreach (var (record, fingerprint) in recordFingerprints.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(record).Append('\t').Append(fingerprint).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The facts added and removed between two states of the same record, property by property.</summary>
    public static IReadOnlyList<FactChange> Diff(RecordFacts before, RecordFacts after)
    {
        var removed = before.Facts.Except(after.Facts).ToList();
        var added = after.Facts.Except(before.Facts).ToList();
        return removed.Select(f => f.Property).Concat(added.Select(f => f.Property))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(p => new FactChange(
                after.RecordId,
                p,
                [.. added.Where(f => f.Property == p).Select(f => f.Value)],
                [.. removed.Where(f => f.Property == p).Select(f => f.Value)]))
            .ToList();
    }
}
