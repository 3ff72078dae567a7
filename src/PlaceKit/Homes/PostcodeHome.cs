namespace PlaceKit.Homes;

/// <summary>A home located by postcode whose authority disagrees with the postcode directory's.</summary>
/// <param name="HomeId">The home id.</param>
/// <param name="Line">Its line (or worksheet row) in the input.</param>
/// <param name="Postcode">Its postcode as given.</param>
/// <param name="Authority">Its authority from the homes' column (which wins).</param>
/// <param name="DirectoryAuthority">The postcode's <c>oslaua</c> in the directory.</param>
public sealed record PostcodeHome(string HomeId, int Line, string Postcode, string Authority, string DirectoryAuthority);
