using BenchmarkDotNet.Attributes;
using PlaceKit.Export;
using PlaceKit.Homes;
using PlaceKit.Planning;

namespace PlaceKit.Benchmarks;

/// <summary>
/// places.gpkg on a generated plan of 200,000 homes in 80 authorities (SampleStock): the whole writer (territories,
/// footprints and the homes layer, which is most of it), to a stream that only counts. Uses only the public writer, so
/// the same file measures a build before and after issue 17's GeoPackage slice.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class GeoPackageBenchmarks
{
    private PlacePlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _plan = PlaceDefiner.Create(new PlaceKitOptions { MaxDegreeOfParallelism = 2, Clustering = { TargetSize = 450 } })
            .Define(HomeSet.Create(SampleStock.Generate(200_000, 80, 42)));
        _ = _plan.Territories;
    }

    [Benchmark]
    public long WriteGeoPackage()
    {
        using var stream = new CountingStream();
        PlacesGeoPackage.Write(_plan, stream);
        return stream.Length;
    }

    /// <summary>A write-only stream that only counts (no second file in the measurement).</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
