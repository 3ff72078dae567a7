using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlaceKit.Clustering;
using PlaceKit.Coverage;
using PlaceKit.Planning;
using PlaceKit.Scoring;
using PlaceKit.Territories;
using PlaceKit.Trimming;

namespace PlaceKit.DependencyInjection;

/// <summary>Registers PlaceKit's stages and options with a service collection.</summary>
public static class PlaceKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPlaceDefiner"/> and every stage (each with its default implementation unless one is already
    /// registered) and <see cref="PlaceKitOptions"/>, validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options; may be null.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddPlaceKit(this IServiceCollection services, Action<PlaceKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PlaceKitOptions>().Configure(configure ?? (_ => { })).ValidateOnStart();
        return AddStages(services);
    }

    /// <summary>
    /// Registers PlaceKit as <see cref="AddPlaceKit(IServiceCollection, Action{PlaceKitOptions}?)"/> does, with
    /// <see cref="PlaceKitOptions"/> bound from configuration (e.g. the <c>PlaceKit</c> section of appsettings.json:
    /// <c>{ "PlaceKit": { "Seed": 7, "Clustering": { "TargetSize": 450 }, "Trimming": { "MaxSpreadMeters": 2500 } } }</c>)
    /// and validated at start-up, so a bad value stops the host with the option's name and value. An unknown key (a
    /// typo such as <c>TargetSze</c>) is a start-up error naming the key; <c>Clustering:Algorithm</c> takes the
    /// command line's names (<c>kmeans</c>, <c>size-constrained</c>) as well as the member names.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddPlaceKit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlaceKitOptions>().Bind(configuration, binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        return AddStages(services);
    }

    private static IServiceCollection AddStages(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlaceKitOptions>, PlaceKitOptionsValidator>());
        services.TryAddSingleton<IPlaceClusterer, PlaceClusterer>();
        services.TryAddSingleton<IDensityScorer, DensityScorer>();
        services.TryAddSingleton<IPlaceTrimmer, PlaceTrimmer>();
        services.TryAddSingleton<ICoverageCalculator, CoverageCalculator>();
        services.TryAddSingleton<ITerritoryBuilder, VoronoiTerritoryBuilder>();
        services.TryAddSingleton<IPlaceDefiner, PlaceDefiner>();
        return services;
    }
}
