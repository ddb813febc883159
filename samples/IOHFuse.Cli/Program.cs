// Entry point: all logic lives in CliApp so tests can run it in-process.
return IOHFuse.Cli.CliApp.Run(args, Console.Out, Console.Error);
