using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PlaceKit.Studio.Tests.Support;

namespace PlaceKit.Studio.Tests;

/// <summary>The studio's door, against a real Kestrel server on loopback: token, origin, host, size limits, escaping.</summary>
public sealed class StudioSecurityTests : IAsyncLifetime
{
    private PlaceStudioServer _server = null!;
    private HttpClient _http = null!;
    private string _token = null!;
    private string _planPath = null!;

    public async Task InitializeAsync()
    {
        // A folder name with markup: it reaches the page title and state, and must come out escaped.
        var root = Path.Combine(Path.GetTempPath(), "placekit-studio-tests", Guid.NewGuid().ToString("N"), "<img src=x onerror=alert(1)>&co");
        Directory.CreateDirectory(root);
        _planPath = Path.Combine(root, "plan.json");
        File.Copy(SamplePlan.SaveToTemp(), _planPath);
        var studio = PlaceStudio.Open(_planPath, new PlaceStudioOptions { BasemapUrl = null, MaxRequestBodyBytes = 64 * 1024 });
        _server = await PlaceStudioServer.StartAsync(studio);
        _token = studio.Options.Token;
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.Address };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void Server_ListensOnLoopbackOnly()
    {
        Assert.True(_server.IsLoopback);
        Assert.Equal("127.0.0.1", _server.Address.Host);
        Assert.Contains("?token=" + _token, _server.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal(64, _token.Length);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/state")]
    [InlineData("/api/homes")]
    [InlineData("/assets/studio.js")]
    [InlineData("/assets/vendor/leaflet/leaflet.js")]
    [InlineData("/no/such/page")]
    public async Task Get_WithoutToken_Is401(string path)
    {
        var r = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Contains("token", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/state?token=0000")]
    [InlineData("/?token=wrong")]
    public async Task Get_WithWrongToken_Is403(string path)
    {
        var r = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Fact]
    public async Task Get_WithToken_Is200()
    {
        var r = await _http.GetAsync("/api/state?token=" + _token);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("no-store", r.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("POST", "/api/undo")]
    [InlineData("POST", "/api/save")]
    [InlineData("POST", "/api/edit")]
    public async Task Write_WithTokenOnlyInQueryOrCookie_Is401(string method, string path)
    {
        // A cross-site form could carry the cookie, and a leaked URL carries the query token: writes need the header.
        var request = new HttpRequestMessage(new HttpMethod(method), path + "?token=" + _token);
        request.Headers.Add("Cookie", CookieName() + "=" + _token);
        var r = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        Assert.Contains("X-PlaceKit-Token", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(_server.Studio.HasUnsavedEdits);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    public async Task Request_FromForeignOrigin_Is403EvenWithToken(string origin)
    {
        var request = Edit("""{"action":"unplace","homes":[0],"argument":""}""");
        request.Headers.Add("Origin", origin);
        var r = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("origin", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_server.Studio.Plan.Edits);
    }

    [Fact]
    public async Task Request_FromOwnOrigin_IsServed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Add("X-PlaceKit-Token", _token);
        request.Headers.Add("Origin", _server.Address.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Request_CrossSiteFetchMetadata_Is403()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Add("X-PlaceKit-Token", _token);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("attacker.test:80")]
    public async Task Request_ForeignHostHeader_Is403(string host)
    {
        // DNS rebinding: a hostile name resolving to 127.0.0.1 reaches the port but names itself in Host.
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/state?token=" + _token);
        request.Headers.Host = host;
        var r = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("host", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_LocalhostHostHeader_IsServed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/state?token=" + _token);
        request.Headers.Host = "localhost:" + _server.Address.Port;
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Edit_OversizedBody_Is413AndChangesNothing()
    {
        var body = "{\"action\":\"unplace\",\"homes\":[" + string.Join(',', Enumerable.Range(0, 20_000)) + "],\"argument\":\"\"}";
        Assert.True(body.Length > 64 * 1024);
        var r = await _http.SendAsync(Edit(body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Empty(_server.Studio.Plan.Edits);
    }

    [Fact]
    public async Task Edit_OversizedChunkedBody_Is413()
    {
        var body = "{\"action\":\"unplace\",\"homes\":[" + string.Join(',', Enumerable.Range(0, 20_000)) + "],\"argument\":\"\"}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/edit") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-PlaceKit-Token", _token);
        var r = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.Empty(_server.Studio.Plan.Edits);
    }

    [Fact]
    public async Task Edit_MalformedJson_Is400()
    {
        var r = await _http.SendAsync(Edit("{\"action\":"));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var r2 = await _http.SendAsync(Edit("""{"action":"move","homes":[999999999],"argument":"P1"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, r2.StatusCode);
        Assert.Contains("outside", await r2.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_FirstVisitWithToken_SetsStrictHttpOnlyCookieAndDropsTokenFromAddress()
    {
        var r = await _http.GetAsync("/?token=" + _token);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/", r.Headers.Location?.ToString());
        string cookie = r.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith(CookieName() + "=" + _token, cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", CookieName() + "=" + _token);
        var p = await _http.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, p.StatusCode);
        string csp = p.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal); // --basemap none: no tile host allowed
    }

    [Fact]
    public async Task Page_EscapesTextFromThePlan()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-PlaceKit-Token", _token);
        string html = await (await _http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img src=x onerror=alert(1)>&co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&amp;co/plan.json</title>", html, StringComparison.Ordinal);   // the title
        Assert.Contains("\\u003Cimg src=x onerror=alert(1)\\u003E\\u0026co", html, StringComparison.Ordinal); // the JSON config cannot close its script element
    }

    [Fact]
    public void TileSource_AllowsOnlyTheBasemapHost()
    {
        Assert.Equal(" https://tile.openstreetmap.org", PlaceStudioEndpoints.TileSource(PlaceStudioOptions.OpenStreetMapTiles));
        Assert.Equal(" https://*.tile.example.org", PlaceStudioEndpoints.TileSource("https://{s}.tile.example.org/{z}/{x}/{y}.png"));
        Assert.Equal(" https:", PlaceStudioEndpoints.TileSource("https://x'; script-src *;/{z}"));
        Assert.Equal("", PlaceStudioEndpoints.TileSource(null));
    }

    private HttpRequestMessage Edit(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/edit") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-PlaceKit-Token", _token);
        return request;
    }

    private string CookieName() => new StudioGuard(_server.Studio).CookieName;
}
