using Vigil.Core.Workflow;

namespace Vigil.Server.Web;

/// <summary>
/// The alert queue's filters as the analyst set them (<c>/alerts?status=&amp;kind=&amp;portfolio=&amp;assignee=&amp;mine=&amp;after=</c>),
/// read into an <see cref="AlertQuery"/> in priority order, or into messages naming the filter at fault.
/// </summary>
public sealed record QueueForm(string? Status, string? Kind, string? Portfolio, string? Assignee, bool Mine, string? After)
{
    public const int PageSize = 50;

    /// <summary>The statuses the filter offers: <c>open</c> is every alert not closed, as in the API.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["open", "in_review", "pending_approval", "closed", "all"];

    public string StatusOrDefault => string.IsNullOrWhiteSpace(Status) ? "open" : Status.Trim().ToLowerInvariant();

    /// <summary>The query for this page, or null with every problem found; <paramref name="me"/> is the caller's name.</summary>
    public AlertQuery? Read(string me, List<FieldError> errors)
    {
        var status = StatusOrDefault;
        AlertStatus? exact = null;
        if (!Statuses.Contains(status))
        {
            errors.Add(new("status", $"Status: '{Status}' is not one of {string.Join(", ", Statuses)}."));
        }
        else if (status is not ("open" or "all"))
        {
            exact = WorkflowNames.TryParse<AlertStatus>(status, out var parsed) ? parsed : null;
        }
        AlertKind? kind = null;
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            if (WorkflowNames.TryParse<AlertKind>(Kind, out var parsed))
            {
                kind = parsed;
            }
            else
            {
                errors.Add(new("kind", $"Kind: '{Kind}' is not one of {WorkflowNames.All<AlertKind>()}."));
            }
        }
        AlertCursor? after = null;
        if (!string.IsNullOrWhiteSpace(After))
        {
            if (AlertCursor.TryParse(After, out var cursor))
            {
                after = cursor;
            }
            else
            {
                errors.Add(new("after", $"'{After}' is not a page of the queue: follow the queue's own links to the next page."));
            }
        }
        if (errors.Count > 0)
        {
            return null;
        }
        return new AlertQuery(exact, status == "open", kind, Limit: PageSize)
        {
            Portfolio = Blank(Portfolio),
            AssignedTo = Mine ? me : Blank(Assignee),
            Order = AlertOrder.Priority,
            After = after,
        };
    }

    /// <summary>This form's address with some values replaced, for the kind links and the next page; empty values are left out.</summary>
    public string Link(string? kind = null, string? after = null, bool keepKind = true)
    {
        var values = new List<string>();
        Add("status", Status);
        Add("kind", kind ?? (keepKind ? Kind : null));
        Add("portfolio", Portfolio);
        Add("assignee", Mine ? null : Assignee);
        if (Mine)
        {
            values.Add("mine=true");
        }
        Add("after", after);
        return values.Count == 0 ? "/alerts" : "/alerts?" + string.Join("&", values);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
