// A housing app hosting PlaceKit with the generic host: options bound from appsettings.json (section "PlaceKit"),
// validated at start-up, stages resolved from dependency injection, stage timings logged through ILogger.
//   dotnet run --project samples/HostedPlaces [-- homes.csv] [--PlaceKit:Clustering:TargetSize=300]
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlaceKit.DependencyInjection;
using PlaceKit.Homes;
using PlaceKit.Planning;

// appsettings.json next to the app, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddPlaceKit(builder.Configuration.GetSection("PlaceKit"));
using var host = builder.Build();
try
{
    await host.StartAsync(); // ValidateOnStart: a bad option stops here, naming the option and its value
}
catch (OptionsValidationException ex)
{
    foreach (var failure in ex.Failures) Console.Error.WriteLine($"error: PlaceKit option {failure}");
    return 2;
}
catch (InvalidOperationException ex)
{
    // Binding: an unknown key or a value of the wrong type, named by the configuration binder (and why, for a name).
    string why = ex.InnerException is FormatException f ? " " + f.Message : "";
    Console.Error.WriteLine($"error: {ex.Message}{why}");
    return 2;
}

var definer = host.Services.GetRequiredService<IPlaceDefiner>();
var log = host.Services.GetRequiredService<ILogger<Program>>();
string? csv = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
var homes = csv is null ? SampleStock.Sample() : HomeCsv.Read(csv);
var plan = definer.Define(homes);
log.LogInformation("{Headline}", plan.Coverage.Headline);
Console.WriteLine(plan.Coverage.Headline);
await host.StopAsync();
return 0;
