using System.Globalization;
using Vigil.Core.Audit;
using Vigil.Core.Workflow;

namespace Vigil.Server.Web;

/// <summary>
/// The audit page's search as the reader set it (<c>/audit?kind=&amp;actor=&amp;from=&amp;to=&amp;subject=&amp;alert=&amp;after=</c>),
/// read into an <see cref="AuditQuery"/>, or into messages naming the field at fault.
/// </summary>
public sealed record AuditForm(string? Kind, string? Actor, string? From, string? To, string? Subject, string? Alert, string? After)
{
    public const int PageSize = 50;

    /// <summary>The query for this page, or null with every problem found.</summary>
    public AuditQuery? Read(List<FieldError> errors)
    {
        AuditEventKind? kind = null;
        if (Blank(Kind) is { } kindText)
        {
            if (WorkflowNames.TryParse<AuditEventKind>(kindText, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                errors.Add(new("kind", $"Kind: '{kindText}' is not one of {WorkflowNames.All<AuditEventKind>()}."));
            }
        }
        var from = Day(From, "from", "T00:00:00.000Z", errors);
        var to = Day(To, "to", "T23:59:59.999Z", errors);
        if (from is not null && to is not null && string.CompareOrdinal(from, to) > 0)
        {
            errors.Add(new("to", "To: the range ends before it starts."));
        }
        var alert = Number(Alert, "alert", "Alert: give an alert number (1, 2, 3…).", errors);
        var after = Number(After, "after", "Follow the page's own link to the next entries.", errors) ?? 0;
        return errors.Count > 0 ? null : new AuditQuery(from, to, Blank(Subject), kind, Blank(Actor), after, PageSize, alert);
    }

    /// <summary>This search's address, from after the given sequence number; empty values are left out.</summary>
    public string Link(long? after = null) => Address("/audit", [("kind", Kind), ("actor", Actor), ("from", From), ("to", To), ("subject", Subject), ("alert", Alert),
        ("after", after?.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>The export of what the export endpoint can filter by (the dates and the subject), in one format.</summary>
    public string ExportLink(string format) => Address("/audit/export", [("from", From), ("to", To), ("subject", Subject), ("format", format)]);

    private static string Address(string path, IEnumerable<(string Name, string? Value)> values)
    {
        var given = values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).Select(v => v.Name + "=" + Uri.EscapeDataString(v.Value!.Trim())).ToList();
        return given.Count == 0 ? path : path + "?" + string.Join("&", given);
    }

    private static string? Day(string? text, string field, string clock, List<FieldError> errors)
    {
        if (Blank(text) is not { } day)
        {
            return null;
        }
        if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return day + clock;
        }
        errors.Add(new(field, $"{char.ToUpperInvariant(field[0])}{field[1..]}: '{day}' is not a date in the form YYYY-MM-DD."));
        return null;
    }

    private static long? Number(string? text, string field, string message, List<FieldError> errors)
    {
        if (Blank(text) is not { } digits)
        {
            return null;
        }
        if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }
        errors.Add(new(field, message));
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
