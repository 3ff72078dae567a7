// A housing app hosting PlaceKit with the generic host: options bound from appsettings.json (section "PlaceKit"),
// validated at start-up, stages resolved from dependency injection, stage timings logged through ILogger.
//   dotnet run --project samples/HostedPlaces [-- homes.csv] [--PlaceKit:Clustering:TargetSize=300]
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PlaceKit.DependencyInjection;
using PlaceKit.Homes;
using PlaceKit.Planning;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddPlaceKit(builder.Configuration.GetSection("PlaceKit"));
using var host = builder.Build();
await host.StartAsync(); // ValidateOnStart: a bad option stops here, naming the option and its value

var definer = host.Services.GetRequiredService<IPlaceDefiner>();
var log = host.Services.GetRequiredService<ILogger<Program>>();
string? csv = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
var homes = csv is null ? SampleStock.Sample() : HomeCsv.Read(csv);
var plan = definer.Define(homes);
log.LogInformation("{Headline}", plan.Coverage.Headline);
Console.WriteLine(plan.Coverage.Headline);
await host.StopAsync();
