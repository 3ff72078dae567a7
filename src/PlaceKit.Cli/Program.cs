using PlaceKit.Cli;

return PlaceKitCli.Run(args, Console.Out, Console.Error);
