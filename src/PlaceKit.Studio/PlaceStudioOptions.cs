using PlaceKit.Persistence;
using System.Security.Cryptography;

namespace PlaceKit.Studio;

/// <summary>How a <see cref="PlaceStudio"/> is served: its access token, basemap, where it saves, and its request limits.</summary>
/// <remarks>The defaults are the safe ones: a fresh random token, loopback host names only, 8 MiB request bodies.</remarks>
public sealed class PlaceStudioOptions
{
    /// <summary>OpenStreetMap's standard tiles, the default basemap.</summary>
    public const string OpenStreetMapTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>The attribution OpenStreetMap's tile usage policy asks for (HTML, shown in the map's corner).</summary>
    public const string OpenStreetMapAttribution = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    /// <summary>The secret every request must carry (in the URL's <c>token</c> query, the <c>X-PlaceKit-Token</c> header, or the cookie the page sets).</summary>
    /// <value>Default: 32 random bytes from <see cref="RandomNumberGenerator"/> as 64 hex digits.</value>
    public string Token { get; set; } = CreateToken();

    /// <summary>The basemap's tile URL template (Leaflet's <c>{z}/{x}/{y}</c>, optional <c>{s}</c>), or <see langword="null"/> for no basemap (offline).</summary>
    /// <value>Default <see cref="OpenStreetMapTiles"/>.</value>
    public string? BasemapUrl { get; set; } = OpenStreetMapTiles;

    /// <summary>The basemap's attribution, HTML. Only the tags Leaflet's attribution control shows are expected (links).</summary>
    /// <value>Default <see cref="OpenStreetMapAttribution"/>.</value>
    public string BasemapAttribution { get; set; } = OpenStreetMapAttribution;

    /// <summary>The folder <see cref="PlaceStudio.Save"/> writes the edited plan's outputs into, <c>edits.csv</c> included.</summary>
    /// <value>Default <see langword="null"/>: the opened plan's own folder when the plan already carries edits, otherwise a
    /// sibling folder named after it with <c>-edited</c> appended (<c>jan/plan.json</c> saves to <c>jan-edited/</c>).</value>
    public string? OutputDirectory { get; set; }

    /// <summary>
    /// An authority boundary file to use instead of the one recorded in the plan, when that file has moved
    /// (<see cref="PlanFile.LoadWithBoundaries"/>); <see langword="null"/> uses the plan's own, and opening fails naming it
    /// when it is gone. Only <see cref="PlaceStudio.Open"/> reads it.
    /// </summary>
    public string? BoundariesFile { get; set; }

    /// <summary>The code field of <see cref="BoundariesFile"/>; <see langword="null"/> keeps the plan's (or the usual LADyyCD/code fields).</summary>
    public string? BoundaryField { get; set; }

    /// <summary>Host names the studio answers to (the request's <c>Host</c> header, without the port); any other is refused (403), which defeats DNS rebinding.</summary>
    /// <value>Default: <c>127.0.0.1</c>, <c>localhost</c> and <c>[::1]</c>.</value>
    public IList<string> AllowedHosts { get; } = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>The largest request body accepted, bytes; a larger one is refused with 413.</summary>
    /// <value>Default 8 MiB: a move of about 1,000,000 selected homes.</value>
    public long MaxRequestBodyBytes { get; set; } = 8L << 20;

    /// <summary>The clock the edit history's times come from.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>A new random token: 32 bytes from a cryptographic generator, as 64 lower-case hex digits.</summary>
    /// <returns>The token.</returns>
    public static string CreateToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
