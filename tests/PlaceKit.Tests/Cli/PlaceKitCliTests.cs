using PlaceKit.Tests.Support;

namespace PlaceKit.Tests.Cli;

public sealed class PlaceKitCliTests
{
    [Fact]
    public void Help_NamesTheToolPlacekit_AndListsEveryCommand()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("Usage:\n  placekit [command] [options]\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PlaceKit.Cli", output, StringComparison.Ordinal);
        Assert.DoesNotContain("testhost", output, StringComparison.Ordinal);
        foreach (var command in new[] { "define", "sample", "adjust", "diff", "sweep" })
        {
            Assert.Matches($"\n  {command} ", output);
        }
    }

    [Theory]
    [InlineData("define")]
    [InlineData("sweep")]
    [InlineData("adjust")]
    public void CommandHelp_SaysPlacekitCommand(string command)
    {
        var (code, output, _) = CliRunner.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Contains($"Usage:\n  placekit {command} ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCommand_Exit2WithOneLineAProblem()
    {
        var (code, output, error) = CliRunner.Run();
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: Required command was not provided.", error, StringComparison.Ordinal);
    }
}
