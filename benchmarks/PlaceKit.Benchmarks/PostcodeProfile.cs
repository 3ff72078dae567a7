using System.Diagnostics;
using System.Globalization;
using System.Text;
using PlaceKit.Homes;

namespace PlaceKit.Benchmarks;

/// <summary>
/// <c>postcodeprofile --directory FILE [--write] [--rows 2700000] [--homes 45000]</c>: with <c>--write</c>, writes a
/// synthetic postcode directory in the ONS Postcode Directory's CSV layout (54 quoted columns, about 330 bytes a row,
/// 5% terminated); then, in a fresh process (run it again without <c>--write</c>), reads a homes CSV of N homes
/// located only by postcode (any case and spacing) through <see cref="HomeCsv.Read(string, HomeCsvOptions?)"/> with
/// the directory: wall, CPU, bytes allocated and the process's peak working set.
/// </summary>
internal static class PostcodeProfile
{
    private const string Letters = "ABDEFGHJLNPQRSTUWXYZ";

    internal static int Execute(string[] args)
    {
        var a = new CommandArgs(args);
        string directory = a.Text("directory") ?? throw new ArgumentException("postcodeprofile needs --directory FILE");
        int rows = a.Int("rows", 2_700_000), homes = a.Int("homes", 45_000);
        if (a.Flag("write"))
        {
            long t = Stopwatch.GetTimestamp();
            Write(directory, rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {rows:N0} rows, {new FileInfo(directory).Length / 1048576.0:N0} MiB in {Stopwatch.GetElapsedTime(t).TotalSeconds:0.0} s"));
            return 0;
        }

        var rng = new Random(1);
        string homesFile = Path.Combine(Path.GetTempPath(), "placekit-postcodeprofile-homes.csv");
        var sb = new StringBuilder("id,postcode\n");
        for (int h = 0; h < homes; h++)
        {
            int i = rng.Next(rows);
            while (i % 20 == 7) i = rng.Next(rows); // terminated rows: skip
            string pc = Postcode(i);
            sb.Append('H').Append(h).Append(',').Append(h % 3 == 0 ? pc.ToLowerInvariant() : h % 3 == 1 ? pc.Replace(" ", "", StringComparison.Ordinal) : pc).Append('\n');
        }

        File.WriteAllText(homesFile, sb.ToString());
        using var self = Process.GetCurrentProcess();
        GC.Collect();
        self.Refresh();
        var cpu0 = self.TotalProcessorTime;
        long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        var set = HomeCsv.Read(homesFile, new HomeCsvOptions { PostcodesFile = directory });
        var wall = Stopwatch.GetElapsedTime(start);
        long alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set.Count:N0} homes located from {rows:N0} directory rows ({set.PostcodeCheck!.AuthorityFromDirectory:N0} authorities from oslaua): {wall.TotalSeconds:0.00} s wall, {(self.TotalProcessorTime - cpu0).TotalSeconds:0.00} s CPU, {alloc / 1048576.0:N1} MiB allocated, peak working set {self.PeakWorkingSet64 / 1048576.0:N0} MiB"));
        File.Delete(homesFile);
        return 0;
    }

    private static string Postcode(int i)
    {
        string[] areas = ["B", "M", "SW", "LL", "CF", "EH", "W"];
        string area = areas[i % areas.Length];
        int district = (i / areas.Length) % 99 + 1;
        int rest = i / (areas.Length * 99);
        string outward = area == "W" && district < 10 ? $"W{district}A" : $"{area}{district}";
        return $"{outward} {rest % 10}{Letters[(rest / 10) % 20]}{Letters[(rest / 200) % 20]}";
    }

    private static void Write(string path, int rows)
    {
        const string Header = "\"pcd\",\"pcd2\",\"pcds\",\"dointr\",\"doterm\",\"oscty\",\"ced\",\"oslaua\",\"osward\",\"parish\",\"usertype\",\"oseast1m\",\"osnrth1m\",\"osgrdind\",\"oshlthau\",\"nhser\",\"ctry\",\"rgn\",\"streg\",\"pcon\",\"eer\",\"teclec\",\"ttwa\",\"pct\",\"itl\",\"statsward\",\"oa01\",\"casward\",\"npark\",\"lsoa01\",\"msoa01\",\"ur01ind\",\"oac01\",\"oa11\",\"lsoa11\",\"msoa11\",\"wz11\",\"sicbl\",\"bua24\",\"ru11ind\",\"oac11\",\"lat\",\"long\",\"lep1\",\"lep2\",\"pfa\",\"imd\",\"calncv\",\"icb\",\"oa21\",\"lsoa21\",\"msoa21\",\"ruc21ind\",\"globalid\"";
        var inv = CultureInfo.InvariantCulture;
        var rng = new Random(7);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write(Header);
        w.Write("\r\n");
        for (int i = 0; i < rows; i++)
        {
            string pcds = Postcode(i);
            var parts = pcds.Split(' ');
            string pcd = parts[0].Length >= 4 ? parts[0] + parts[1] : parts[0].PadRight(4) + parts[1];
            string term = i % 20 == 7 ? "2015" + (1 + (i % 12)).ToString("00", inv) : "";
            w.Write(string.Create(inv,
                $"\"{pcd}\",\"{parts[0].PadRight(5)}{parts[1]}\",\"{pcds}\",\"198001\",\"{term}\",\"E99999999\",\"E99999999\",\"E0{6000000 + i % 380}\",\"E05000{i % 999:000}\",\"E43000001\",0,{rng.Next(100_000, 650_000)},{rng.Next(10_000, 1_000_000)},1,\"E18000001\",\"E40000001\",\"E92000001\",\"E12000001\",0,\"E14000001\",\"E15000001\",\"E15000001\",\"E30000001\",\"E16000001\",\"E10000001\",\"00AAFA\",\"E00000001\",\"00AAFA\",\"\",\"E01000001\",\"E02000001\",\"A\",\"1A1\",\"E00000001\",\"E01000001\",\"E02000001\",\"E33000001\",\"E38000001\",\"E63000001\",\"A1\",\"1A1\",{50 + rng.NextDouble() * 8:0.000000},{-5 + rng.NextDouble() * 6:0.000000},\"E37000001\",\"\",\"E23000001\",{rng.Next(1, 32845)},\"E56000001\",\"E54000001\",\"E00000001\",\"E01000001\",\"E02000001\",\"A1\",\"{{{Guid.Empty}}}\"\r\n"));
        }
    }
}
