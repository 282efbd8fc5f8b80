namespace MetaAiTracker.Web.Sources;

/// <summary>
/// Polls the sources that are due, every <see cref="SourceOptions.TickSeconds"/>. Each source keeps its own schedule
/// and back-off (<see cref="SourcePoller"/>); a round that fails as a whole (the store locked, say) is logged and the
/// next one tries again.
/// </summary>
public sealed class SourcePollingService(SourcePoller poller, TrackerOptions options, ILogger<SourcePollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Sources.Poll || options.ReadOnly) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Sources.TickSeconds)));
        do
        {
            try
            {
                foreach (var r in await poller.PollDueAsync(stoppingToken))
                    if (r.Ran && r.Error is null)
                        logger.LogInformation("Polled source {Id}: {Added} added, {Duplicates} duplicate(s), {Refused} refused",
                            r.SourceId, r.Added.Count, r.Duplicates, r.Refusals.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A round of source polling failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
