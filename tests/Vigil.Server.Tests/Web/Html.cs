using System.Net;
using System.Net.Http.Headers;

namespace Vigil.Server.Tests.Web;

/// <summary>Fetches pages as a browser asks for them, and cuts one element out of a page by its id.</summary>
internal static class Html
{
    public static async Task<(HttpStatusCode Status, string Body)> Get(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (response.Content.Headers.ContentType?.MediaType is { } type)
        {
            Assert.Equal("text/html", type);
        }
        return (response.StatusCode, body);
    }

    /// <summary>The element with this id, from its start tag to its matching end tag (same-name elements nest).</summary>
    public static string Element(string html, string id)
    {
        var at = html.IndexOf($" id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no element with id '{id}' in the page");
        var start = html.LastIndexOf('<', at);
        var name = html[(start + 1)..].Split(' ', '>')[0];
        var depth = 0;
        var i = start;
        while (i < html.Length)
        {
            var open = html.IndexOf($"<{name}", i + 1, StringComparison.Ordinal);
            var close = html.IndexOf($"</{name}>", i + 1, StringComparison.Ordinal);
            Assert.True(close >= 0, $"element '{id}' is not closed");
            if (open >= 0 && open < close && (html[open + name.Length + 1] is ' ' or '>'))
            {
                depth++;
                i = open;
                continue;
            }
            if (depth == 0)
            {
                return html[start..(close + name.Length + 3)];
            }
            depth--;
            i = close;
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The pages keep the server's content security policy: no inline style or script anywhere.</summary>
    public static void AssertNoInlineCode(string html)
    {
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
    }
}
