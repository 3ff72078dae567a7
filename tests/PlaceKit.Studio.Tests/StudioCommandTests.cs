using System.Diagnostics;
using System.Net;
using PlaceKit.Studio.Tests.Support;

namespace PlaceKit.Studio.Tests;

/// <summary><c>placekit studio</c>: option errors in-process; serving, as a real process on loopback.</summary>
public sealed class StudioCommandTests
{
    [Theory]
    [InlineData("ftp://tiles/{z}/{x}/{y}.png")]
    [InlineData("https://tiles.example.org/no-placeholders.png")]
    public void Studio_BadBasemap_Exit2NamingTheOption(string basemap)
    {
        var (code, _, err) = SamplePlan.Cli("studio", SamplePlan.SaveToTemp(), "--no-browser", "--basemap", basemap);
        Assert.Equal(2, code);
        Assert.Contains("invalid option --basemap", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Studio_MissingPlan_Exit2()
    {
        var (code, _, err) = SamplePlan.Cli("studio", Path.Combine(Path.GetTempPath(), "no-such-plan", "plan.json"), "--no-browser");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Studio_ServesThePlanOnLoopbackBehindTheToken()
    {
        string plan = SamplePlan.SaveToTemp();
        string cli = Path.Combine(AppContext.BaseDirectory, "PlaceKit.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[cli, "studio", plan, "--no-browser", "--basemap", "none", "--port", "0"]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            string? url = null;
            var lines = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (url is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Trim().StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) url = line.Trim();
            }

            if (url is null)
            {
                // Only now: reading stderr to its end waits for the process to exit, which a running studio never does.
                process.Kill(entireProcessTree: true);
                Assert.Fail("no URL printed: " + string.Join('\n', lines) + await process.StandardError.ReadToEndAsync());
            }

            Assert.Contains(lines, l => l.Contains("Saves to", StringComparison.Ordinal) && l.Contains("jan-edited", StringComparison.Ordinal));
            var uri = new Uri(url);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(uri, "/api/state"))).StatusCode);
            string token = uri.Query["?token=".Length..];
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(uri, "/api/state?token=" + token))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync(uri)).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
