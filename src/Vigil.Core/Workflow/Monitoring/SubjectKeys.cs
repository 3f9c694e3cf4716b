using Vigil.Matching.Screening;

namespace Vigil.Core.Workflow.Monitoring;

/// <summary>
/// The candidate keys of a subject's screened fields: every key a screening of it looks up in the index (each name,
/// read as the subject's kind of party, and each identifier), as <see cref="SubjectScreener"/> screens them. A list
/// change whose names meet none of them cannot change the subject's candidates.
/// </summary>
public static class SubjectKeys
{
    public static IReadOnlyList<string> Of(SubjectFields fields)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in fields.Names)
        {
            keys.UnionWith(CandidateKeys.OfQuery(name, fields.Kind));
        }
        foreach (var identifier in fields.Identifiers)
        {
            if (CandidateKeys.OfIdentifier(identifier) is { } key)
            {
                keys.Add(key);
            }
        }
        return [.. keys];
    }
}
