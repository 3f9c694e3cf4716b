namespace Vigil.Core.Sources;

/// <summary>What a file says about itself, filled in by its parser while reading.</summary>
public sealed class ListHeader
{
    /// <summary>The source the records belong to, e.g. <c>un-sc</c>, <c>us-ofac-sdn</c>; ids are <c>{Source}:{native id}</c>.</summary>
    public string? Source { get; set; }

    /// <summary>The publication date as stated in the file (EDTF text, may carry a time); null when the file states none.</summary>
    public string? Published { get; set; }

    /// <summary>Number of records the file says it holds, when it says so; checked against what was read.</summary>
    public int? DeclaredCount { get; set; }
}
