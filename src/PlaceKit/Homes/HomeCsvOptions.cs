namespace PlaceKit.Homes;

/// <summary>How <see cref="HomeCsv"/> reads a CSV of homes, and <see cref="HomeXlsx"/> a workbook of homes.</summary>
public sealed record HomeCsvOptions
{
    /// <summary>
    /// The CRS of easting/northing (or x/y) columns, or the projection to use for longitude/latitude columns.
    /// </summary>
    /// <value>Default <see langword="null"/>: British National Grid for easting/northing; for lon/lat, British National Grid inside Great Britain, else the UTM zone of the data's centre.</value>
    public PlanarProjection? Projection { get; init; }

    /// <summary>
    /// Authority boundaries to check the homes against: without an authority column (or with an empty authority), each
    /// home takes the authority whose boundary holds it; with one, the column wins and disagreements are reported in
    /// <see cref="HomeSet.BoundaryCheck"/>.
    /// </summary>
    /// <value>Default <see langword="null"/>: no boundaries, an authority column is required.</value>
    public AuthorityBoundaries? Boundaries { get; init; }

    /// <summary>A home in no boundary takes the nearest authority within this many metres (reported in <see cref="HomeSet.BoundaryCheck"/>); <see langword="null"/>: such a home is an error naming its line, id and coordinates.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public double? NearestBoundaryMeters { get; init; }

    /// <summary>The most problems listed in a <see cref="HomeDataException"/>; the rest are counted.</summary>
    /// <value>Default 50.</value>
    public int MaxProblems { get; init; } = HomeSetBuilder.DefaultMaxProblems;

    /// <summary>The longest record (row, with any quoted line breaks), in characters; a longer one stops reading with a problem.</summary>
    /// <remarks>Bounds memory and time on hostile input: a 10 MB line or a quote that is never closed fails after this
    /// many characters instead of being buffered whole. A row of homes is far shorter.</remarks>
    /// <value>Default 1,048,576 (1 Mi characters).</value>
    public int MaxRecordLength { get; init; } = 1 << 20;

    /// <summary>The worksheet of an .xlsx workbook to read (<see cref="HomeXlsx"/>); matched exactly, else ignoring case. An unknown name is an error listing the sheets.</summary>
    /// <remarks>Only for workbooks: <see cref="HomeCsv.Read(string, HomeCsvOptions?)"/> refuses it for a CSV file rather than ignore it.</remarks>
    /// <value>Default <see langword="null"/>: the workbook's first sheet.</value>
    public string? Sheet { get; init; }

    /// <summary>
    /// A postcode directory in the ONS Postcode Directory's CSV layout (ONSPD: <c>pcd</c>/<c>pcds</c>, <c>doterm</c>,
    /// <c>oslaua</c>, <c>oseast1m</c>, <c>osnrth1m</c>, <c>lat</c>, <c>long</c>): homes with a <c>postcode</c> and no
    /// coordinates (no coordinate columns, or both cells empty) are placed at their postcode's centroid, and take its
    /// <c>oslaua</c> as their authority unless they have one (disagreements are counted in <see cref="HomeSet.PostcodeCheck"/>).
    /// </summary>
    /// <remarks>
    /// Postcodes match whatever their case and spacing. Easting/northing homes in British National Grid take
    /// <c>oseast1m</c>/<c>osnrth1m</c> (Northern Ireland's <c>BT</c> postcodes, which ONSPD gives in the Irish Grid, and
    /// any other projected CRS, take <c>lat</c>/<c>long</c> projected); longitude/latitude homes take <c>long</c>/<c>lat</c>.
    /// A postcode missing from the directory, terminated (<c>doterm</c> set) or without a grid reference is a problem
    /// naming the home's line, id and postcode. The file is streamed and only the homes' postcodes are kept.
    /// </remarks>
    /// <value>Default <see langword="null"/>: no directory; every home needs coordinates.</value>
    public string? PostcodesFile { get; init; }
}
