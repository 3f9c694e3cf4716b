using System.Globalization;
using Vigil.Core.Sources;
using Vigil.Core.Storage;

namespace Vigil.Server.Web;

/// <summary>
/// The changes between two snapshots a page at a time: counts of what was added, removed and amended, a filter on
/// record ids, names and properties, ids in natural order (<c>eu-fsf:101</c> before <c>eu-fsf:1003</c>), and each
/// kind cut to a page, so that a diff of thousands of records (OFAC 2021 to 2024) stays a page one can load and read.
/// </summary>
public sealed class ChangesPageModel
{
    public const int IdsPerPage = 500;
    public const int RecordsPerPage = 50;

    /// <summary>The kinds of change, as <c>show</c> names them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["added", "removed", "changed"];

    private readonly List<string> _added;
    private readonly List<string> _removed;
    private readonly List<RecordChange> _changed;

    public ChangesPageModel(DiffResult diff, Func<string, string?> caption, string? show, string? filter, int page)
    {
        Diff = diff;
        Caption = caption;
        Show = show;
        Filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        Page = page;
        _added = [.. diff.Added.Where(Matches).Order(NaturalOrder.Instance)];
        _removed = [.. diff.Removed.Where(Matches).Order(NaturalOrder.Instance)];
        _changed = [.. diff.Changed.Where(c => Matches(c.Id) || (Filter is { } f && c.Changes.Any(p => p.Property.Contains(f, StringComparison.OrdinalIgnoreCase))))
            .OrderBy(c => c.Id, NaturalOrder.Instance)];
    }

    public DiffResult Diff { get; }

    /// <summary>The caption of a record's entity in the current index, when it is there (a delisted record is not).</summary>
    public Func<string, string?> Caption { get; }

    /// <summary>The one kind shown, paged; null shows the first page of each.</summary>
    public string? Show { get; }

    public string? Filter { get; }

    /// <summary>The page of <see cref="Show"/>, from 1.</summary>
    public int Page { get; }

    public int Count(string kind) => kind switch
    {
        "added" => _added.Count,
        "removed" => _removed.Count,
        _ => _changed.Count,
    };

    public bool Shows(string kind) => Show is null || Show == kind;

    public IReadOnlyList<string> Added => Slice(_added, "added", IdsPerPage);

    public IReadOnlyList<string> Removed => Slice(_removed, "removed", IdsPerPage);

    public IReadOnlyList<RecordChange> Changed => Slice(_changed, "changed", RecordsPerPage);

    public int Pages(string kind) => Math.Max(1, (Count(kind) + PerPage(kind) - 1) / PerPage(kind));

    /// <summary>This page's address with another kind, page or filter.</summary>
    public string Link(string? show, int page = 1)
    {
        var link = Links.Changes(Diff.Source, Diff.From ?? 0, Diff.To);
        if (Diff.From is null)
        {
            link = link.Replace("from=0&", "", StringComparison.Ordinal);
        }
        if (show is not null)
        {
            link += "&show=" + show;
        }
        if (Filter is not null)
        {
            link += "&q=" + Uri.EscapeDataString(Filter);
        }
        return page > 1 ? link + "&page=" + page.ToString(CultureInfo.InvariantCulture) : link;
    }

    private static int PerPage(string kind) => kind == "changed" ? RecordsPerPage : IdsPerPage;

    private List<T> Slice<T>(List<T> items, string kind, int size) =>
        !Shows(kind) ? [] : [.. items.Skip(Show is null ? 0 : (Page - 1) * size).Take(size)];

    private bool Matches(string id) =>
        Filter is not { } f || id.Contains(f, StringComparison.OrdinalIgnoreCase) || (Caption(id)?.Contains(f, StringComparison.OrdinalIgnoreCase) ?? false);
}
