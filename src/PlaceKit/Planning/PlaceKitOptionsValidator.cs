using System.Globalization;
using Microsoft.Extensions.Options;

namespace PlaceKit.Planning;

/// <summary>Validates <see cref="PlaceKitOptions"/>, naming every bad field and its value.</summary>
internal sealed class PlaceKitOptionsValidator : IValidateOptions<PlaceKitOptions>
{
    public ValidateOptionsResult Validate(string? name, PlaceKitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new ValidateOptionsResultBuilder();
        if (!Enum.IsDefined(options.SizeBy)) b.AddError($"must be Homes or Weight, was {options.SizeBy}", nameof(options.SizeBy));
        if (options.MaxDegreeOfParallelism is 0 or < -1)
        {
            b.AddError($"must be -1 (all cores) or > 0, was {F(options.MaxDegreeOfParallelism)}", nameof(options.MaxDegreeOfParallelism));
        }

        if (options.Clustering is not { } c)
        {
            b.AddError("must not be null", nameof(options.Clustering));
        }
        else
        {
            if (c.TargetSize < 1) b.AddError($"must be >= 1, was {F(c.TargetSize)}", "Clustering.TargetSize");
            if (c.MaxIterations < 1) b.AddError($"must be >= 1, was {F(c.MaxIterations)}", "Clustering.MaxIterations");
            if (!(c.Tolerance >= 0) || double.IsInfinity(c.Tolerance)) b.AddError($"must be a finite number >= 0, was {F(c.Tolerance)}", "Clustering.Tolerance");
            if (c.Restarts is int restarts && restarts < 1) b.AddError($"must be >= 1, was {F(restarts)}", "Clustering.Restarts");
            if (!Enum.IsDefined(c.Algorithm)) b.AddError($"must be KMeans or SizeConstrained, was {c.Algorithm}", "Clustering.Algorithm");
            if (c.MinSize is < 1) b.AddError($"must be >= 1, was {F(c.MinSize.Value)}", "Clustering.MinSize");
            if (c.MaxSize is < 1) b.AddError($"must be >= 1, was {F(c.MaxSize.Value)}", "Clustering.MaxSize");
            if (c.MinSize is not < 1 && c.MaxSize is not < 1 && c.TargetSize >= 1)
            {
                var (min, max) = PlaceKit.Clustering.SizeConstrainedClusterer.SizeBounds(c);
                if (max < min) b.AddError($"must be >= the minimum size {F(min)}, was {F(max)}", "Clustering.MaxSize");
            }

            if (c.MaxRadiusMeters is double r && (!(r > 0) || double.IsInfinity(r)))
            {
                b.AddError($"must be a finite number > 0, was {F(r)}", "Clustering.MaxRadiusMeters");
            }
        }

        if (options.Scoring is not { } s)
        {
            b.AddError("must not be null", nameof(options.Scoring));
        }
        else if (!(s.MinRadiusMeters > 0) || double.IsInfinity(s.MinRadiusMeters))
        {
            b.AddError($"must be a finite number > 0, was {F(s.MinRadiusMeters)}", "Scoring.MinRadiusMeters");
        }

        if (options.Trimming is not { } t)
        {
            b.AddError("must not be null", nameof(options.Trimming));
        }
        else
        {
            if (t.MinHomes is < 1) b.AddError($"must be >= 1, was {F(t.MinHomes.Value)}", "Trimming.MinHomes");
            if (t.Teams is < 1) b.AddError($"must be >= 1, was {F(t.Teams.Value)}", "Trimming.Teams");
            if (!(t.MaxSpreadMeters > 0) || double.IsInfinity(t.MaxSpreadMeters))
            {
                // Infinity is refused like in every other option (it cannot be saved in plan.json); a large number is "no limit".
                b.AddError($"must be a finite number > 0 (for no limit give a large number such as 1e9), was {F(t.MaxSpreadMeters)}", "Trimming.MaxSpreadMeters");
            }
            if (!(t.ReassignMarginMeters >= 0) || double.IsInfinity(t.ReassignMarginMeters))
            {
                b.AddError($"must be a finite number >= 0, was {F(t.ReassignMarginMeters)}", "Trimming.ReassignMarginMeters");
            }
        }

        if (options.Authorities is not { } authorities)
        {
            b.AddError("must not be null", nameof(options.Authorities));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in authorities)
            {
                if (a is null || string.IsNullOrWhiteSpace(a.Code))
                {
                    b.AddError("every entry must have a code", nameof(options.Authorities));
                    continue;
                }

                string at = $"Authorities[{a.Code}]";
                if (!seen.Add(a.Code)) b.AddError("appears twice", at);
                if (a.TargetSize is < 1) b.AddError($"must be >= 1, was {F(a.TargetSize.Value)}", at + ".TargetSize");
                if (a.MinHomes is < 1) b.AddError($"must be >= 1, was {F(a.MinHomes.Value)}", at + ".MinHomes");
                if (a.MaxSpreadMeters is double r && (!(r > 0) || double.IsInfinity(r))) b.AddError($"must be a finite number > 0, was {F(r)}", at + ".MaxSpreadMeters");
                if (a.Teams is < 1) b.AddError($"must be >= 1, was {F(a.Teams.Value)}", at + ".Teams");
                if (a.TargetSize is int target && options.Clustering is { } cl && (cl.MinSize is int || cl.MaxSize is int))
                {
                    var (min, max) = PlaceKit.Clustering.SizeConstrainedClusterer.SizeBounds(cl with { TargetSize = target });
                    if (max < min) b.AddError($"gives a maximum size {F(max)} below the minimum {F(min)}", at + ".TargetSize");
                }
            }
        }

        if (options.Territories is not { } g)
        {
            b.AddError("must not be null", nameof(options.Territories));
        }
        else
        {
            if (!(g.FallbackMarginMeters > 0) || double.IsInfinity(g.FallbackMarginMeters))
            {
                b.AddError($"must be a finite number > 0, was {F(g.FallbackMarginMeters)}", "Territories.FallbackMarginMeters");
            }

            if (g.BoundariesFile is { } bf && string.IsNullOrWhiteSpace(bf))
            {
                b.AddError("must be a file path or null, was empty", "Territories.BoundariesFile");
            }

            if (!(g.FallbackHullEdgeMeters > 0) || double.IsInfinity(g.FallbackHullEdgeMeters))
            {
                b.AddError($"must be a finite number > 0, was {F(g.FallbackHullEdgeMeters)}", "Territories.FallbackHullEdgeMeters");
            }
        }

        return b.Build();
    }

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
}
