using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using nietras.SeparatedValues;
using PlaceKit.IO;

namespace PlaceKit.Homes;

/// <summary>Reads and writes CSV files of homes.</summary>
/// <remarks>
/// A header row is required; columns are found by name, case-insensitively, and extra columns are ignored:
/// <list type="bullet">
/// <item><c>id</c>: the home's unique id;</item>
/// <item><c>easting,northing</c> (or <c>x,y</c>): planar metres, British National Grid unless
/// <see cref="HomeCsvOptions.Projection"/> says otherwise; or <c>longitude,latitude</c> (or <c>lon</c>/<c>lng</c>,
/// <c>lat</c>): WGS84 degrees. Both pairs at once, or two columns for one role (<c>easting</c> and <c>x</c>), are
/// refused naming the columns: PlaceKit never picks one silently;</item>
/// <item><c>authority</c> (or <c>la</c>, <c>lad</c>, <c>lad_code</c>, <c>local_authority</c>): local-authority code
/// (one of them);</item>
/// <item><c>weight</c> (optional): what the home weighs when plans are sized by weight (households, residents,
/// workload), a finite number &gt;= 0; without the column every home weighs 1;</item>
/// <item><c>postcode</c> (or <c>post_code</c>), with <see cref="HomeCsvOptions.PostcodesFile"/>: a home without
/// coordinates is located at its postcode's centroid (the coordinate and authority columns are then optional).</item>
/// </list>
/// An Excel workbook given by path is read by <see cref="HomeXlsx"/> with these same rules.
/// Comma, semicolon and tab delimiters are detected; quoted fields, CRLF line ends, UTF-8 (with or without BOM) and
/// UTF-16 with BOM are read. Numbers use '.' as the decimal separator. Blank lines, and rows whose every field is
/// empty (Excel's <c>,,,</c>), are skipped: they hold no home. Every problem is collected (up to
/// <see cref="HomeCsvOptions.MaxProblems"/>, the rest counted) and thrown together as one <see cref="HomeDataException"/>.
/// <para>The text is streamed: memory holds the homes read so far, never the whole text. A NUL character (UTF-16
/// without a byte-order mark), bytes that are not UTF-8, or a record longer than
/// <see cref="HomeCsvOptions.MaxRecordLength"/> (a 10 MB line, a quote never closed) stop reading at once with a
/// problem naming the line.</para>
/// <para>A file (or seekable stream) of plain text (no quote, UTF-8, lines of ordinary length) is parsed by Sep into
/// columns allocated once at the file's line count, with no string made per field but the id; anything else is read by
/// CsvHelper behind the guard, with the same results and messages either way.</para>
/// </remarks>
public static class HomeCsv
{
    /// <summary>Reads homes from a CSV file, or from an Excel workbook (a name ending .xlsx/.xlsm, or a file that is a zip) with <see cref="HomeXlsx"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="options">Reading options; <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="HomeCsvOptions.MaxProblems"/> or <see cref="HomeCsvOptions.MaxRecordLength"/> below 1).</exception>
    /// <exception cref="HomeDataException">The content is not a valid CSV (or workbook) of homes; lists every problem.</exception>
    /// <exception cref="ArgumentException"><see cref="HomeCsvOptions.Sheet"/> is set but the file is CSV.</exception>
    public static HomeSet Read(string path, HomeCsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        // A workbook is read as one, by its name or by its first bytes (an .xlsx saved under another name).
        if (IsWorkbookName(path) || HomeXlsx.LooksLikeZip(stream)) return HomeXlsx.Read(stream, options);
        if (HomeXlsx.LooksLikeOle(stream) || Path.GetExtension(path).Equals(".xls", StringComparison.OrdinalIgnoreCase)) throw HomeXlsx.OldWorkbook();
        if (options?.Sheet is { } sheet)
        {
            throw new ArgumentException($"a sheet ('{sheet}', --sheet) was given but '{Path.GetFileName(path)}' is read as CSV; sheets apply to Excel workbooks (.xlsx)");
        }

        return Read(stream, options);
    }

    private static bool IsWorkbookName(string path) =>
        Path.GetExtension(path) is { } ext && (ext.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || ext.Equals(".xlsm", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads homes from a stream of CSV text (UTF-8, or UTF-16 with a byte-order mark); a seekable stream holding an .xlsx workbook is read by <see cref="HomeXlsx"/>.</summary>
    /// <param name="stream">The stream; read to its end, not closed.</param>
    /// <param name="options">Reading options; <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="HomeCsvOptions.MaxProblems"/> or <see cref="HomeCsvOptions.MaxRecordLength"/> below 1).</exception>
    /// <exception cref="HomeDataException">The content is not a valid CSV of homes; lists every problem.</exception>
    public static HomeSet Read(Stream stream, HomeCsvOptions? options = null) => Read(stream, options, sepForPlainText: true);

    /// <summary>As <see cref="Read(Stream, HomeCsvOptions?)"/>; <paramref name="sepForPlainText"/> false reads every stream with CsvHelper (the path for quoted or suspect text), so tests can compare both paths.</summary>
    internal static HomeSet Read(Stream stream, HomeCsvOptions? options, bool sepForPlainText)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // A seekable stream that holds a workbook (it starts like a zip) is read as one.
        if (stream.CanSeek && HomeXlsx.LooksLikeZip(stream)) return HomeXlsx.Read(stream, options);
        if (stream.CanSeek && sepForPlainText)
        {
            options ??= new HomeCsvOptions();
            HomeSet.CheckNearest(options.NearestBoundaryMeters);
            CheckOptions(options);
            long start = stream.Position;
            if (SepRead(stream, options) is { } set) return set;
            // Quotes, a NUL, bytes that are not UTF-8, a lone CR or a very long line: read again, all of it, as before.
            stream.Position = start;
        }

        using var reader = TextOf(stream);
        return Read(reader, options);
    }

    /// <summary>The stream's text: UTF-8, or UTF-16 with a byte-order mark.</summary>
    private static StreamReader TextOf(Stream stream) =>
        // Invalid bytes decode to U+FFFD, which the guards report with its line (a throwing decoder loses the line).
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

    private static void CheckOptions(HomeCsvOptions options)
    {
        if (options.MaxProblems < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxProblems, "HomeCsvOptions.MaxProblems must be >= 1.");
        if (options.MaxRecordLength < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxRecordLength, "HomeCsvOptions.MaxRecordLength must be >= 1.");
    }

    /// <summary>
    /// Reads plain text (no quote anywhere, UTF-8, every line short) with Sep, a line a record: the same homes, lines
    /// and problems as the CsvHelper path, which reads that text the same way (same delimiter, by CsvHelper's own
    /// detection on the same first 4,096 characters). Returns <see langword="null"/> as soon as the text is anything
    /// else (<see cref="PlainTextGuard"/>): the caller then reads it all again with CsvHelper and the guarded reader,
    /// so quoted fields, bad quotes, NUL, invalid UTF-8 and over-long records are reported exactly as before.
    /// </summary>
    internal static HomeSet? SepRead(Stream stream, HomeCsvOptions options)
    {
        const int DetectLength = 0x1000; // CsvHelper's buffer: its delimiter detection sees the first fill
        // The most homes: data lines, counted on the bytes (a '\n' byte is never inside a UTF-8 sequence), so the
        // columns can be allocated once at their final size.
        long start = stream.Position;
        var (lines, utf16) = CountLines(stream);
        stream.Position = start;
        if (utf16 || options.MaxRecordLength < 4 * PlainTextGuard.LongestChunk || lines > Array.MaxLength) return null;
        using var text = TextOf(stream);
        var guard = new PlainTextGuard(text, options.MaxRecordLength / 4);
        string first = guard.Prefix(DetectLength);
        if (guard.Bail || !HeaderEndsInside(first, DetectLength)) return null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, DetectDelimiterValues = [",", ";", "\t"] };
        string delimiter = ConfigurationFunctions.GetDelimiter(new CsvHelper.Delegates.GetDelimiterArgs(first, config));
        if (delimiter.Length != 1) return null;
        using var reader = Sep.New(delimiter[0]).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, DisableQuotesParsing = true }).From(guard);
        string[]? header = null;
        HomeColumns.Columns columns = default;
        HomeSetBuilder? builder = null;
        int rows = 0;
        foreach (var row in reader)
        {
            // A row seen after the guard stopped the text is cut short: read it all again with CsvHelper.
            if (guard.Bail) return null;
            int line = row.RowIndex + 1;
            int count = row.ColCount;
            if (header is null)
            {
                if (count == 1 && row[0].Span.IsEmpty) continue; // blank lines before the header
                header = new string[count];
                for (int i = 0; i < count; i++) header[i] = row[i].ToString();
                columns = HomeColumns.Find(header, options.Boundaries is not null, options.PostcodesFile is not null);
                builder = new HomeSetBuilder(columns.Kind, options.Projection, options.MaxProblems, columns.XName(header), columns.YName(header),
                    options.Boundaries, options.NearestBoundaryMeters, noAuthorityColumn: columns.Authority < 0, capacity: (int)Math.Max(0, lines - line))
                {
                    PostcodesFile = options.PostcodesFile,
                    HasWeights = columns.Weight >= 0,
                };
                continue;
            }

            if (IsBlank(row, count)) continue;
            rows++;
            if (count != header.Length)
            {
                string? rowId = count > columns.Id ? HomeColumns.NullIfEmpty(row[columns.Id].Span.Trim()) : null;
                builder!.AddProblem(new HomeDataProblem(line, rowId, null, null,
                    $"row has {count.ToString(CultureInfo.InvariantCulture)} field{(count == 1 ? "" : "s")} but the header has {header.Length.ToString(CultureInfo.InvariantCulture)}"));
                builder.NoteId(line, rowId);
                continue;
            }

            HomeColumns.AddRow(builder!, header, columns, line, new SepRow(row));
        }

        if (guard.Bail) return null;
        if (header is null) throw new HomeDataException(new HomeDataProblem(1, null, null, null, "the file is empty: expected a header row such as id,easting,northing,authority"));
        if (rows == 0) throw new HomeDataException(new HomeDataProblem(1, null, null, null, "the file has a header but no homes (blank rows are skipped)"));
        return builder!.Build();
    }

    /// <summary>Lines in the rest of the stream (a last line without a line end counted), and whether it starts with a UTF-16 or UTF-32 byte-order mark.</summary>
    private static (long Lines, bool Utf16) CountLines(Stream stream)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long lines = 0;
            bool first = true, utf16 = false;
            byte last = (byte)'\n';
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, n);
                if (first) utf16 = n >= 2 && (chunk[0] == 0xFF && chunk[1] == 0xFE || chunk[0] == 0xFE && chunk[1] == 0xFF);
                first = false;
                lines += chunk.Count((byte)'\n');
                last = chunk[^1];
            }

            return (lines + (last == (byte)'\n' ? 0 : 1), utf16);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the first non-blank line (the header) ends, with the character after its line end, inside the detection text: CsvHelper has then read no further than that text when it checks the header.</summary>
    private static bool HeaderEndsInside(string first, int detectLength)
    {
        int i = 0;
        while (i < first.Length && first[i] == '\n' || i + 1 < first.Length && first[i] == '\r' && first[i + 1] == '\n') i += first[i] == '\r' ? 2 : 1;
        int end = first.IndexOf('\n', i);
        return first.Length < detectLength || end >= 0 && end < first.Length - 1;
    }

    private static bool IsBlank(SepReader.Row row, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!row[i].Span.IsWhiteSpace()) return false;
        }

        return true;
    }

    /// <summary>A Sep row, field by field.</summary>
    private readonly ref struct SepRow(SepReader.Row row) : IHomeRow
    {
        private readonly SepReader.Row _row = row;

        public ReadOnlySpan<char> this[int index] => _row[index].Span;
    }

    /// <summary>Reads homes from CSV text.</summary>
    /// <param name="reader">The text; read to its end, not closed.</param>
    /// <param name="options">Reading options; <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (<see cref="HomeCsvOptions.MaxProblems"/> or <see cref="HomeCsvOptions.MaxRecordLength"/> below 1).</exception>
    /// <exception cref="HomeDataException">The content is not a valid CSV of homes; lists every problem.</exception>
    public static HomeSet Read(TextReader reader, HomeCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new HomeCsvOptions();
        HomeSet.CheckNearest(options.NearestBoundaryMeters);
        return ReadCore(reader, options);
    }

    /// <summary>Writes homes as CSV with the header <c>id,easting,northing,authority</c> (planar metres), and <c>weight</c> when a home weighs other than 1.</summary>
    /// <remarks>Ids and authorities that a spreadsheet would run as a formula get a leading apostrophe (<see cref="SpreadsheetText"/>); <see cref="Read(string, HomeCsvOptions?)"/> reads back the exact ids.</remarks>
    /// <param name="homes">The homes.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(IEnumerable<Home> homes, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(homes);
        ArgumentNullException.ThrowIfNull(writer);
        var list = homes as IReadOnlyCollection<Home> ?? [.. homes];
        bool weighted = list.Any(h => h.Weight != 1);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("id");
        csv.WriteField("easting");
        csv.WriteField("northing");
        csv.WriteField("authority");
        if (weighted) csv.WriteField("weight");
        csv.NextRecord();
        foreach (var h in list)
        {
            csv.WriteField(SpreadsheetText.Escape(h.Id));
            csv.WriteField(h.X.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(h.Y.ToString("0.0", CultureInfo.InvariantCulture));
            csv.WriteField(SpreadsheetText.Escape(h.Authority));
            if (weighted) csv.WriteField(h.Weight.ToString("R", CultureInfo.InvariantCulture));
            csv.NextRecord();
        }
    }

    private static HomeSet ReadCore(TextReader text, HomeCsvOptions options)
    {
        CheckOptions(options);
        HomeDataProblem? badData = null;
        var reader = new GuardedTextReader(text, options.MaxRecordLength);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = args => badData ??= new HomeDataProblem(args.Context.Parser?.RawRow ?? 0, null, null, args.Field,
                "badly quoted field (a quote inside an unquoted field, or a quote that is never closed)"),
            IgnoreBlankLines = true,
        };
        using var parser = new CsvParser(reader, config, leaveOpen: true);
        int lastLine = 0;
        try
        {
            if (!parser.Read())
            {
                Stop(reader, 1);
                throw new HomeDataException(new HomeDataProblem(1, null, null, null, "the file is empty: expected a header row such as id,easting,northing,authority"));
            }

            Stop(reader, 1);
            if (badData is not null)
            {
                throw new HomeDataException(new HomeDataProblem(1, null, null, Shorten(badData.Value), "the header row is badly quoted (a quote inside a column name, or a quote that is never closed)"));
            }

            lastLine = parser.RawRow;
            reader.StartRecord();
            string[] header = parser.Record ?? [];
            var columns = HomeColumns.Find(header, options.Boundaries is not null, options.PostcodesFile is not null);
            var builder = new HomeSetBuilder(columns.Kind, options.Projection, options.MaxProblems, columns.XName(header), columns.YName(header),
                options.Boundaries, options.NearestBoundaryMeters, noAuthorityColumn: columns.Authority < 0)
            {
                PostcodesFile = options.PostcodesFile,
            };
            builder.HasWeights = columns.Weight >= 0;
            int width = header.Length;
            int rows = 0;
            while (parser.Read())
            {
                if (reader.Stopped is { } stop)
                {
                    builder.AddProblem(stop.Line > 0 ? stop : stop with { Line = lastLine + 1 });
                    return builder.Build();
                }

                reader.StartRecord();
                int line = parser.RawRow;
                int previous = lastLine;
                lastLine = line;
                int count = parser.Count;
                if (IsBlank(parser, count)) continue;
                rows++;
                if (badData is not null)
                {
                    builder.AddProblem(BadQuote(parser, header, columns, badData, previous + 1));
                    badData = null;
                    continue;
                }

                if (count != width)
                {
                    string? rowId = count > columns.Id ? NullIfEmpty(parser[columns.Id].Trim()) : null;
                    builder.AddProblem(new HomeDataProblem(line, rowId, null, null,
                        $"row has {count.ToString(CultureInfo.InvariantCulture)} field{(count == 1 ? "" : "s")} but the header has {width.ToString(CultureInfo.InvariantCulture)}"));
                    builder.NoteId(line, rowId);
                    continue;
                }

                HomeColumns.AddRow(builder, header, columns, line, new ParserRow(parser));
            }

            if (reader.Stopped is { } end)
            {
                builder.AddProblem(end.Line > 0 ? end : end with { Line = lastLine + 1 });
                return builder.Build();
            }

            if (badData is not null)
            {
                builder.AddProblem(badData with { Line = lastLine + 1, Value = Shorten(badData.Value) });
            }

            if (rows == 0 && builder.ProblemCount == 0)
            {
                throw new HomeDataException(new HomeDataProblem(1, null, null, null, "the file has a header but no homes (blank rows are skipped)"));
            }

            return builder.Build();
        }
        catch (CsvHelperException ex)
        {
            // CsvHelper's own parse failures are problems with the data: report them with the line, never as a crash.
            throw new HomeDataException(new HomeDataProblem(ex.Context?.Parser?.RawRow ?? lastLine + 1, null, null, null,
                $"the file could not be parsed as CSV: {ex.Message.Split('\n')[0].Trim()}"));
        }
    }

    /// <summary>Describes a badly quoted record: the line it starts on, its id and field when they can be told apart, and the first line of the value.</summary>
    private static HomeDataProblem BadQuote(CsvParser parser, string[] header, HomeColumns.Columns columns, HomeDataProblem bad, int line)
    {
        string raw = parser.RawRecord ?? "";
        int endLine = line + raw.AsSpan().TrimEnd("\r\n").Count('\n');
        string? field = null;
        string? id = null;
        for (int i = 0; i < parser.Count && i < header.Length; i++)
        {
            string f = parser[i];
            if (field is null && bad.Value is not null && (f == bad.Value || bad.Value.Contains(f, StringComparison.Ordinal) && f.Length > 0)) field = header[i].Trim();
        }

        if (parser.Count > columns.Id && header[columns.Id].Trim() != field) id = NullIfEmpty(parser[columns.Id].Trim());
        string value = bad.Value ?? "";
        int nl = value.IndexOfAny(['\r', '\n']);
        string message = nl >= 0
            ? $"a quote opened on line {line.ToString(CultureInfo.InvariantCulture)} is not closed where expected: the field runs on to line {endLine.ToString(CultureInfo.InvariantCulture)}"
            : bad.Message;
        return new HomeDataProblem(line, id, field, Shorten(nl >= 0 ? value[..nl] : value), message);
    }

    /// <summary>Throws the guard's problem when it stopped the input while the header was read.</summary>
    private static void Stop(GuardedTextReader reader, int line)
    {
        if (reader.Stopped is { } stop) throw new HomeDataException(stop.Line > 0 ? stop : stop with { Line = line });
    }

    /// <summary>A row whose every field is empty or white space (Excel writes blank rows as <c>,,,</c>): not a home.</summary>
    private static bool IsBlank(CsvParser parser, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!string.IsNullOrWhiteSpace(parser[i])) return false;
        }

        return true;
    }

    private static string? Shorten(string? value) => HomeColumns.Shorten(value);

    private static string? NullIfEmpty(string s) => HomeColumns.NullIfEmpty(s);

    /// <summary>The parser's current record, field by field.</summary>
    private readonly struct ParserRow(CsvParser parser) : IHomeRow
    {
        public ReadOnlySpan<char> this[int index] => parser[index];
    }


}
