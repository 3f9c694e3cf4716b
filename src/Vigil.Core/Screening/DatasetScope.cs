namespace Vigil.Core.Screening;

/// <summary>
/// The datasets a request screens against, as yente works them out (yente/search/queries.py, filter_query): the
/// path's dataset (every list for <c>default</c>), narrowed to <c>include_dataset</c> when given, less
/// <c>exclude_dataset</c>. An entity is in scope when one of its datasets is left. A merged entity listed by OFAC and
/// the UN is therefore still screened with <c>exclude_dataset=us-ofac-sdn</c> (the UN listing keeps it), exactly as
/// yente keeps it; with <c>/match/us-ofac-sdn?exclude_dataset=us-ofac-sdn</c> nothing is left and nothing is found.
/// </summary>
public sealed class DatasetScope
{
    private readonly HashSet<string> _allowed;

    private DatasetScope(HashSet<string> allowed) => _allowed = allowed;

    /// <summary>The datasets left in scope, in order.</summary>
    public IReadOnlyList<string> Datasets => [.. _allowed.Order(StringComparer.Ordinal)];

    /// <summary>Whether a dataset name means every list: yente's clients say <c>default</c>, <c>all</c> or <c>sanctions</c>.</summary>
    public static bool AllLists(string dataset) => dataset is "default" or "all" or "sanctions";

    public static DatasetScope Of(IReadOnlySet<string> corpusDatasets, string dataset, IReadOnlyCollection<string> include, IReadOnlyCollection<string> exclude)
    {
        var allowed = AllLists(dataset) ? new HashSet<string>(corpusDatasets, StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal) { dataset };
        if (include.Count > 0)
        {
            allowed.IntersectWith(include);
        }
        allowed.ExceptWith(exclude);
        return new DatasetScope(allowed);
    }

    /// <summary>Whether one of the entity's datasets is in scope.</summary>
    public bool Admits(ScreenedEntity entity) => entity.Datasets.Any(_allowed.Contains);
}
