using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vigil.Core.Model;

namespace Vigil.Tests.Model;

public class PartialDateTests
{
    [Theory]
    [InlineData("1975-05-14", "1975-05-14")]
    [InlineData("14/05/1975", "1975-05-14")]
    [InlineData("00/00/1975", "1975")]
    [InlineData("00/05/1975", "1975-05")]
    [InlineData("14 May 1975", "1975-05-14")]
    [InlineData("May 14, 1975", "1975-05-14")]
    [InlineData("May 1975", "1975-05")]
    [InlineData("1975", "1975")]
    [InlineData("circa 1975", "1975~")]
    [InlineData("Approximately 1975", "1975~")]
    [InlineData("approx. 1975", "1975~")]
    [InlineData("ca. 1975", "1975~")]
    [InlineData("between 1970 and 1975", "1970/1975")]
    [InlineData("1970 to 1975", "1970/1975")]
    [InlineData("1970-1975", "1970/1975")]
    [InlineData("2026-02-27T00:00:09.554Z", "2026-02-27")]
    public void Reads_the_ways_lists_write_dates_as_edtf(string text, string expected) =>
        Assert.Equal(expected, PartialDate.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("31/02/1975")]
    [InlineData("1975-13-01")]
    [InlineData("3017-08-22")]
    public void Text_that_is_no_date_gives_null_rather_than_a_wrong_date(string text) =>
        Assert.Null(PartialDate.Parse(text));

    [Property]
    public Property Every_real_day_round_trips_through_iso_and_day_month_year(DateTime day)
    {
        var d = new DateTime(Math.Clamp(day.Year, 1000, 2999), day.Month, day.Day, 0, 0, 0, DateTimeKind.Unspecified);
        var iso = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var dmy = d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return (PartialDate.Parse(iso) == iso && PartialDate.Parse(dmy) == iso).ToProperty();
    }
}
