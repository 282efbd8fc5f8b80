using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>
/// The tracker as a separate process (the app built beside the tests), for what only a real process shows: what
/// `serve` prints on its console, and how `users add` reads a redirected standard input.
/// </summary>
public sealed partial class TrackerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly string _dir;

    private TrackerProcess(Process process, string dir)
    {
        _process = process;
        _dir = dir;
    }

    public string DatabasePath => Path.Combine(_dir, "tracker.db");

    /// <summary>What the process printed so far, standard output and error interleaved.</summary>
    public IReadOnlyList<string> Output { get { lock (_output) return [.. _output]; } }

    private static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MetaAiTracker.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["Tracker__IngestSeedsOnFirstStart"] = "false";
        return info;
    }

    /// <summary>Runs one command to its end with <paramref name="input"/> as its (redirected) standard input.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(string input, params string[] args)
    {
        using var process = Process.Start(StartInfo(Path.GetTempPath(), args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>`tracker serve` on a fresh store and a free loopback port, once it printed its setup address.</summary>
    public static async Task<(TrackerProcess Server, string SetupUrl)> ServeFreshAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mat-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var process = new Process { StartInfo = StartInfo(dir, "serve", "--db", Path.Combine(dir, "tracker.db"), "--urls", "http://127.0.0.1:0") };
        var server = new TrackerProcess(process, dir);
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null) return;
            lock (server._output) server._output.Add(line);
            if (SetupAddress().Match(line) is { Success: true } m) found.TrySetResult(m.Value);
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await found.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return (server, url);
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException("serve printed no setup address:\n" + string.Join("\n", server.Output));
        }
    }

    [GeneratedRegex(@"http://[^\s/]+/setup\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SetupAddress();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
