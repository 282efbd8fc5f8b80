using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Ingestion;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task AVeryLongWordWrapsInsteadOfWideningTheReaderReviewAndSearchPages()
    {
        // One 5,000-letter "word" in a quote: unbroken, it widened the reader to 33,000 px.
        var word = string.Concat(Enumerable.Repeat("ميتا", 1250));
        var dir = Directory.CreateTempSubdirectory("mat-longword").FullName;
        var file = Path.Combine(dir, "long-word.txt");
        await File.WriteAllTextAsync(file, $"قال مارك زوكربيرغ في مؤتمر الشركة: \"إن كلمةفريدة {word} هي مستقبل الذكاء الاصطناعي المفتوح\".\n");
        var id = (await app.Services.GetRequiredService<IngestionService>().IngestPathsAsync([file])).Single().ArticleId
            ?? throw new InvalidOperationException("the article was not ingested");
        Directory.Delete(dir, recursive: true);

        foreach (var (path, role) in new[] { ($"/articles/{id}", TrackerRoles.Analyst), ($"/review/{id}", TrackerRoles.Editor),
                                             ("/search?q=" + Uri.EscapeDataString("كلمةفريدة"), TrackerRoles.Analyst) })
        {
            var page = await app.OpenAsync(path, width: 1366, role: role);
            await page.WaitForFunctionAsync("() => document.body.innerText.includes('كلمةفريدة')");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            // The innermost elements that reach past the window, to name what failed to wrap.
            var wide = width <= 1366 ? "" : await page.EvaluateAsync<string>("""
                () => {
                    const out = e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > 1366 || e.scrollWidth > 1366; };
                    return [...document.querySelectorAll('body *')].filter(e => out(e) && ![...e.children].some(out))
                        .slice(0, 3).map(e => `${e.tagName}.${e.className} (${e.scrollWidth} px)`).join(', ');
                }
                """);
            Assert.True(width <= 1366, $"{path} is {width} px wide in a 1366 px window: {wide}");
            await page.CloseAsync();
        }
    }
}
