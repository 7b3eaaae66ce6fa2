using Frintr.Jobs.Cli;

// `render …` makes one mosaic offline; anything else (or `worker`) runs the Hangfire worker daemon.
return args.Length > 0 && args[0] == "render"
    ? await RenderCommand.RunAsync(args[1..])
    : await WorkerCommand.RunAsync(args.Length > 0 && args[0] == "worker" ? args[1..] : args);
