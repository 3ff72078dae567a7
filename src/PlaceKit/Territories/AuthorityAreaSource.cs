namespace PlaceKit.Territories;

/// <summary>Where an authority's area came from.</summary>
public enum AuthorityAreaSource
{
    /// <summary>The fallback area around the authority's homes (see <see cref="TerritoryOptions"/>): not a real boundary.</summary>
    Fallback,

    /// <summary>A boundary polygon the user supplied.</summary>
    Boundary,
}
