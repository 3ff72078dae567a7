using System.CommandLine;
using System.Globalization;
using PlaceKit.Clustering;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Cli;

/// <summary>The command-line options <c>define</c> and <c>sweep</c> share: algorithm, size bounds, radius limit, reassignment.</summary>
internal sealed class PlanOptionsCli
{
    internal Option<string> Algorithm { get; } = new("--algorithm")
    {
        Description = "Clustering algorithm: kmeans (sizes vary) or size-constrained (each cluster between --min-size and --max-size homes).",
        DefaultValueFactory = _ => "kmeans",
    };

    internal Option<int?> MinSize { get; } = new("--min-size") { Description = "size-constrained: fewest homes (weight with --size-by weight) a cluster may have (default: target / 2)." };

    internal Option<int?> MaxSize { get; } = new("--max-size") { Description = "size-constrained: most homes (weight with --size-by weight) a cluster may have (default: 2 x target)." };

    internal Option<double?> MaxRadius { get; } = new("--max-radius-m") { Description = "Split any cluster whose r90 exceeds this many metres before scoring (default: off)." };

    internal Option<bool> Reassign { get; } = new("--reassign") { Description = "Homes of trimmed clusters join the nearest kept place in their authority that reaches them (r90 + margin)." };

    internal Option<double> ReassignMargin { get; } = new("--reassign-margin-m") { Description = "Metres added to a place's r90 to give its reach.", DefaultValueFactory = _ => 250 };

    internal Option<string> SizeBy { get; } = new("--size-by")
    {
        Description = "What sizes count: homes, or weight (the input's weight column): target, min/max size, min homes, teams and coverage then count weight.",
        DefaultValueFactory = _ => "homes",
    };

    internal Option<FileInfo?> AuthoritiesFile { get; } = new("--authorities-file")
    {
        Description = "CSV of per-authority settings: code, and optionally name, target, min_homes, max_spread_m, teams (an empty cell keeps the option given here).",
    };

    /// <summary>The authorities file's full path, when given.</summary>
    internal string? AuthoritiesPath(ParseResult parse) => parse.GetValue(AuthoritiesFile) is { } f ? PlaceKitCli.InputFile(f, "authorities file") : null;

    /// <summary>Checks the authorities file's codes against the homes read (an unknown code is an error naming its line).</summary>
    internal static void CheckAuthorities(string? path, Homes.HomeSet homes)
    {
        if (path is not null) AuthoritySettingsCsv.Read(path, homes.Authorities);
    }

    internal Option<FileInfo?> Boundaries { get; } = new("--boundaries")
    {
        Description = "Real authority boundaries (GeoJSON in WGS84, GeoPackage or Shapefile in their own CRS): territories are clipped to them. Kept in plan.json.",
    };

    internal Option<string?> BoundaryField { get; } = new("--boundary-field")
    {
        Description = "The field of --boundaries holding the authority codes (default: the first of LAD25CD, LAD24CD, ..., LAD11CD, code, lad_code, authority, la_code, lad).",
    };

    internal Option<string?> BoundaryLayer { get; } = new("--boundary-layer")
    {
        Description = "The GeoPackage layer of --boundaries holding the authorities, when it has several (default: the only layer with a code field). Kept in plan.json.",
    };

    internal Option<double?> NearestBoundary { get; } = new("--nearest-boundary")
    {
        Description = "With --boundaries: a home in no boundary takes the nearest authority within this many metres (reported); default: such a home is an error.",
    };

    internal Option<string?> Sheet { get; } = new("--sheet")
    {
        Description = "With an .xlsx workbook of homes: the sheet to read (default: the first). An unknown name is an error listing the sheets.",
    };

    internal Option<FileInfo?> Postcodes { get; } = new("--postcodes")
    {
        Description = "Postcode directory (the ONS Postcode Directory's CSV): homes with a postcode and no coordinates are placed at its centroid and take its oslaua as authority unless they have one.",
    };

    internal PlanOptionsCli()
    {
        Algorithm.AcceptOnlyFromAmong("kmeans", "size-constrained");
        SizeBy.AcceptOnlyFromAmong("homes", "weight");
    }

    private const string Unweighted = "warning: --size-by weight, but the homes have no weight column: every home weighs 1, so sizes count homes";

    /// <summary>Says so when sizes count weight but the homes have no weight column (every home then weighs 1).</summary>
    internal static void WarnUnweighted(PlaceKitOptions options, Homes.HomeSet homes, TextWriter error)
    {
        if (options.SizeBy == PlaceKit.SizeBy.Weight && !homes.HasWeights) error.WriteLine(Unweighted);
    }

    /// <summary>The same warning as a note after the read step's detail; empty when there is nothing to say.</summary>
    internal static string UnweightedNote(PlaceKitOptions options, Homes.HomeSet homes) =>
        options.SizeBy == PlaceKit.SizeBy.Weight && !homes.HasWeights ? "; " + Unweighted : "";

    internal void AddTo(Command command)
    {
        command.Options.Add(Algorithm);
        command.Options.Add(MinSize);
        command.Options.Add(MaxSize);
        command.Options.Add(MaxRadius);
        command.Options.Add(Reassign);
        command.Options.Add(ReassignMargin);
        command.Options.Add(SizeBy);
        command.Options.Add(AuthoritiesFile);
        command.Options.Add(Boundaries);
        command.Options.Add(BoundaryField);
        command.Options.Add(BoundaryLayer);
        command.Options.Add(NearestBoundary);
        command.Options.Add(Sheet);
        command.Options.Add(Postcodes);
    }

    internal void ApplyTo(ParseResult parse, PlaceKitOptions options)
    {
        options.Clustering.Algorithm = parse.GetValue(Algorithm) == "size-constrained" ? ClusteringAlgorithm.SizeConstrained : ClusteringAlgorithm.KMeans;
        options.Clustering.MinSize = parse.GetValue(MinSize);
        options.Clustering.MaxSize = parse.GetValue(MaxSize);
        options.Clustering.MaxRadiusMeters = parse.GetValue(MaxRadius);
        options.Trimming.Reassign = parse.GetValue(Reassign);
        options.Trimming.ReassignMarginMeters = parse.GetValue(ReassignMargin);
        options.SizeBy = parse.GetValue(SizeBy) == "weight" ? PlaceKit.SizeBy.Weight : PlaceKit.SizeBy.Homes;
        if (AuthoritiesPath(parse) is { } path) options.Authorities = [.. AuthoritySettingsCsv.Read(path)];
        ApplyBoundaries(parse, options);
    }

    /// <summary>
    /// Sets the boundary file (its full path, so plan.json finds it from anywhere) and field when given, and reads the
    /// file at once, so a bad file fails before the homes are read. Returns whether either option was given.
    /// </summary>
    /// <exception cref="Homes.BoundaryFileException">The file cannot be used.</exception>
    internal bool ApplyBoundaries(ParseResult parse, PlaceKitOptions options)
    {
        var file = parse.GetValue(Boundaries);
        var field = parse.GetValue(BoundaryField);
        var layer = parse.GetValue(BoundaryLayer);
        // --nearest-boundary alone is checked with the homes' options (CsvOptions), once a previous plan's boundaries are known.
        if (file is null && field is null && layer is null) return false;

        if (file is null) throw new ArgumentException(field is not null ? "--boundary-field needs --boundaries FILE" : "--boundary-layer needs --boundaries FILE");
        options.Territories.BoundariesFile = file.FullName;
        options.Territories.BoundaryField = field;
        options.Territories.BoundaryLayer = layer;
        options.Territories.BoundariesSha256 = AuthorityBoundaries.Read(file.FullName, field, layer).Sha256;
        return true;
    }

    /// <summary>The CSV options for the plan's boundaries (from --boundaries, or a previous plan's): homes without an authority take it from them.</summary>
    /// <exception cref="ArgumentException">--nearest-boundary is negative or not a number.</exception>
    internal HomeCsvOptions CsvOptions(ParseResult parse, PlaceKitOptions options, string? crs)
    {
        double? nearest = parse.GetValue(NearestBoundary);
        if (nearest is { } m && !(m >= 0 && double.IsFinite(m))) throw new ArgumentException($"invalid option --nearest-boundary: must be a number of metres >= 0, was {m.ToString(CultureInfo.InvariantCulture)}");
        if (nearest is not null && options.Territories.BoundariesFile is null) throw new ArgumentException("--nearest-boundary needs --boundaries FILE");
        return new HomeCsvOptions
        {
            Projection = crs is null ? null : PlaceKitCli.ParseCrs(crs),
            Boundaries = options.Territories.BoundariesFile is { } f ? AuthorityBoundaries.Read(f, options.Territories.BoundaryField, options.Territories.BoundaryLayer) : null,
            NearestBoundaryMeters = nearest,
            Sheet = parse.GetValue(Sheet),
            PostcodesFile = parse.GetValue(Postcodes) is { } postcodes ? PlaceKitCli.InputFile(postcodes, "postcode directory") : null,
        };
    }

    /// <summary>The algorithm's command-line name.</summary>
    internal static string Name(ClusteringAlgorithm algorithm) => algorithm == ClusteringAlgorithm.SizeConstrained ? "size-constrained" : "kmeans";

    /// <summary>Parses a comma-separated list such as <c>300,450,600</c>.</summary>
    /// <exception cref="ArgumentException">An item is not a number; the message names the option and the item.</exception>
    internal static T[] ParseList<T>(string? text, string option)
        where T : IParsable<T>
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new T[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!T.TryParse(parts[i], CultureInfo.InvariantCulture, out var v))
            {
                string kind = typeof(T) == typeof(int) ? "a whole number" : "a number";
                throw new ArgumentException($"{option}: '{parts[i]}' is not {kind}");
            }

            result[i] = v;
        }

        return result;
    }
}
