using System.Globalization;

namespace Vigil.Core.Workflow;

/// <summary>
/// Where a page of the priority-ordered queue ends: the last alert's band and id. Written in addresses as
/// <c>BAND-ID</c> (<c>3-1042</c>), so a page is found by the index however deep it lies.
/// </summary>
public readonly record struct AlertCursor(ScoreBand Band, long Id)
{
    public static AlertCursor Of(Alert alert) => new(alert.Band, alert.Id);

    public static bool TryParse(string? text, out AlertCursor cursor)
    {
        cursor = default;
        var parts = (text ?? "").Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var band) && Enum.IsDefined((ScoreBand)band)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            cursor = new AlertCursor((ScoreBand)band, id);
            return true;
        }
        return false;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(int)Band}-{Id}");
}
