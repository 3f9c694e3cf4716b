namespace Vigil.Core.Workflow;

/// <summary>One screened field of a subject whose values changed between two versions.</summary>
public sealed record FieldChange(string Field, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>The screened fields that differ between two versions of a subject, in a fixed order.</summary>
    public static IReadOnlyList<FieldChange> Between(SubjectFields before, SubjectFields after)
    {
        var changes = new List<FieldChange>();
        Compare("schema", [before.Schema], [after.Schema]);
        Compare("names", before.Names, after.Names);
        Compare("birthDates", before.BirthDates, after.BirthDates);
        Compare("countries", before.Countries, after.Countries);
        Compare("identifiers", before.Identifiers, after.Identifiers);
        return changes;

        void Compare(string field, IReadOnlyList<string> was, IReadOnlyList<string> now)
        {
            var added = now.Except(was, StringComparer.Ordinal).ToList();
            var removed = was.Except(now, StringComparer.Ordinal).ToList();
            if (added.Count + removed.Count > 0)
            {
                changes.Add(new FieldChange(field, added, removed));
            }
        }
    }
}
