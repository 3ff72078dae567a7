using System.Globalization;

namespace PlaceKit.Homes;

/// <summary>
/// Wraps the text a CSV parser reads and stops it (reports end of input) at the first sign of input that must not be
/// parsed further: a record longer than a limit (a 10 MB line, an unterminated quote swallowing the rest of the file),
/// a NUL character (UTF-16 without a byte-order mark, a binary file) or U+FFFD (bytes that are not valid UTF-8, which
/// the decoder replaced). Memory stays bounded by the limit plus one buffer, and the failure comes fast.
/// </summary>
/// <remarks>
/// The parser reads ahead in chunks; <see cref="StartRecord"/> resets the per-record count after each record, so the
/// count is the characters fetched since the last complete record. Lines are counted on the characters delivered
/// (vectorised <c>Count</c>), so a NUL or invalid byte is reported on its exact line.
/// </remarks>
internal sealed class GuardedTextReader(TextReader inner, int maxRecordLength) : TextReader
{
    private long _sinceRecord;
    private int _newlines;

    /// <summary>Why the input was stopped; <see langword="null"/> while it is fine.</summary>
    internal HomeDataProblem? Stopped { get; private set; }

    /// <summary>Marks the start of a new record: the length limit counts from here.</summary>
    internal void StartRecord() => _sinceRecord = 0;

    public override int Peek() => Stopped is null ? inner.Peek() : -1;

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (Stopped is not null) return 0;
        int n = inner.Read(buffer);
        if (n == 0) return 0;
        var chunk = buffer[..n];
        int bad = chunk.IndexOfAny('\0', '\uFFFD');
        if (bad >= 0)
        {
            int line = _newlines + 1 + chunk[..bad].Count('\n');
            int lineStart = chunk[..bad].LastIndexOf('\n') + 1;
            string before = chunk[lineStart..bad].ToString();
            Stopped = chunk[bad] == '\0'
                ? new HomeDataProblem(line, null, null, null,
                    "the file contains a NUL character: it looks like UTF-16 without a byte-order mark, or not text at all; save it as CSV UTF-8")
                : new HomeDataProblem(line, null, null, before + "\uFFFD",
                    "the file is not UTF-8 text (an invalid byte sequence where \uFFFD is shown); save it as CSV UTF-8");
            return 0;
        }

        _sinceRecord += n;
        if (_sinceRecord > maxRecordLength)
        {
            Stopped = new HomeDataProblem(0, null, null, null,
                $"a record is longer than {maxRecordLength.ToString("N0", CultureInfo.InvariantCulture)} characters " +
                "(a quote that is never closed, or not a CSV of homes); reading stopped");
            return 0;
        }

        _newlines += chunk.Count('\n');
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        // The inner reader belongs to the caller.
        base.Dispose(disposing);
    }
}
