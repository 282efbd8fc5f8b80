using MetaAiTracker.Web.Cli;

// One entry point: `tracker serve` runs the dashboard; the other verbs are the command line (TrackerCli).
return await TrackerCli.RunAsync(args);
