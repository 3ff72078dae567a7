using PlaceKit.Cli;

namespace PlaceKit.Tests.Support;

/// <summary>Runs the <c>placekit</c> command line in-process and captures what it prints.</summary>
public static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = PlaceKitCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
