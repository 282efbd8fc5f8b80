using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Core.Tests.Text;

/// <summary>
/// The clustering test set: each seed and rewrites of it as a syndicating site would publish them (a new headline,
/// paragraphs moved, dropped or added, زوكربيرغ/زوكربيرج swapped, the first part only, several at once), and distinct
/// stories on the same topic, written for this set, that must stay apart from the seeds and from each other.
/// Every rewrite is labelled with its seed: two documents are "the same story" when their labels are equal.
/// </summary>
public static class StoryTestSet
{
    public sealed record Doc(string Story, string Name, string Text);

    // Added paragraphs and distinct stories, in this project's own words.
    private const string AddedParagraph =
        "وفي تعليق خاص لموقعنا، قال محلل في شؤون التقنية إن هذه الخطوة تستحق المتابعة خلال الأشهر المقبلة، لأن السوق لم يحسم بعد أي الطريقين أربح للشركات الكبرى.";

    public static readonly string[] DistinctStories =
    [
        """
        أعلنت ميتا هذا الأسبوع عن افتتاح مركز بيانات جديد في ولاية لويزيانا الأمريكية، قالت إنه سيخدم تدريب نماذج الذكاء الاصطناعي القادمة.
        ويستهلك المركز كميات كبيرة من الكهرباء، ما دفع الشركة إلى توقيع عقود طويلة مع مزودي الطاقة الشمسية والغاز في المنطقة.
        ويرى مراقبون أن سباق البنية التحتية بين الشركات الكبرى صار يقاس بعدد الرقاقات المتاحة لكل مختبر أكثر من عدد الباحثين فيه.
        وقالت الشركة إن المركز سيبدأ العمل تدريجيا ابتداء من العام المقبل، دون أن تكشف عن كلفته الإجمالية.
        """,
        """
        نظمت جامعة في القاهرة ورشة عمل لطلاب علوم الحاسب حول تشغيل نماذج لغوية مفتوحة المصدر على أجهزة متواضعة.
        واستخدم المشاركون نسخا صغيرة من نماذج لاما بعد ضغطها، وجربوها في تلخيص نصوص عربية وترجمة فقرات قصيرة.
        وأشار المدرب إلى أن اللغة العربية ما زالت تحتاج إلى بيانات تدريب أكثر، خاصة في اللهجات المحلية.
        وختمت الورشة بمسابقة صغيرة فاز فيها فريق بنى مساعدا يجيب عن أسئلة الطلاب حول جداول الامتحانات.
        """,
        """
        قالت هيئة تنظيمية أوروبية إنها تدرس طريقة استخدام ميتا لمنشورات المستخدمين العلنية في تدريب نماذجها.
        وطلبت الهيئة من الشركة توضيح كيف يمكن للمستخدم أن يعترض على استعمال بياناته، وما المدة التي تحتفظ فيها بها.
        وردت ميتا بأنها تلتزم بالقوانين المحلية وأنها أتاحت نموذجا للاعتراض داخل التطبيق منذ أشهر.
        ولم تحدد الهيئة موعدا لإصدار قرارها، لكنها قالت إن التحقيق قد يشمل شركات أخرى في القطاع.
        """,
    ];

    /// <summary>One of the distinct stories with one paragraph of a seed quoted in it: still that story, not the seed's.</summary>
    private static string Borrowing(int story, string seed) =>
        DistinctStories[story] + "\n" + Blocks(seed)[2];

    public static List<Doc> Build()
    {
        var docs = new List<Doc>();
        foreach (var (file, index) in Seeds.Files.Select((f, i) => (f, i)))
        {
            var story = Path.GetFileName(file)[..3];
            var text = File.ReadAllText(file);
            var blocks = Blocks(text);
            docs.Add(new(story, "seed", text));
            foreach (var (name, rewrite) in Rewrites(blocks))
                docs.Add(new(story, name, rewrite));
            var other = index % DistinctStories.Length;
            docs.Add(new("distinct-" + other, "quotes a block of " + story, Borrowing(other, text)));
        }
        for (var i = 0; i < DistinctStories.Length; i++) docs.Add(new("distinct-" + i, "distinct", DistinctStories[i]));
        return docs;
    }

    /// <summary>Five rewrites of one seed, as five outlets would publish it.</summary>
    public static IEnumerable<(string Name, string Text)> Rewrites(List<string> blocks)
    {
        string Join(IEnumerable<string> b) => string.Join("\n", b);
        yield return ("new headline", Join(["عنوان آخر لنفس الخبر كما نشره موقع ثان", .. blocks.Skip(1)]));
        yield return ("blocks reordered", Join(blocks.Skip(blocks.Count / 2).Concat(blocks.Take(blocks.Count / 2))));
        yield return ("every third block dropped", Join(blocks.Where((_, i) => i % 3 != 2)));
        yield return ("name spelled the other way", SwapName(Join(blocks)));
        yield return ("a paragraph added", Join([.. blocks.Take(2), AddedParagraph, .. blocks.Skip(2)]));
        yield return ("first two thirds only", Join(blocks.Take(Math.Max(2, blocks.Count * 2 / 3))));
        yield return ("headline, drop, add and swap", SwapName(Join(["نسخة معدلة من التقرير", AddedParagraph, .. blocks.Skip(1).Where((_, i) => i % 4 != 3)])));
    }

    /// <summary>Paragraphs, or sentences when the text has few paragraphs (seed 003 is one block).</summary>
    public static List<string> Blocks(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return lines.Count >= 6 ? lines : [.. SentenceSplitter.Sentences(text).Select(s => s.Of(text).Trim()).Where(s => s.Length > 0)];
    }

    public static string SwapName(string text) =>
        text.Replace("زوكربيرغ", "\u0001").Replace("زوكربيرج", "زوكربيرغ").Replace("\u0001", "زوكربيرج");
}
