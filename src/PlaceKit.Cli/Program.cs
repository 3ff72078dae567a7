using PlaceKit.Cli;

using var cancellation = new ConsoleCancellation(Console.Error);
return PlaceKitCli.Run(args, Console.Out, Console.Error, cancellation.Token);
