using System.Text;
using BenchmarkDotNet.Attributes;
using PlaceKit.Homes;

namespace PlaceKit.Benchmarks;

/// <summary>
/// The read stage on a generated stock written by <see cref="HomeCsv.Write"/> (100,000 homes in 30 authorities, a file
/// in the temp folder): <see cref="HomeCsv.Read(Stream, HomeCsvOptions?)"/> with CsvHelper alone (the reader before
/// issue 17's switch, still the path for quoted or suspect text) against the Sep path for plain text (issue 17).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class HomeReadBenchmarks
{
    private string _file = "";

    [Params(100_000)]
    public int Homes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"placekit-readbench-{Homes}.csv");
        using var w = new StreamWriter(_file, false, new UTF8Encoding(false));
        HomeCsv.Write(SampleStock.Generate(Homes, 30, 42), w);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_file);

    [Benchmark(Baseline = true)]
    public int CsvHelperPath()
    {
        using var s = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return HomeCsv.Read(s, null, sepForPlainText: false).Count;
    }

    [Benchmark]
    public int SepPath()
    {
        using var s = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return HomeCsv.Read(s, null, sepForPlainText: true).Count;
    }
}
