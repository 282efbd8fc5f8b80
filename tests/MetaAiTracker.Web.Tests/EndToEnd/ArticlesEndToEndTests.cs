namespace MetaAiTracker.Web.Tests.EndToEnd;

public class ArticlesEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ReaderHighlightsEachItemAtItsExactSpan()
    {
        var page = await app.OpenAsync("/articles/5");
        await AppFixture.ScreenshotAsync(page, "article-5");

        var marks = page.Locator(".source-text mark");
        Assert.True(await marks.CountAsync() > 0, "the reader shows no highlighted item");
        // Every highlight covers whole words: the characters on both sides of a mark are not letters.
        var ok = await page.EvaluateAsync<bool>("""
            () => [...document.querySelectorAll('.source-text mark')].every(m => {
                const isLetter = c => /[\p{L}\p{M}]/u.test(c ?? '');
                const t = m.textContent;
                const before = m.previousSibling?.textContent?.slice(-1);
                const after = m.nextSibling?.textContent?.slice(0, 1);
                return !(isLetter(before) && isLetter(t[0])) && !(isLetter(after) && isLetter(t[t.length - 1]));
            })
            """);
        Assert.True(ok, "a highlight splits a word");
        await page.CloseAsync();
    }
}
