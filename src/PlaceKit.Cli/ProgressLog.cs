namespace PlaceKit.Cli;

/// <summary>Progress as plain log lines (<c>placekit: cluster ...</c>, <c>placekit: cluster done in 0.30 s</c>), for logs, CI and pipes.</summary>
/// <remarks>Nothing is written before the input has been read, so a bad input's error lines stand alone.</remarks>
internal sealed class ProgressLog(TextWriter writer) : RunProgress
{
    internal override T Run<T>(Func<T> body) => body();

    internal override void Begin(string step)
    {
        if (step != "read") writer.WriteLine($"placekit: {step} ...");
    }

    internal override void End(string step, TimeSpan elapsed, string detail) =>
        writer.WriteLine($"placekit: {step} done in {PlaceKitCli.Seconds(elapsed)}{(detail.Length > 0 ? ": " + detail : "")}");
}
