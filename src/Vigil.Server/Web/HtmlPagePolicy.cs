using Microsoft.AspNetCore.Routing.Matching;

namespace Vigil.Server.Web;

/// <summary>Marks an endpoint as a page for people, chosen over a JSON endpoint at the same path when a browser asks.</summary>
public sealed class HtmlPageMetadata
{
    public static HtmlPageMetadata Instance { get; } = new();

    private HtmlPageMetadata()
    {
    }
}

/// <summary>
/// Where a page and a JSON endpoint share a path (<c>/lists</c>), a request that accepts <c>text/html</c> (a browser
/// navigating) gets the page and any other request the JSON, so neither address has to change for the other.
/// </summary>
internal sealed class HtmlPagePolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<HtmlPageMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        bool page = false, other = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i))
            {
                _ = IsPage(candidates[i].Endpoint) ? page = true : other = true;
            }
        }
        if (!page || !other)
        {
            return Task.CompletedTask;
        }
        var wantsPage = httpContext.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && IsPage(candidates[i].Endpoint) != wantsPage)
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }

    private static bool IsPage(Endpoint endpoint) => endpoint.Metadata.GetMetadata<HtmlPageMetadata>() is not null;
}
