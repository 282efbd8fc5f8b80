namespace MetaAiTracker.Web.Tests;

/// <summary>
/// The command-line tests swap the process's Console and, for a local feed, set a process environment variable
/// (Tracker__Fetch__AllowedPrivateNetworks__0) that every configuration built meanwhile would read: they run alone,
/// so no other test's SSRF refusal is opened by it or writes into their captured output.
/// </summary>
[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;
