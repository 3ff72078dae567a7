using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PlaceKit.IO;

namespace PlaceKit.Tests.IO;

/// <summary>
/// <see cref="DecimalText"/> (issue 17: homes.csv formats four numbers a home) must write exactly what
/// <c>double.ToString("0.##…#", InvariantCulture)</c> writes, for every double and every number of decimals.
/// </summary>
public sealed class DecimalTextTests
{
    private static string Expected(double value, int decimals) => value.ToString(DecimalText.Format(decimals), CultureInfo.InvariantCulture);

    private static string Actual(double value, int decimals)
    {
        Span<char> buffer = stackalloc char[DecimalText.MaxLength];
        Assert.True(DecimalText.TryFormat(value, decimals, buffer, out int n));
        return new string(buffer[..n]);
    }

    /// <summary>
    /// Shaped doubles: any bit pattern (NaN, infinities, subnormals, huge), any magnitude, values with a few decimals
    /// (coordinates as read), values a hair either side of a rounding tie (where the runtime's two roundings matter),
    /// longitudes and latitudes, eastings and northings; each with its negative.
    /// </summary>
    private static Gen<double> Doubles() =>
        Gen.Frequency(
            (2, Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2))),
            (2, Gen.Choose(-330, 330).Two().Select(t => t.Item2 * 1.000000123456789 * Math.Pow(10, t.Item1 / 10.0))),
            (2, Gen.Choose(-2_000_000_000, 2_000_000_000).SelectMany(v => Gen.Choose(0, 9).Select(d => v / Math.Pow(10, d)))),
            (3, Gen.Choose(-2_000_000_000, 2_000_000_000).SelectMany(v => Gen.Choose(1, 9).SelectMany(d => Gen.Choose(-3, 3).Select(u =>
                ((v + 0.5) / Math.Pow(10, d)) + (u * Math.Pow(2, -52) * Math.Max(1, Math.Abs(v / Math.Pow(10, d)))))))),
            (2, Gen.Choose(-900_000_000, 900_000_000).SelectMany(v => Gen.Choose(0, 1 << 20).Select(f => (v / 1e7) + (f / 1e13)))),
            (2, Gen.Choose(0, 1_300_000).SelectMany(v => Gen.Choose(0, 99_999).Select(f => v + (f / 1e5)))),
            (1, Gen.Elements(0.0, -0.0, 1.005, -1.005, 0.005, -0.004, 9.995, 99.995, 1e15, 1e16, 1e300, -1e-300, double.Epsilon,
                double.MaxValue, double.MinValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.125, 2.5, 5e-8, 4.9999999e-8)))
        .SelectMany(v => Gen.Elements(v, -v));

    [Property(MaxTest = 3000)]
    public Property TryFormat_AnyDoubleAndDecimals_SameTextAsTheRuntime() =>
        Prop.ForAll(
            Gen.ArrayOf(Doubles(), 20).SelectMany(values => Gen.Choose(0, 15).Select(decimals => (values, decimals))).ToArbitrary(),
            t =>
            {
                foreach (double v in t.values)
                {
                    foreach (int d in (int[])[t.decimals, 2, 7])
                    {
                        string want = Expected(v, d), got = Actual(v, d);
                        if (want != got) return false.Label($"{v:R} with {d} decimals: runtime '{want}', DecimalText '{got}'");
                    }
                }

                return true.ToProperty();
            });

    [Theory]
    [InlineData(1.005, 2, "1.01")]       // 15 digits 1.00500000000000, then half up: the runtime's double rounding
    [InlineData(-0.004, 2, "-0")]        // the sign of a negative that rounds to zero is kept
    [InlineData(-0.0, 7, "-0")]
    [InlineData(248992.2, 2, "248992.2")]
    [InlineData(-1.23456785, 7, "-1.2345679")]
    [InlineData(1e20, 2, "100000000000000000000")]
    [InlineData(double.NaN, 2, "NaN")]
    [InlineData(double.NegativeInfinity, 7, "-Infinity")]
    public void TryFormat_PinnedValues(double value, int decimals, string expected)
    {
        Assert.Equal(expected, Expected(value, decimals));
        Assert.Equal(expected, Actual(value, decimals));
        Assert.Equal(expected, DecimalText.ToString(value, decimals));
    }

    [Fact]
    public void TryFormat_ShortDestination_False()
    {
        Span<char> buffer = stackalloc char[3];
        Assert.False(DecimalText.TryFormat(248992.25, 2, buffer, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecimalText.ToString(1, 16));
    }
}
