using Microsoft.JSInterop;

namespace MetaAiTracker.Web.Components.Pages.Review;

/// <summary>
/// The words an editor selected in the review page's source text, as offsets into the article: what adding an item
/// and moving an item's span both take, so no editor types UTF-16 offsets.
/// </summary>
public static class SourceSelection
{
    public const string Container = ".review-grid .source-text";

    /// <summary>The selected span, or null when nothing of the source text is selected.</summary>
    public static async Task<(int Start, int End)?> ReadAsync(IJSRuntime js, string articleText)
    {
        var span = await js.InvokeAsync<Selected?>("tracker.selection", Container);
        if (span is null || span.End <= span.Start || span.Text.Length == 0) return null;
        // tracker.js counts the container's text, which is the article's; a few characters of slack for what the
        // browser's text rendering may fold, then the selected words themselves must be there.
        var start = articleText.IndexOf(span.Text, Math.Max(0, span.Start - 5), StringComparison.Ordinal);
        return start < 0 ? null : (start, start + span.Text.Length);
    }

    private sealed record Selected(int Start, int End, string Text);
}
