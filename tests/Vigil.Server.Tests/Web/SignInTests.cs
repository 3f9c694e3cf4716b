using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Vigil.Core.Storage;
using Vigil.Server.Hosting;
using Vigil.Server.Web;
using Vigil.Tests.Storage;

namespace Vigil.Server.Tests.Web;

/// <summary>A server that asks for an API key, over an empty store: sign-in needs no lists.</summary>
public sealed class KeyedServer : IAsyncLifetime
{
    public const string Key = "right-key-7f3a";

    public VigilFactory Factory { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        // An empty store is enough for signing in; the server only opens a store that exists.
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        Factory = new VigilFactory(new ServerOptions { Store = spec, ApiKeys = [Key], SignInsPerMinute = 1000 });
        return ValueTask.CompletedTask;
    }

    /// <summary>A client that shows redirects instead of following them, and keeps no cookies of its own.</summary>
    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Signing in with an API key: the redirect to the form, the key check, the cookie and where it returns to.</summary>
public sealed class SignInTests(KeyedServer server) : IClassFixture<KeyedServer>
{
    private static async Task<HttpResponseMessage> Post(HttpClient client, string key, string next, string? origin = "http://localhost", string? fetchSite = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("key", key), new("next", next)]),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Browser_without_a_key_is_sent_to_sign_in_and_returned_where_it_was_going()
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/lists?x=1", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var redirect = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/login?next=%2Flists%3Fx%3D1", redirect.Headers.Location!.OriginalString);

        var (status, form) = await Html.Get(client, redirect.Headers.Location.OriginalString);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<form method=\"post\" action=\"/login\">", form, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"next\" value=\"/lists?x=1\"", form, StringComparison.Ordinal);
        Assert.Contains("<label for=\"key\">", form, StringComparison.Ordinal);
        // Nothing about the lists is told before sign-in.
        Assert.DoesNotContain("Index:", form, StringComparison.Ordinal);
        Html.AssertNoInlineCode(form);
    }

    [Fact]
    public async Task Wrong_key_is_refused_on_the_form_without_a_cookie()
    {
        using var client = server.Client();

        using var response = await Post(client, "wrong-key", "/lists");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("That key is not accepted", html, StringComparison.Ordinal);
        Assert.Contains("value=\"/lists\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_key_opens_a_session_whose_strict_http_only_cookie_holds_no_key_and_opens_the_pages()
    {
        using var client = server.Client();

        using var response = await Post(client, KeyedServer.Key, "/lists?x=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/lists?x=1", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith($"{VigilAuthentication.SessionCookie}=vs_", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyedServer.Key, cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/lists", UriKind.Relative));
        page.Headers.Add("Cookie", cookie.Split(';')[0]);
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var lists = await client.SendAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, lists.StatusCode);
        Assert.Contains("<h1>Lists</h1>", await lists.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_is_offered_on_every_page_ends_the_session_and_forgets_its_cookie()
    {
        using var client = server.Client();
        using var signIn = await Post(client, KeyedServer.Key, "/lists");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/lists", UriKind.Relative));
        page.Headers.Add("Cookie", cookie);
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var lists = await client.SendAsync(page, TestContext.Current.CancellationToken);
        Assert.Contains("<form class=\"sign-out\" method=\"post\" action=\"/logout\">", await lists.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/logout", UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        signOut.Headers.Add("Cookie", cookie);
        signOut.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await client.SendAsync(signOut, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
        var cleared = response.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith($"{VigilAuthentication.SessionCookie}=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/lists", UriKind.Relative));
        again.Headers.Add("Cookie", cookie);
        again.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var stale = await client.SendAsync(again, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
    }

    [Fact]
    public async Task Another_site_cannot_sign_the_analyst_out()
    {
        using var client = server.Client();
        using var signOut = new HttpRequestMessage(HttpMethod.Post, new Uri("/logout", UriKind.Relative)) { Content = new FormUrlEncodedContent([]) };
        signOut.Headers.Add("Cookie", $"{VigilAuthentication.SessionCookie}=vs_whatever");
        signOut.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(signOut, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    [InlineData("evil.example")]
    [InlineData("/login?next=//evil.example")]
    public async Task Sign_in_never_redirects_off_the_site(string next)
    {
        using var client = server.Client();

        using var response = await Post(client, KeyedServer.Key, next);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("http://evil.example", null)]
    [InlineData("http://localhost", "cross-site")]
    [InlineData(null, "same-site")]
    public async Task Sign_in_posted_from_another_site_is_refused(string? origin, string? fetchSite)
    {
        using var client = server.Client();

        using var response = await Post(client, KeyedServer.Key, "/", origin, fetchSite);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Same_origin_fetch_metadata_alone_is_enough()
    {
        using var client = server.Client();

        using var response = await Post(client, KeyedServer.Key, "/", origin: null, fetchSite: "same-origin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_per_minute_are_turned_away()
    {
        var spec = StoreFactory.NewSpec(StoreKind.Sqlite);
        VigilStore.Open(spec, StoreAccess.CreateIfMissing);
        await using var factory = new VigilFactory(new ServerOptions { Store = spec, ApiKeys = [KeyedServer.Key], SignInsPerMinute = 2 });
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { "wrong-1", "wrong-2", KeyedServer.Key })
        {
            using var response = await Post(client, key, "/");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("/entity/un-sc:QDi.372?as_of=2020-01-01", "/entity/un-sc:QDi.372?as_of=2020-01-01")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/\r\nSet-Cookie: x=1", "/")]
    public void Local_path_keeps_paths_on_this_server_only(string? next, string expected) =>
        Assert.Equal(expected, SignIn.LocalPath(next));
}
