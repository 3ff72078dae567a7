using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PlaceKit.Editing;
using PlaceKit.Planning;

namespace PlaceKit.Studio;

/// <summary>Maps the studio's page and API onto any ASP.NET Core app: <c>app.MapPlaceStudio(PlaceStudio.Open("plan.json"))</c>.</summary>
/// <remarks>
/// <para>Under the prefix: <c>GET /</c> the page (a first visit with <c>?token=</c> sets a same-site, HTTP-only cookie
/// and redirects to drop the token from the address bar); <c>GET /assets/...</c> the script, style and vendored
/// Leaflet; <c>GET /api/homes</c>, <c>/api/authorities</c>, <c>/api/state</c>, <c>/api/assignment</c>,
/// <c>/api/home/{index}</c>; <c>POST /api/edit</c>, <c>/api/undo</c>, <c>/api/redo</c>, <c>/api/save</c>. Anything else
/// under the prefix is 404 — after the same checks.</para>
/// <para>Every route, the fallback included, passes <see cref="StudioGuard"/>: allowed host, same origin, the token
/// (401 without, 403 wrong), a size limit (413). The page is served with a Content-Security-Policy allowing only the
/// studio itself and the basemap's tile host.</para>
/// </remarks>
public static class PlaceStudioEndpoints
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    /// <summary>Maps the studio under a route prefix.</summary>
    /// <param name="endpoints">The app's endpoint builder.</param>
    /// <param name="studio">The plan being edited.</param>
    /// <param name="prefix">The route prefix, e.g. <c>/</c> or <c>/studio</c>.</param>
    /// <returns>The route group, for further conventions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static RouteGroupBuilder MapPlaceStudio(this IEndpointRouteBuilder endpoints, PlaceStudio studio, string prefix = "/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(prefix);
        var guard = new StudioGuard(studio);
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(guard);
        string page = StudioAssets.ReadText("index.html");

        group.MapGet("/", (HttpContext http) => Page(http, studio, guard, page));
        group.MapGet("/assets/{**name}", (HttpContext http, string name) =>
        {
            var stream = StudioAssets.Open(name, out var type);
            return stream is null ? Results.NotFound() : Results.Stream(stream, type);
        });
        group.MapGet("/api/homes", () => Results.Bytes(studio.View.Homes, "application/octet-stream"));
        group.MapGet("/api/authorities", () => Results.Bytes(studio.View.Authorities, "application/json"));
        group.MapGet("/api/state", () => Json(w => studio.View.WriteState(w, studio, studio.Plan, studio.Version)));
        group.MapGet("/api/assignment", (HttpContext http) =>
        {
            long version = studio.Version;
            var plan = studio.Plan;
            http.Response.Headers["X-PlaceKit-Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Bytes(StudioView.Assignment(plan), "application/octet-stream");
        });
        group.MapGet("/api/home/{index:int}", (int index) => Home(studio.Plan, index));
        group.MapPost("/api/edit", (Delegate)((HttpContext http) => EditAsync(http, studio)));
        group.MapPost("/api/undo", () => Step(studio, undo: true));
        group.MapPost("/api/redo", () => Step(studio, undo: false));
        group.MapPost("/api/save", () => Save(studio));
        group.MapFallback("{**rest}", () => Results.NotFound());
        return group;
    }

    private static IResult Page(HttpContext http, PlaceStudio studio, StudioGuard guard, string template)
    {
        if (!string.IsNullOrEmpty(http.Request.Query["token"]))
        {
            // The token checked out (the guard ran first): keep it in a cookie only this page's requests send, and drop it from the address bar.
            http.Response.Cookies.Append(guard.CookieName, studio.Options.Token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = PathOf(http),
                Secure = http.Request.IsHttps,
                IsEssential = true,
            });
            return Results.Redirect(PathOf(http), permanent: false);
        }

        var config = new PageConfig
        {
            Token = studio.Options.Token,
            PlanName = studio.PlanPath ?? "plan",
            BasemapUrl = studio.Options.BasemapUrl,
            BasemapAttribution = studio.Options.BasemapUrl is null ? null : studio.Options.BasemapAttribution,
        };

        // JsonSerializer's default encoder escapes <, > and & so the JSON cannot close the script element it sits in.
        string json = JsonSerializer.Serialize(config, StudioJsonContext.Default.PageConfig);
        string html = template
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(Path.GetFileName(Path.GetDirectoryName(config.PlanName) ?? "") + "/" + Path.GetFileName(config.PlanName)), StringComparison.Ordinal)
            .Replace("{{CONFIG}}", json, StringComparison.Ordinal);
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; " +
            $"img-src 'self' data:{TileSource(studio.Options.BasemapUrl)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The path of the page (the group prefix with a trailing slash), so relative URLs and the cookie both fit.</summary>
    private static string PathOf(HttpContext http)
    {
        string path = (http.Request.PathBase + http.Request.Path).Value ?? "/";
        return path.EndsWith('/') ? path : path + "/";
    }

    /// <summary>The CSP source for the basemap's tiles: its scheme and host, with <c>{s}</c> subdomains as a wildcard.</summary>
    internal static string TileSource(string? template)
    {
        if (string.IsNullOrEmpty(template)) return "";
        int scheme = template.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return "";
        int end = template.IndexOf('/', scheme + 3);
        string host = end < 0 ? template[(scheme + 3)..] : template[(scheme + 3)..end];
        host = host.Replace("{s}", "*", StringComparison.Ordinal);
        if (host.Contains('{', StringComparison.Ordinal) || host.Contains(' ', StringComparison.Ordinal) || host.Contains(';', StringComparison.Ordinal) || host.Contains('\'', StringComparison.Ordinal))
        {
            return " " + template[..scheme] + ":";
        }

        return " " + template[..(scheme + 3)] + host;
    }

    private static IResult Json(Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions)) write(w);
        byte[] bytes = stream.ToArray();
        return status == StatusCodes.Status200OK ? Results.Bytes(bytes, "application/json") : new JsonBytes(bytes, status);
    }

    /// <summary>JSON bytes with a status other than 200.</summary>
    private sealed class JsonBytes(byte[] bytes, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = bytes.Length;
            return httpContext.Response.Body.WriteAsync(bytes).AsTask();
        }
    }

    private static IResult Home(PlacePlan plan, int index)
    {
        if ((uint)index >= (uint)plan.Homes.Count) return Results.NotFound();
        return Json(w =>
        {
            var homes = plan.Homes;
            w.WriteStartObject();
            w.WriteNumber("index", index);
            w.WriteString("id", homes.Ids[index]);
            w.WriteString("authority", homes.Authorities[homes.AuthorityIndex[index]]);
            w.WriteString("place", plan.PlaceOf(index)?.Id);
            var unplaced = plan.PlaceOf(index) is null ? plan.Unplaced.FirstOrDefault(u => u.Index == index) : null;
            w.WriteString("reason", unplaced?.ReasonText);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> EditAsync(HttpContext http, PlaceStudio studio)
    {
        EditRequest? request;
        try
        {
            var body = await ReadBodyAsync(http, studio.Options.MaxRequestBodyBytes).ConfigureAwait(false);
            if (body is null) return Results.Text($"the request body is larger than {studio.Options.MaxRequestBodyBytes:N0} bytes\n", "text/plain", Encoding.UTF8, StatusCodes.Status413PayloadTooLarge);
            request = JsonSerializer.Deserialize(body, StudioJsonContext.Default.EditRequest);
        }
        catch (JsonException ex)
        {
            return Results.Text($"the edit is not valid JSON: {ex.Message}\n", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
        }

        if (request is null) return Results.Text("no edit was sent\n", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
        var plan = studio.Plan;
        var targets = new List<string>();
        foreach (int i in request.Homes ?? [])
        {
            if ((uint)i >= (uint)plan.Homes.Count) return Results.Text($"home index {i} is outside [0-{plan.Homes.Count - 1}]\n", "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
            targets.Add(plan.Homes.Ids[i]);
        }

        targets.AddRange(request.Places ?? []);
        var problems = studio.Apply(request.Action ?? "", targets, request.Argument ?? "", request.Author, out var before, out var after);
        if (problems.Count > 0)
        {
            return Json(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("applied", false);
                w.WriteNumber("totalProblems", problems.Count);
                w.WriteStartArray("problems");
                foreach (var p in problems.Take(50))
                {
                    w.WriteStartObject();
                    w.WriteNumber("line", p.Line);
                    w.WriteString("reason", p.Reason);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }, StatusCodes.Status422UnprocessableEntity);
        }

        return Json(w => WriteOutcome(w, studio, before, after, after.Edits[^1]));
    }

    private static IResult Step(PlaceStudio studio, bool undo)
    {
        PlacePlan before, after;
        bool done = undo ? studio.Undo(out before, out after) : studio.Redo(out before, out after);
        if (!done) return Results.Text(undo ? "there is nothing to undo\n" : "there is nothing to redo\n", "text/plain", Encoding.UTF8, StatusCodes.Status409Conflict);
        var edit = undo ? before.Edits[^1] : after.Edits[^1];
        return Json(w => WriteOutcome(w, studio, before, after, edit));
    }

    private static IResult Save(PlaceStudio studio)
    {
        try
        {
            var files = studio.Save();
            return Json(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("saved", true);
                w.WriteString("directory", studio.OutputDirectory);
                w.WriteStartArray("files");
                foreach (var f in files) w.WriteStringValue(Path.GetFileName(f));
                w.WriteEndArray();
                w.WriteNumber("edits", studio.Plan.Edits.Count);
                w.WriteEndObject();
            });
        }
        catch (StudioSaveException ex)
        {
            return Json(w => Error(w, ex.Message), StatusCodes.Status409Conflict);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Json(w => Error(w, $"could not write the files ({ex.Message}); the earlier files are untouched"), StatusCodes.Status500InternalServerError);
        }
    }

    private static void Error(Utf8JsonWriter w, string message)
    {
        w.WriteStartObject();
        w.WriteBoolean("saved", false);
        w.WriteString("error", message);
        w.WriteEndObject();
    }

    /// <summary>What an edit, undo or redo changed: the places whose homes changed, before and after, and coverage before and after.</summary>
    private static void WriteOutcome(Utf8JsonWriter w, PlaceStudio studio, PlacePlan before, PlacePlan after, PlanEdit edit)
    {
        w.WriteStartObject();
        w.WriteBoolean("applied", true);
        w.WriteNumber("version", studio.Version);
        w.WritePropertyName("edit");
        StudioView.WriteEdit(w, edit);
        var changed = ChangedPlaces(before, after);
        w.WriteNumber("changedPlaceCount", changed.Count);
        w.WriteStartArray("changes");
        var was = Index(before);
        var now = Index(after);
        foreach (var id in changed.Take(50))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            Figures(w, "before", before, was.GetValueOrDefault(id, -1));
            Figures(w, "after", after, now.GetValueOrDefault(id, -1));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        StudioView.WriteCoverage(w, "coverageBefore", before);
        StudioView.WriteCoverage(w, "coverageAfter", after);
        w.WriteEndObject();
    }

    private static void Figures(Utf8JsonWriter w, string name, PlacePlan plan, int index)
    {
        if (index < 0)
        {
            w.WriteNull(name);
            return;
        }

        var place = plan.Places[index];
        w.WriteStartObject(name);
        w.WriteString("authority", place.Authority);
        w.WriteNumber("rank", place.Rank);
        StudioView.WriteFigures(w, place, plan.Territories.Places[index]);
        w.WriteEndObject();
    }

    private static Dictionary<string, int> Index(PlacePlan plan)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int p = 0; p < plan.Places.Count; p++) index[plan.Places[p].Id] = p;
        return index;
    }

    /// <summary>The ids of places whose homes differ between two plans of the same homes, or that were locked or unlocked; ordinal order. O(n).</summary>
    internal static List<string> ChangedPlaces(PlacePlan before, PlacePlan after)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var a = before.PlaceIndexOfHome;
        var b = after.PlaceIndexOfHome;
        for (int i = 0; i < a.Length; i++)
        {
            string? from = a[i] < 0 ? null : before.Places[a[i]].Id;
            string? to = b[i] < 0 ? null : after.Places[b[i]].Id;
            if (string.Equals(from, to, StringComparison.Ordinal)) continue;
            if (from is not null) changed.Add(from);
            if (to is not null) changed.Add(to);
        }

        // A lock or unlock moves no home but changes the place.
        foreach (var p in after.Places)
        {
            if (before.TryGetPlace(p.Id, out var q) && q.Locked != p.Locked) changed.Add(p.Id);
        }

        return [.. changed.Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads the body up to a limit; null when it is longer (a body without Content-Length is counted as it arrives).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
