namespace PlaceKit;

/// <summary>A stage of the pipeline, as reported by <see cref="PlanProgress"/> and timed in the plan's stage timings.</summary>
public enum PlanStage
{
    /// <summary>Clustering each authority.</summary>
    Cluster,

    /// <summary>Scoring and ranking clusters.</summary>
    Score,

    /// <summary>Trimming unsuitable clusters.</summary>
    Trim,

    /// <summary>Computing coverage.</summary>
    Coverage,

    /// <summary>Building each place's territory and each authority's area.</summary>
    Territories,
}
