using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Homes;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.Planning;

/// <summary>The default <see cref="IPlaceDefiner"/>: clusterer, scorer, trimmer, coverage calculator and territory builder, composed.</summary>
/// <remarks>
/// The composition root: <see cref="Create(PlaceKitOptions?, ILogger{PlaceDefiner}?)"/> and <c>services.AddPlaceKit()</c>
/// are the only places the default stages are made; every other way of making a plan (re-run, edits, loading, sweep)
/// takes a definer's <see cref="Stages"/> or the stages its plan was made with.
/// <para>Use <see cref="Create(PlaceKitOptions?, ILogger{PlaceDefiner}?)"/> in scripts and notebooks, or <c>services.AddPlaceKit()</c> with
/// dependency injection. Thread-safe: <see cref="Define"/> may run concurrently.</para>
/// </remarks>
public sealed class PlaceDefiner : IPlaceDefiner
{
    /// <summary>Creates a definer from its stages (the constructor dependency injection uses).</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="clusterer">The clustering stage.</param>
    /// <param name="scorer">The scoring stage.</param>
    /// <param name="trimmer">The trimming stage.</param>
    /// <param name="coverage">The coverage stage.</param>
    /// <param name="territories">The territory stage.</param>
    /// <param name="logger">Receives stage timings (Information) and per-authority clustering detail (Debug); may be null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="logger"/> is null.</exception>
    public PlaceDefiner(IOptions<PlaceKitOptions> options, IPlaceClusterer clusterer, IDensityScorer scorer, IPlaceTrimmer trimmer, ICoverageCalculator coverage,
        ITerritoryBuilder territories, ILogger<PlaceDefiner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value.Resolved();
        Stages = new PlanStages(clusterer, scorer, trimmer, coverage, territories, logger);
    }

    /// <inheritdoc />
    public PlaceKitOptions Options { get; }

    /// <summary>Creates a definer with the default stages (<see cref="PlaceClusterer"/>, <see cref="DensityScorer"/>,
    /// <see cref="PlaceTrimmer"/>, <see cref="CoverageCalculator"/>, <see cref="VoronoiTerritoryBuilder"/>), without dependency injection.</summary>
    /// <param name="options">The options; <see langword="null"/> for defaults. Copied, so later changes do not affect the definer.</param>
    /// <param name="logger">Receives stage timings and per-authority detail; may be null.</param>
    /// <returns>The definer.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names every bad field and value.</exception>
    public static PlaceDefiner Create(PlaceKitOptions? options = null, ILogger<PlaceDefiner>? logger = null)
    {
        var o = (options ?? new PlaceKitOptions()).Clone();
        Validate(o);
        return new PlaceDefiner(Microsoft.Extensions.Options.Options.Create(o), new PlaceClusterer(), new DensityScorer(), new PlaceTrimmer(), new CoverageCalculator(), new VoronoiTerritoryBuilder(), logger);
    }

    /// <summary>Validates options as <see cref="Create(PlaceKitOptions?, ILogger{PlaceDefiner}?)"/> and <c>ValidateOnStart</c> do.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names every bad field and value.</exception>
    public static void Validate(PlaceKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new PlaceKitOptionsValidator().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(PlaceKitOptions), result.Failures);
        }
    }

    /// <inheritdoc />
    public PlanStages Stages { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="homes"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public PlacePlan Define(HomeSet homes, IProgress<PlanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(homes);
        return Stages.Define(homes, Options, null, progress, cancellationToken);
    }
}
