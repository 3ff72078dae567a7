using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace PlaceKit.Homes;

/// <summary>Reads homes from an Excel workbook (.xlsx, .xlsm), with the same column rules and problems as <see cref="HomeCsv"/>.</summary>
/// <remarks>
/// The sheet read is the first one, or <see cref="HomeCsvOptions.Sheet"/>. Its first non-blank row is the header, and
/// columns are found by name exactly as in a CSV (<see cref="HomeCsv"/>); cells right of the header's last named column
/// are not read. Rows whose every cell is empty are skipped. Every problem names the sheet and the row as Excel numbers
/// it (<see cref="HomeDataProblem.Sheet"/>, <see cref="HomeDataProblem.Line"/>), with the home, field and value.
/// <para>Cells: a number cell is the number (a whole number in the id or authority column reads as its digits, e.g.
/// <c>1042</c>); a text cell holding a number is read like the same text in a CSV; an empty cell is an empty field. A
/// date or time cell is refused, naming the cell: in a coordinate or weight column it is not a number, and in the id or
/// authority column Excel has turned the text into a date (<c>1-2</c>, <c>3/4</c>) and the text typed is lost.</para>
/// <para>Hostile or broken files fail with one problem, never a crash: not a zip (a CSV or other file named .xlsx), an
/// old .xls or a password-protected workbook, a damaged zip or XML, a sheet part larger than 1 GiB uncompressed, or a
/// row longer than <see cref="HomeCsvOptions.MaxRecordLength"/> characters. The sheet is streamed row by row
/// (ExcelDataReader); the workbook's shared strings are held in memory, as Excel does.</para>
/// </remarks>
public static class HomeXlsx
{
    /// <summary>The largest uncompressed workbook part (sheet, shared strings) read: a bigger one is refused as a zip bomb.</summary>
    internal const long MaxPartBytes = 1L << 30;

    private static readonly Lazy<bool> CodePages = new(() =>
    {
        // ExcelDataReader's configuration asks for code page 1252 (its fallback for old .xls text) even for .xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    /// <summary>Reads homes from a workbook file.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <param name="options">Reading options (<see cref="HomeCsvOptions.Sheet"/> picks the sheet); <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="HomeDataException">The file is not a readable workbook of homes, or the sheet is unknown; lists every problem.</exception>
    public static HomeSet Read(string path, HomeCsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, options);
    }

    /// <summary>Reads homes from a workbook in a seekable stream.</summary>
    /// <param name="stream">The workbook; must be seekable (a zip is read from its end); not closed.</param>
    /// <param name="options">Reading options (<see cref="HomeCsvOptions.Sheet"/> picks the sheet); <see langword="null"/> for defaults.</param>
    /// <returns>The validated home set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="HomeDataException">The content is not a readable workbook of homes, or the sheet is unknown; lists every problem.</exception>
    public static HomeSet Read(Stream stream, HomeCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("the workbook stream must be seekable (a zip is read from its end); copy it to a MemoryStream or a file first", nameof(stream));
        options ??= new HomeCsvOptions();
        if (options.MaxProblems < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxProblems, "HomeCsvOptions.MaxProblems must be >= 1.");
        if (options.MaxRecordLength < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxRecordLength, "HomeCsvOptions.MaxRecordLength must be >= 1.");
        HomeSet.CheckNearest(options.NearestBoundaryMeters);
        long start = stream.Position;
        CheckContainer(stream);
        stream.Position = start;
        _ = CodePages.Value;
        string? sheet = null;
        int row = 0;
        try
        {
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
            sheet = SelectSheet(reader, options.Sheet);
            return ReadSheet(reader, sheet, options, ref row);
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or XmlException or FormatException or InvalidOperationException
            or IndexOutOfRangeException or ArgumentException or NotSupportedException or EndOfStreamException)
        {
            // A damaged part of the workbook: one problem naming where reading stopped, never a stack trace.
            throw new HomeDataException(new HomeDataProblem(row, null, null, null,
                $"the workbook is damaged and could not be read ({ex.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ')}); open it in Excel and save it again, or save it as CSV UTF-8")
            { Sheet = sheet });
        }
    }

    /// <summary>The names of a workbook's sheets, in order.</summary>
    /// <param name="path">The .xlsx file.</param>
    /// <returns>The sheet names.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="HomeDataException">The file is not a readable workbook.</exception>
    public static IReadOnlyList<string> SheetNames(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        CheckContainer(stream);
        stream.Position = 0;
        _ = CodePages.Value;
        try
        {
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
            return Names(reader);
        }
        catch (Exception ex) when (ex is ExcelReaderException or InvalidDataException or XmlException)
        {
            throw new HomeDataException(new HomeDataProblem(0, null, null, null, $"the workbook is damaged and could not be read ({ex.Message.ReplaceLineEndings(" ").TrimEnd('.', ' ')})"));
        }
    }

    /// <summary>Whether the stream starts like a zip (an .xlsx is one); the position is restored.</summary>
    internal static bool LooksLikeZip(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        long at = stream.Position;
        int n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = at;
        return n == 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4;
    }

    /// <summary>Whether the stream starts like an OLE compound file (an old .xls, or a password-protected .xlsx); the position is restored.</summary>
    internal static bool LooksLikeOle(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        long at = stream.Position;
        int n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = at;
        return n == 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0;
    }

    internal static HomeDataException OldWorkbook() => new(new HomeDataProblem(0, null, null, null,
        "the file is an Excel 97-2003 workbook (.xls) or a password-protected workbook, which PlaceKit does not read: save it as an Excel Workbook (.xlsx) without a password, or as CSV UTF-8"));

    /// <summary>Refuses what is not a workbook before a reader sees it: not a zip, an OLE file, a damaged zip, a part too large.</summary>
    private static void CheckContainer(Stream stream)
    {
        if (LooksLikeOle(stream)) throw OldWorkbook();
        if (!LooksLikeZip(stream))
        {
            throw new HomeDataException(new HomeDataProblem(0, null, null, null,
                "the file is not an Excel workbook (.xlsx is a zip file, and this one is not: a CSV or another file with an .xlsx name?); save it from Excel as .xlsx, or give it a .csv name if it is CSV"));
        }

        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            bool workbook = false;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase)) workbook = true;
                if (entry.Length > MaxPartBytes)
                {
                    throw new HomeDataException(new HomeDataProblem(0, null, null, entry.FullName,
                        $"the workbook part '{entry.FullName}' is {entry.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes uncompressed, more than the {MaxPartBytes.ToString("N0", CultureInfo.InvariantCulture)} PlaceKit reads (a zip bomb, or far too large a sheet); save the homes as CSV UTF-8"));
                }
            }

            if (!workbook)
            {
                throw new HomeDataException(new HomeDataProblem(0, null, null, null,
                    "the file is a zip but not an Excel workbook (no xl/workbook.xml inside: a .docx, an .ods, or another zip?); save it from Excel as .xlsx"));
            }
        }
        catch (InvalidDataException ex)
        {
            throw new HomeDataException(new HomeDataProblem(0, null, null, null,
                $"the workbook is damaged: its zip structure cannot be read ({ex.Message.TrimEnd('.')}); a truncated download or copy? Save it from Excel again"));
        }
    }

    private static List<string> Names(IExcelDataReader reader)
    {
        var names = new List<string>();
        reader.Reset();
        do
        {
            names.Add(reader.Name ?? "");
        }
        while (reader.NextResult());
        reader.Reset();
        return names;
    }

    /// <summary>Moves the reader to the sheet wanted (the first when none is named) and returns its name.</summary>
    private static string SelectSheet(IExcelDataReader reader, string? wanted)
    {
        var names = Names(reader);
        if (names.Count == 0) throw new HomeDataException(new HomeDataProblem(0, null, null, null, "the workbook has no sheets"));
        if (wanted is null) return names[0];
        int index = names.IndexOf(wanted);
        if (index < 0) index = names.FindIndex(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new HomeDataException(new HomeDataProblem(0, null, "sheet", wanted,
                $"the workbook has no sheet '{wanted}'; its sheets are {string.Join(", ", names.Select(n => $"'{n}'"))}"));
        }

        for (int i = 0; i < index; i++) reader.NextResult();
        return names[index];
    }

    private static HomeSet ReadSheet(IExcelDataReader reader, string sheet, HomeCsvOptions options, ref int row)
    {
        // The header: the first row with a non-empty cell.
        string[]? header = null;
        int headerRow = 0;
        while (reader.Read())
        {
            row = reader.Depth + 1;
            var cells = HeaderCells(reader);
            if (cells.Any(c => c.Length > 0))
            {
                header = cells;
                headerRow = row;
                break;
            }
        }

        if (header is null)
        {
            throw new HomeDataException(new HomeDataProblem(0, null, null, null, "the sheet is empty: expected a header row such as id,easting,northing,authority") { Sheet = sheet });
        }

        // Cells right of the last named column are not part of the table (notes, totals).
        int width = Array.FindLastIndex(header, h => h.Trim().Length > 0) + 1;
        header = header[..width];
        var columns = HomeColumns.Find(header, options.Boundaries is not null, options.PostcodesFile is not null, headerRow, sheet);
        var builder = new HomeSetBuilder(columns.Kind, options.Projection, options.MaxProblems, columns.XName(header), columns.YName(header),
            options.Boundaries, options.NearestBoundaryMeters, noAuthorityColumn: columns.Authority < 0)
        {
            PostcodesFile = options.PostcodesFile,
            Sheet = sheet,
            HasWeights = columns.Weight >= 0,
        };
        int rows = 0;
        var fields = new string[width];
        while (reader.Read())
        {
            row = reader.Depth + 1;
            int count = Math.Min(width, reader.FieldCount);
            long length = 0;
            bool blank = true;
            int dateAt = -1;
            for (int i = 0; i < width; i++)
            {
                object? value = i < count ? reader.GetValue(i) : null;
                if (value is DateTime or TimeSpan && dateAt < 0 && IsRead(columns, i)) dateAt = i;

                fields[i] = Text(value);
                length += fields[i].Length;
                if (blank && !string.IsNullOrWhiteSpace(fields[i])) blank = false;
            }

            if (length > options.MaxRecordLength)
            {
                builder.AddProblem(new HomeDataProblem(row, null, null, null,
                    $"the row is longer than {options.MaxRecordLength.ToString("N0", CultureInfo.InvariantCulture)} characters (not a sheet of homes?); reading stopped"));
                return builder.Build();
            }

            if (blank) continue;
            rows++;
            if (dateAt >= 0)
            {
                string dateField = header[dateAt].Trim();
                string? id = dateAt == columns.Id ? null : HomeColumns.NullIfEmpty(fields[columns.Id].Trim());
                bool textColumn = dateAt == columns.Id || dateAt == columns.Authority;
                builder.AddProblem(new HomeDataProblem(row, id, dateField, fields[dateAt],
                    textColumn
                        ? $"{dateField} is a date cell: Excel turned what was typed (such as 1-2 or 3/4) into a date, and the text is lost; format the column as Text and type the {dateField}s again"
                        : $"{dateField} is a date or time cell, not a number; format the column as Number"));
                builder.NoteId(row, id);
                continue;
            }

            HomeColumns.AddRow(builder, header, columns, row, new CellRow(fields));
        }

        if (rows == 0 && builder.ProblemCount == 0)
        {
            throw new HomeDataException(new HomeDataProblem(headerRow, null, null, null, "the sheet has a header but no homes (blank rows are skipped)") { Sheet = sheet });
        }

        return builder.Build();
    }

    private static bool IsRead(HomeColumns.Columns c, int i) => i == c.Id || i == c.X || i == c.Y || i == c.Authority || i == c.Weight;

    private static string[] HeaderCells(IExcelDataReader reader)
    {
        var cells = new string[reader.FieldCount];
        for (int i = 0; i < cells.Length; i++) cells[i] = Text(reader.GetValue(i));
        return cells;
    }

    /// <summary>A cell as the text a CSV would hold: numbers round-trip exactly, whole numbers as their digits.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The current row's cells as text.</summary>
    private readonly struct CellRow(string[] fields) : IHomeRow
    {
        public ReadOnlySpan<char> this[int index] => fields[index];
    }
}
