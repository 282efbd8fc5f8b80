namespace MetaAiTracker.Web.Tests.Ingestion;

/// <summary>
/// Five outlets' copies of one seed, as a syndicated story reaches them: the original with the agency's line under it, a new headline, paragraphs
/// moved, the name spelled زوكربيرج/زوكربيرغ the other way, a paragraph of comment added. Each file has front matter
/// naming its outlet and day; the original is the earliest.
/// </summary>
public static class StoryRewrites
{
    public static readonly string[] Outlets = ["وكالة الأنباء التقنية", "موقع الشبكة اليوم", "صحيفة المستقبل الرقمي", "منصة أخبار التقنية", "نشرة الخليج"];

    public static string Seed(string prefix = "004") => File.ReadAllText(Directory.GetFiles(TestStore.SeedsDir, prefix + "_*.txt").Single());

    /// <summary>The five texts, the original first, with front matter (title, source, url, published 2025-09-10 + n days).</summary>
    public static List<string> Files(string prefix = "004", int firstDay = 10)
    {
        var lines = Seed(prefix).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        string Join(IEnumerable<string> b) => string.Join("\n", b);
        var bodies = new[]
        {
            Join([.. lines, "(خدمة الوكالة لمشتركيها)"]),
            Join(["ميتا تعيد النظر في الانفتاح: ما الذي يجري داخل مختبراتها", .. lines.Skip(1)]),
            Join(lines.Skip(lines.Count / 2).Concat(lines.Take(lines.Count / 2))),
            Join(lines).Replace("زوكربيرغ", "\u0001").Replace("زوكربيرج", "زوكربيرغ").Replace("\u0001", "زوكربيرج"),
            Join([.. lines.Take(2), "ويقول محرر الموقع إن هذه التطورات ستحدد شكل المنافسة بين الشركات في العام المقبل، وإن المستخدم العربي معني بها مباشرة.", .. lines.Skip(2)]),
        };
        return [.. bodies.Select((body, i) =>
            $"---\ntitle: {(i == 0 ? "الخبر الأصلي" : "نسخة " + (i + 1))} عن ميتا\nsource: {Outlets[i]}\nurl: https://outlet{i + 1}.example/story-{prefix}\npublished: 2025-09-{firstDay + i:00}\n---\n{body}")];
    }
}
