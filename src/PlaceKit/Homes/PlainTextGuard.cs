namespace PlaceKit.Homes;

/// <summary>
/// Passes text through to Sep while it is plain: no quote character, no NUL, no U+FFFD (bytes that are not UTF-8),
/// no CR that is not followed by LF, and no line longer than a limit. At the first thing that is not plain it reports
/// end of input and sets <see cref="Bail"/>: <see cref="HomeCsv"/> then reads the whole text again with CsvHelper and
/// <see cref="GuardedTextReader"/>, which report those cases (bad quotes, NUL, invalid UTF-8, over-long records) as
/// they always have. Plain text is read by CsvHelper a line a record, exactly as Sep reads it with quotes off.
/// </summary>
internal sealed class PlainTextGuard(TextReader inner, int maxLineLength) : TextReader
{
    /// <summary>The largest read passed through at once; longer reads are split so a line's length is checked per chunk.</summary>
    internal const int LongestChunk = 1 << 16;

    private char[]? _prefix;
    private int _prefixAt;
    private int _prefixLength;
    private long _lineLength;
    private bool _crPending;

    /// <summary>Whether the text stopped being plain (or ended inside a CR); what was read since is not to be used.</summary>
    internal bool Bail { get; private set; }

    /// <summary>Reads up to <paramref name="length"/> characters (as one <see cref="TextReader.Read(char[], int, int)"/> of a <see cref="StreamReader"/> would: all of them unless the text ends), checks them and keeps them to be read again.</summary>
    internal string Prefix(int length)
    {
        var buffer = new char[length];
        int n = 0, got;
        while (n < length && (got = inner.Read(buffer, n, length - n)) > 0) n += got;
        if (!Check(buffer.AsSpan(0, n), n < length)) return "";
        (_prefix, _prefixAt, _prefixLength) = (buffer, 0, n);
        return new string(buffer, 0, n);
    }

    public override int Peek() => -1;

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (Bail || buffer.IsEmpty) return 0;
        if (_prefix is not null && _prefixAt < _prefixLength)
        {
            int m = Math.Min(buffer.Length, _prefixLength - _prefixAt);
            _prefix.AsSpan(_prefixAt, m).CopyTo(buffer);
            _prefixAt += m;
            return m; // checked when read
        }

        var span = buffer.Length > LongestChunk ? buffer[..LongestChunk] : buffer;
        int n = inner.Read(span);
        return Check(span[..n], n == 0) ? n : 0;
    }

    /// <summary>Checks the next characters; false (and <see cref="Bail"/>) when they are not plain.</summary>
    private bool Check(ReadOnlySpan<char> chunk, bool end)
    {
        if (_crPending && (chunk.IsEmpty ? end : chunk[0] != '\n')) return Stop();
        _crPending = false;
        if (chunk.IsEmpty) return true;
        if (chunk.IndexOfAny('"', '\0', '\uFFFD') >= 0) return Stop();
        for (int cr = chunk.IndexOf('\r'); cr >= 0; cr = chunk[(cr + 1)..].IndexOf('\r') is var next and >= 0 ? cr + 1 + next : -1)
        {
            if (cr == chunk.Length - 1)
            {
                _crPending = true;
                if (end) return Stop();
            }
            else if (chunk[cr + 1] != '\n')
            {
                return Stop();
            }
        }

        int firstLf = chunk.IndexOf('\n');
        if (firstLf < 0)
        {
            _lineLength += chunk.Length;
        }
        else
        {
            if (_lineLength + firstLf > maxLineLength) return Stop();
            // Chunks are at most LongestChunk long and the fast path needs maxLineLength >= LongestChunk: a line inside one is short enough.
            _lineLength = chunk.Length - chunk.LastIndexOf('\n') - 1;
        }

        return _lineLength <= maxLineLength || Stop();
    }

    private bool Stop()
    {
        Bail = true;
        return false;
    }
}
