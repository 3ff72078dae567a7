using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlaceKit.Studio;

/// <summary>A running studio: a Kestrel server on one address that serves a <see cref="PlaceStudio"/> (what <c>placekit studio</c> runs).</summary>
/// <remarks>
/// Listens on 127.0.0.1 unless told otherwise; any other host is added to <see cref="PlaceStudioOptions.AllowedHosts"/>
/// so requests naming it pass the host check. Port 0 lets the system choose a free port. Dispose to stop.
/// </remarks>
public sealed class PlaceStudioServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlaceStudioServer(WebApplication app, PlaceStudio studio, Uri address)
    {
        _app = app;
        Studio = studio;
        Address = address;
    }

    /// <summary>The studio served.</summary>
    public PlaceStudio Studio { get; }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:5178/</c> (no token).</summary>
    public Uri Address { get; }

    /// <summary>The address to open in a browser: <see cref="Address"/> with <c>?token=</c>.</summary>
    public Uri Url => new(Address, "?token=" + Uri.EscapeDataString(Studio.Options.Token));

    /// <summary>Whether the server listens only on a loopback address.</summary>
    public bool IsLoopback { get; private init; }

    /// <summary>Starts a server for a studio.</summary>
    /// <param name="studio">The studio to serve.</param>
    /// <param name="host">The address or host name to listen on: an IP address, <c>localhost</c>, or a host name (then every address is listened on and requests must name it). Default 127.0.0.1.</param>
    /// <param name="port">The port; 0 for any free port.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is outside [0, 65535].</exception>
    /// <exception cref="IOException">The address could not be bound (e.g. the port is in use).</exception>
    public static async Task<PlaceStudioServer> StartAsync(PlaceStudio studio, string host = "127.0.0.1", int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        host = host.Trim();
        IPAddress address;
        bool loopback;
        if (host.Length == 0 || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            loopback = true;
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            address = ip;
            loopback = IPAddress.IsLoopback(ip);
        }
        else
        {
            address = IPAddress.IPv6Any;
            loopback = false;
        }

        if (!studio.Options.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase) && host.Length > 0) studio.Options.AllowedHosts.Add(host);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(PlaceStudioServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = studio.Options.MaxRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            k.Listen(address, port);
        });
        var app = builder.Build();
        app.MapPlaceStudio(studio);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"could not listen on {host}:{port.ToString(CultureInfo.InvariantCulture)} ({ex.Message}); choose another --port", ex);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int actualPort = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
        string shown = address.Equals(IPAddress.IPv6Any) ? host : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var uri = new Uri($"http://{shown}:{actualPort.ToString(CultureInfo.InvariantCulture)}/");
        return new PlaceStudioServer(app, studio, uri) { IsLoopback = loopback };
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
