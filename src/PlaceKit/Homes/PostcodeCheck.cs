namespace PlaceKit.Homes;

/// <summary>What locating homes by postcode found: how many homes took their place (and authority) from the postcode directory, and where the homes' own authority disagrees with the directory's.</summary>
/// <remarks>On <see cref="HomeSet.PostcodeCheck"/> when homes were read with <see cref="HomeCsvOptions.PostcodesFile"/>. The list holds the first 20 homes in input order; the counts are complete.</remarks>
public sealed record PostcodeCheck
{
    /// <summary>The postcode directory.</summary>
    public required string FilePath { get; init; }

    /// <summary>Homes located at their postcode's centroid (they had a postcode and no coordinates).</summary>
    public required int Located { get; init; }

    /// <summary>Of those, homes whose authority came from the directory's <c>oslaua</c> (they had none of their own).</summary>
    public required int AuthorityFromDirectory { get; init; }

    /// <summary>Located homes whose own authority differs from their postcode's <c>oslaua</c>; the homes' column wins.</summary>
    public required int Disagreements { get; init; }

    /// <summary>The first 20 homes counted in <see cref="Disagreements"/>.</summary>
    public required IReadOnlyList<PostcodeHome> DisagreementExamples { get; init; }
}
