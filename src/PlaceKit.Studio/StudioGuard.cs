using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PlaceKit.Studio;

/// <summary>The studio's door: every request must come to an allowed host, from the studio's own origin, carry the token, and stay under the size limit.</summary>
/// <remarks>
/// Checked in this order, each failure answered with a one-line plain-text reason: the <c>Host</c> header names an
/// allowed host (else 403: DNS rebinding); an <c>Origin</c> header, when sent, is the studio's own origin, and
/// <c>Sec-Fetch-Site</c> is not <c>cross-site</c> (else 403: cross-site requests); the token is present (else 401) and
/// right (else 403, compared in constant time) — a write (POST) must carry it in the <c>X-PlaceKit-Token</c> header,
/// which a cross-site form cannot set; the body is at most <see cref="PlaceStudioOptions.MaxRequestBodyBytes"/>
/// (else 413). Every response gets <c>nosniff</c>, <c>no-store</c>, a strict referrer policy and frame denial.
/// </remarks>
internal sealed class StudioGuard(PlaceStudio studio) : IEndpointFilter
{
    /// <summary>The header a page's script sends the token in.</summary>
    internal const string TokenHeader = "X-PlaceKit-Token";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(studio.Options.Token);

    /// <summary>The cookie that carries the token after the first visit; named per token so studios on other ports do not collide.</summary>
    internal string CookieName { get; } = "placekit-studio-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(studio.Options.Token)))[..12];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var denial = Check(http);
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "strict-origin";
        headers.XFrameOptions = "DENY";
        if (denial is not null) return denial;
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>The answer refusing the request, or null when it may pass.</summary>
    internal IResult? Check(HttpContext http)
    {
        var request = http.Request;
        string host = request.Host.Host;
        if (host.Length == 0 || !studio.Options.AllowedHosts.Any(h => string.Equals(h.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)))
        {
            return Refuse(StatusCodes.Status403Forbidden, $"host '{host}' is not one this studio answers to");
        }

        string? origin = request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin) && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(StatusCodes.Status403Forbidden, $"requests from origin '{origin}' are refused: only the studio's own page may call it");
        }

        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(StatusCodes.Status403Forbidden, "cross-site requests are refused");
        }

        bool write = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        string? header = request.Headers[TokenHeader];
        string? given = header;
        if (string.IsNullOrEmpty(given) && !write)
        {
            given = request.Query["token"];
            if (string.IsNullOrEmpty(given)) given = request.Cookies[CookieName];
        }

        if (string.IsNullOrEmpty(given))
        {
            return Refuse(StatusCodes.Status401Unauthorized, write
                ? $"this request needs the studio's token in the {TokenHeader} header"
                : "this request needs the studio's token: open the URL the studio printed (it ends with ?token=...)");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token))
        {
            return Refuse(StatusCodes.Status403Forbidden, "the token is wrong: open the URL the studio printed");
        }

        long max = studio.Options.MaxRequestBodyBytes;
        if (request.ContentLength is long length && length > max)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, $"the request body is {length:N0} bytes; the studio accepts at most {max:N0}");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = max;
        return null;
    }

    private static IResult Refuse(int status, string message) => Results.Text(message + "\n", "text/plain; charset=utf-8", Encoding.UTF8, status);
}
