using System.Globalization;

namespace PlaceKit.IO;

/// <summary>
/// Formats a double exactly as <c>value.ToString("0.##…#", CultureInfo.InvariantCulture)</c> (with
/// <c>decimals</c> <c>#</c>s) does, into a span and several times faster: the CSV writers format millions of
/// coordinates with these custom formats.
/// </summary>
/// <remarks>
/// <para>For a custom format .NET rounds a double twice: first to 15 significant digits (correctly rounded), then those
/// digits half up at the format's last decimal (so 1.005, whose 15 digits are 1.00500000000000, gives 1.01), drops
/// trailing zeros, keeps the sign of a negative value that rounds to zero (<c>-0</c>) and never uses an exponent.</para>
/// <para>The fast path rounds the exact binary value once, in integers: v × 10^decimals = M × 10^decimals / 2^s exactly
/// (M the 53-bit significand), so the integer part q and the fraction f are exact. The two roundings can only disagree
/// when the 15-digit rounding moves f across one half, that is when f lies within half a unit of the 15th significant
/// digit of 0.5; whenever f is within twice that margin (or the value is an integer above 2^52, tiny, huge, NaN or
/// infinite, or keeps 14 or more significant digits) the runtime's own formatting is used. The equality with
/// <see cref="double.ToString(string, IFormatProvider)"/> is checked by an FsCheck property over the whole double range.</para>
/// </remarks>
internal static class DecimalText
{
    /// <summary>The longest text this writes for up to 15 decimals: a sign, 309 integer digits, a point, 15 decimals.</summary>
    internal const int MaxLength = 1 + 309 + 1 + 15;

    private static readonly string[] Formats = [.. Enumerable.Range(0, 16).Select(d => d == 0 ? "0" : "0." + new string('#', d))];

    private static readonly ulong[] PowersOfTen = [.. Enumerable.Range(0, 20).Select(k => (ulong)Math.Pow(10, k))];

    /// <summary>The custom format this type matches for a number of decimals: <c>0</c>, <c>0.#</c>, <c>0.##</c>, …</summary>
    /// <param name="decimals">Decimals, 0 to 15.</param>
    /// <returns>The format string.</returns>
    internal static string Format(int decimals) => Formats[decimals];

    /// <summary>Formats <paramref name="value"/> as <c>value.ToString(Format(decimals), CultureInfo.InvariantCulture)</c>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="decimals">The most decimals to keep, 0 to 15.</param>
    /// <param name="destination">Where to write; <see cref="MaxLength"/> characters always suffice.</param>
    /// <param name="written">The characters written.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is too short.</returns>
    internal static bool TryFormat(double value, int decimals, Span<char> destination, out int written)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 15);
        return TryFormatFast(value, decimals, destination, out written) ??
            value.TryFormat(destination, out written, Formats[decimals], CultureInfo.InvariantCulture);
    }

    /// <summary>Formats into a new string, as <see cref="TryFormat"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="decimals">The most decimals to keep, 0 to 15.</param>
    /// <returns>The text.</returns>
    internal static string ToString(double value, int decimals)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        TryFormat(value, decimals, buffer, out int n);
        return new string(buffer[..n]);
    }

    /// <summary>The exact single rounding, or <see langword="null"/> where it might differ from the runtime's double rounding.</summary>
    private static bool? TryFormatFast(double value, int decimals, Span<char> destination, out int written)
    {
        written = 0;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        if (biased == 0x7FF) return null; // NaN, infinities
        if (biased == 0)
        {
            if (mantissa != 0) return null; // subnormal
        }
        else
        {
            mantissa |= 1UL << 52;
        }

        // value = ±mantissa / 2^shift; only fractions of modest size take the fast path.
        int shift = 1075 - biased;
        if (mantissa != 0 && (shift <= 0 || shift > 120)) return null;
        UInt128 scaled = (UInt128)mantissa * PowersOfTen[decimals];
        UInt128 q128 = mantissa == 0 ? 0 : scaled >> shift;
        if (q128 >= PowersOfTen[14]) return null; // 14 or more significant digits kept: too close to the 15-digit step
        ulong q = (ulong)q128;
        UInt128 remainder = mantissa == 0 ? 0 : scaled - (q128 << shift);
        double fraction = mantissa == 0 ? 0 : (double)remainder / Math.ScaleB(1.0, shift);

        // Digits the runtime keeps, plus one for a carry to the next power of ten; the danger margin is twice the
        // half unit of the 15th significant digit, in units of the last decimal.
        int kept = 1;
        while (kept < 15 && q >= PowersOfTen[kept]) kept++;
        double margin = 1.0 / PowersOfTen[15 - (kept + 1)];
        if (Math.Abs(fraction - 0.5) <= margin) return null;
        ulong n = fraction > 0.5 ? q + 1 : q;

        ulong unit = PowersOfTen[decimals];
        ulong integer = n / unit;
        ulong frac = n - (integer * unit);
        int places = decimals;
        while (places > 0 && frac % 10 == 0)
        {
            frac /= 10;
            places--;
        }

        int length = (negative ? 1 : 0) + CountDigits(integer) + (places > 0 ? 1 + places : 0);
        if (destination.Length < length) return false;
        int w = 0;
        if (negative) destination[w++] = '-';
        integer.TryFormat(destination[w..], out int m, default, CultureInfo.InvariantCulture);
        w += m;
        if (places > 0)
        {
            destination[w++] = '.';
            for (int k = places - 1; k >= 0; k--)
            {
                destination[w + k] = (char)('0' + (int)(frac % 10));
                frac /= 10;
            }

            w += places;
        }

        written = w;
        return true;
    }

    private static int CountDigits(ulong v)
    {
        int d = 1;
        while (d < 20 && v >= PowersOfTen[d]) d++;
        return d;
    }
}
