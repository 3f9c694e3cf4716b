namespace Vigil.Core.Sources;

/// <summary>
/// Orders ids as people read them: runs of digits by their value, everything else ordinally, so
/// <c>eu-fsf:101</c> comes before <c>eu-fsf:1003</c> and <c>QDi.9</c> before <c>QDi.10</c>.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    private NaturalOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var (xStart, yStart) = (i, j);
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }
                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }
                var a = x.AsSpan(xStart, i - xStart).TrimStart('0');
                var b = y.AsSpan(yStart, j - yStart).TrimStart('0');
                // Digits compare by value: a longer run without leading zeros is the larger number.
                var byValue = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (byValue != 0)
                {
                    return byValue;
                }
                continue;
            }
            var byChar = x[i].CompareTo(y[j]);
            if (byChar != 0)
            {
                return byChar;
            }
            i++;
            j++;
        }
        var byRest = (x.Length - i).CompareTo(y.Length - j);
        // Equal by value but written differently ("01" and "1"): ordinal order keeps the comparison total.
        return byRest != 0 ? byRest : string.CompareOrdinal(x, y);
    }
}
