using System.Diagnostics;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PlaceKit.Homes;
using Xunit.Abstractions;
using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Homes;

/// <summary>One corruption of a CSV's bytes: what kind, where (a fraction of the length, in 1/10,000ths) and which byte.</summary>
public sealed record Corruption(int Kind, int Where, byte Byte)
{
    public static readonly string[] Kinds =
        ["flip", "insert", "delete", "drop-field", "duplicate-field", "split-row", "merge-rows", "quote", "nul", "invalid-utf8", "truncate", "blank-row"];

    public override string ToString() => $"{Kinds[Kind]}@{Where / 100.0:0.##}%:{Byte:X2}";
}

/// <summary>A valid CSV of homes and the corruptions applied to it.</summary>
public sealed record CorruptCsv(string Original, Corruption[] Corruptions)
{
    public byte[] Bytes()
    {
        var b = new List<byte>(Encoding.UTF8.GetBytes(Original));
        foreach (var c in Corruptions) Apply(b, c);
        return [.. b];
    }

    public override string ToString() => $"{string.Join(", ", Corruptions.Select(c => c.ToString()))}\n--- original ---\n{Original}--- corrupted ---\n{Encoding.UTF8.GetString(Bytes())}";

    private static void Apply(List<byte> b, Corruption c)
    {
        int at = b.Count == 0 ? 0 : (int)((long)c.Where * b.Count / 10_000);
        at = Math.Clamp(at, 0, Math.Max(0, b.Count - 1));
        switch (Corruption.Kinds[c.Kind])
        {
            case "flip": if (b.Count > 0) b[at] ^= (byte)(1 << (c.Byte % 8)); break;
            case "insert": b.Insert(at, c.Byte); break;
            case "delete": if (b.Count > 0) b.RemoveAt(at); break;
            case "drop-field":
            {
                int end = b.IndexOf((byte)',', at);
                if (end > at) b.RemoveRange(at, end - at + 1);
                break;
            }

            case "duplicate-field":
            {
                int end = b.IndexOf((byte)',', at);
                if (end >= at) b.InsertRange(at, b.GetRange(at, end - at + 1));
                break;
            }

            case "split-row": b.Insert(at, (byte)'\n'); break;
            case "merge-rows":
            {
                int nl = b.IndexOf((byte)'\n', at);
                if (nl >= 0) b.RemoveAt(nl);
                break;
            }

            case "quote": b.Insert(at, (byte)'"'); break;
            case "nul": b.Insert(at, 0); break;
            case "invalid-utf8": b.InsertRange(at, c.Byte % 2 == 0 ? [0xC3, 0x28] : [0xFF]); break;
            case "truncate": b.RemoveRange(at, b.Count - at); break;
            case "blank-row": b.Insert(at, (byte)'\n'); b.Insert(at, (byte)'\n'); break;
        }
    }
}

/// <summary>
/// Fuzzing: valid CSVs corrupted at random must either read back exactly the homes a reference parse of the corrupted
/// text finds, or fail with <see cref="HomeDataException"/>; never any other exception. Runs a bounded number of cases
/// in the normal suite; <c>PLACEKIT_FUZZ_SECONDS</c> runs batches for that long (<c>.ci/run</c> does, trait Category=Fuzz).
/// </summary>
public sealed class BadInputFuzzTests(ITestOutputHelper output)
{
    private static Gen<string> ValidCsv() =>
        from rows in Gen.Choose(1, 25)
        from seed in Gen.Choose(0, int.MaxValue)
        from quoted in Gen.Elements(false, false, true)
        select Build(rows, seed, quoted);

    private static string Build(int rows, int seed, bool quoted)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder("id,easting,northing,authority\n");
        for (int i = 0; i < rows; i++)
        {
            string id = "H" + rng.Next(0, 100_000).ToString(CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture);
            string x = (rng.NextDouble() * 700_000).ToString("0.#", CultureInfo.InvariantCulture);
            string y = (rng.NextDouble() * 1_300_000).ToString("0.#", CultureInfo.InvariantCulture);
            string a = "E0" + rng.Next(6000000, 6000010).ToString(CultureInfo.InvariantCulture);
            sb.Append(quoted ? $"\"{id}\"" : id).Append(',').Append(x).Append(',').Append(y).Append(',').Append(a).Append('\n');
        }

        return sb.ToString();
    }

    private static Gen<Corruption> OneCorruption() =>
        from kind in Gen.Choose(0, Corruption.Kinds.Length - 1)
        from pos in Gen.Choose(0, 9_999)
        from b in Gen.Choose(0, 255)
        select new Corruption(kind, pos, (byte)b);

    public static Arbitrary<CorruptCsv> Corrupt() =>
        (from csv in ValidCsv()
         from n in Gen.Choose(0, 5)
         from cs in Gen.ArrayOf(OneCorruption(), n)
         select new CorruptCsv(csv, cs)).ToArbitrary();

    /// <summary>The homes a plain reading of the text must give, or <see langword="null"/> when the text is outside what this reference understands.</summary>
    private static List<(string Id, double X, double Y, string Authority)>? Reference(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        if (text.AsSpan().IndexOfAny("\"\r\0;\t\uFFFD\uFEFF") >= 0) return null;
        var lines = text.Split('\n');
        if (lines[0] != "id,easting,northing,authority") return null;
        var homes = new List<(string, double, double, string)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.All(string.IsNullOrWhiteSpace)) continue;
            if (f.Length != 4) return null;
            string id = PlaceKit.IO.SpreadsheetText.Unescape(f[0].Trim()), a = PlaceKit.IO.SpreadsheetText.Unescape(f[3].Trim());
            if (id.Length == 0 || a.Length == 0 || !ids.Add(id)) return null;
            if (id.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || a.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0) return null;
            if (!double.TryParse(f[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !(x is >= 0 and <= 700_000)) return null;
            if (!double.TryParse(f[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double y) || !(y is >= 0 and <= 1_300_000)) return null;
            homes.Add((id, x, y, a));
        }

        return homes.Count == 0 ? null : homes;
    }

    private static Property ReadsExactlyOrThrowsHomeDataException(CorruptCsv csv)
    {
        byte[] bytes = csv.Bytes();
        var expected = Reference(bytes);
        HomeSet set;
        try
        {
            set = HomeCsv.Read(new MemoryStream(bytes));
        }
        catch (HomeDataException ex)
        {
            bool wellFormed = ex.Problems.Count > 0 && ex.TotalProblems >= ex.Problems.Count && !ex.Problems.Any(p => p.ToString().Contains('\n'));
            return (expected is null && wellFormed).Label(expected is null ? "malformed HomeDataException" : $"rejected a valid file: {ex.Message}")
                .Classify(true, "rejected");
        }
        catch (Exception ex)
        {
            return false.Label($"threw {ex.GetType().Name}: {ex.Message}");
        }

        if (expected is null)
        {
            // Accepted text the reference does not understand (quotes, other delimiters): at least no home is invented.
            // Quoted fields unescape "" to ", so compare with quotes removed on both sides.
            string text = Encoding.UTF8.GetString(bytes).Replace("\"", "", StringComparison.Ordinal);
            bool ok = set.Count <= text.Count(c => c == '\n')
                && set.Ids.All(id => id.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 && text.Contains(id.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal));
            return ok.Label("accepted homes not in the text").Classify(true, "accepted, beyond the reference");
        }

        bool same = set.Count == expected.Count;
        for (int i = 0; same && i < set.Count; i++)
        {
            var h = set[i];
            same = h.Id == expected[i].Id && h.X == expected[i].X && h.Y == expected[i].Y && h.Authority == expected[i].Authority;
        }

        return same.Label("homes differ from the reference parse").Classify(true, "accepted, matches the reference");
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void Read_CorruptedCsv_ReturnsExactlyTheValidRowsOrThrowsHomeDataException()
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("PLACEKIT_FUZZ_SECONDS"), out int s) ? s : 0;
        const int Batch = 500;
        var config = Config.QuickThrowOnFailure.WithMaxTest(Batch).WithQuietOnSuccess(true);
        var sw = Stopwatch.StartNew();
        int cases = 0;
        do
        {
            Prop.ForAll(Corrupt(), ReadsExactlyOrThrowsHomeDataException).Check(config);
            cases += Batch;
        }
        while (sw.Elapsed.TotalSeconds < seconds);

        string report = $"fuzz: {cases:N0} corrupted CSVs in {sw.Elapsed.TotalSeconds:0.0} s, no failure";
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("PLACEKIT_FUZZ_REPORT") is { Length: > 0 } path) File.AppendAllText(path, report + "\n");
    }
}
