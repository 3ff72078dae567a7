using System.CommandLine;
using System.Diagnostics;
using PlaceKit.Studio;

namespace PlaceKit.Cli;

/// <summary><c>placekit studio plan.json</c>: serve the plan's map in the browser, where people redraw the borders.</summary>
internal static class StudioCommand
{
    internal static Command Create(TextWriter output, TextWriter error)
    {
        var planFile = new Argument<FileInfo>("plan") { Description = "A plan.json written by placekit define, adjust or an earlier studio save." };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0: any free port).", DefaultValueFactory = _ => 0 };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Do not open a browser; just print the URL." };
        var basemap = new Option<string>("--basemap")
        {
            Description = "Tile URL template for the basemap ({z}/{x}/{y}, optional {s}), or 'none' for no basemap (offline).",
            DefaultValueFactory = _ => PlaceStudioOptions.OpenStreetMapTiles,
        };
        var attribution = new Option<string?>("--basemap-attribution") { Description = "Attribution (HTML) for a custom basemap." };
        var host = new Option<string>("--host") { Description = "Address or host name to listen on (default 127.0.0.1: this machine only).", DefaultValueFactory = _ => "127.0.0.1" };
        var outDir = new Option<DirectoryInfo?>("--out", "-o") { Description = "Folder Save writes into (default: FOLDER-edited beside the plan's folder, or the plan's own folder when it already has edits)." };
        var boundaries = new Option<FileInfo?>("--boundaries") { Description = "Use this authority boundary file instead of the one recorded in the plan (when it has moved)." };
        var boundaryField = new Option<string?>("--boundary-field") { Description = "The code field of --boundaries (default: the plan's, or the usual LADyyCD/code fields)." };
        var command = new Command("studio", "Open a plan in the browser: see the places on the map, select homes, move them, merge, split, create, remove; undo, redo, save.")
        {
            planFile, port, noBrowser, basemap, attribution, host, outDir, boundaries, boundaryField,
        };
        command.SetAction((parse, ct) => Task.FromResult(PlaceKitCli.Guard(error, () =>
        {
            string tiles = parse.GetValue(basemap)!.Trim();
            bool none = tiles.Length == 0 || string.Equals(tiles, "none", StringComparison.OrdinalIgnoreCase);
            if (!none && !(tiles.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || tiles.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) || (!none && !tiles.Contains("{z}", StringComparison.Ordinal)))
            {
                throw new ArgumentException($"invalid option --basemap '{tiles}': give a tile URL template such as {PlaceStudioOptions.OpenStreetMapTiles}, or 'none'");
            }

            var options = new PlaceStudioOptions
            {
                BasemapUrl = none ? null : tiles,
                OutputDirectory = parse.GetValue(outDir)?.FullName,
                BoundariesFile = parse.GetValue(boundaries)?.FullName,
                BoundaryField = parse.GetValue(boundaryField),
            };
            if (options.BoundaryField is not null && options.BoundariesFile is null) throw new ArgumentException("--boundary-field needs --boundaries FILE");
            if (parse.GetValue(attribution) is { } a) options.BasemapAttribution = a;
            else if (!none && tiles != PlaceStudioOptions.OpenStreetMapTiles) options.BasemapAttribution = "";
            long start = Stopwatch.GetTimestamp();
            var studio = PlaceStudio.Open(parse.GetValue(planFile)!.FullName, options);
            var load = Stopwatch.GetElapsedTime(start);
            var server = PlaceStudioServer.StartAsync(studio, parse.GetValue(host)!, parse.GetValue(port), ct).GetAwaiter().GetResult();
            try
            {
                var plan = studio.Plan;
                output.WriteLine($"PlaceKit studio · {studio.PlanPath}");
                output.WriteLine($"  Plan       {plan.Coverage.Headline} (loaded in {PlaceKitCli.Seconds(load)})");
                output.WriteLine($"  Saves to   {studio.OutputDirectory} (plan.json, edits.csv and the other outputs)");
                output.WriteLine($"  Basemap    {(none ? "none" : tiles)}");
                if (!server.IsLoopback) output.WriteLine($"  Warning    listening on {parse.GetValue(host)}: anyone who can reach this machine and has the URL can edit the plan");
                output.WriteLine();
                output.WriteLine("  Open this URL in a browser (the token in it is the key; Ctrl+C stops the studio):");
                output.WriteLine($"  {server.Url}");
                output.Flush();
                if (!parse.GetValue(noBrowser)) OpenBrowser(server.Url, error);
                try
                {
                    Task.Delay(Timeout.Infinite, ct).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: the normal way to stop a server.
                }

                output.WriteLine(studio.HasUnsavedEdits
                    ? "placekit studio: stopped; the edits made since the last save were not saved."
                    : "placekit studio: stopped; every edit was saved.");
                return 0;
            }
            finally
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        })));
        return command;
    }

    private static void OpenBrowser(Uri url, TextWriter error)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true });
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            error.WriteLine($"placekit studio: could not open a browser ({ex.Message}); open the URL above yourself.");
        }
    }
}
