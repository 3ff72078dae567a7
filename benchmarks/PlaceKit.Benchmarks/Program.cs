using BenchmarkDotNet.Running;
using PlaceKit.Benchmarks;

// scale: national-size stock through the whole pipeline; peer: PlaceKit vs scikit-learn on one CSV;
// run: one pipeline run on a CSV in this process (used by scale and peer as a child process); else BenchmarkDotNet.
return args.Length > 0 && args[0] is "scale" or "peer" or "run" or "readprofile" or "kernelprofile" or "smallprofile" or "xlsxprofile" or "postcodeprofile" or "exportprofile" or "reportprofile"
    ? args[0] switch
    {
        "scale" => ScaleRunner.Execute(args[1..]),
        "peer" => PeerRunner.Execute(args[1..]),
        "readprofile" => ReadProfile.Execute(args[1..]),
        "kernelprofile" => KernelProfile.Execute(args[1..]),
        "smallprofile" => SmallStockProfile.Execute(args[1..]),
        "xlsxprofile" => XlsxProfile.Execute(args[1..]),
        "postcodeprofile" => PostcodeProfile.Execute(args[1..]),
        "exportprofile" => ExportProfile.Execute(args[1..]),
        "reportprofile" => ReportProfile.Execute(args[1..]),
        _ => PipelineRun.Execute(args[1..]),
    }
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(KMeansAuthorityBenchmarks).Assembly).Run(args);
    return 0;
}
