namespace MetaAiTracker.Web.Tests.Ingestion;

/// <summary>
/// Five rewrites of one story (written for these tests), as five outlets would carry it: a new headline, the name
/// spelled زوكربيرغ or زوكربيرج, the quote whole, with a word changed, cut short, with diacritics. The third also
/// carries another statement of his on the same topic, which must stay apart. The origin (2025-03-02) is
/// <see cref="Files"/>' last, so ingesting them in order makes the earliest article arrive after its copies.
/// </summary>
public static class Echoes
{
    public const string Speaker = "mark-zuckerberg";
    public const string OriginTitle = "ميتا تعلن نسخة جديدة من لاما";
    public const string OriginSource = "وكالة الأنباء التقنية";
    public const string Other = "لن نطرح أقوى نماذجنا للعموم قبل أن نتأكد من أن مخاطرها تحت السيطرة";

    public static readonly (string Name, string Text)[] Files =
    [
        ("echo-2.md", """
            ---
            title: زوكربيرج يدافع عن النماذج المفتوحة
            source: صحيفة الخليج الرقمية
            published: 2025-03-03
            ---
            دافع مؤسس ميتا عن قرار الشركة نشر نموذجها الجديد. وقال مارك زوكربيرج في منشور: «نؤمن بأن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أماناً وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا». وتأتي تصريحاته بعد أيام من إعلان منافسين نماذج مغلقة.
            """),
        ("echo-3.md", $"""
            ---
            title: لاما الجديد وحدود الانفتاح
            source: موقع البوابة العربية
            published: 2025-03-04
            ---
            قال زوكربيرغ: «نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا». لكنه أوضح في المقابلة نفسها حدود هذا الانفتاح، وقال زوكربيرغ: «{Other}».
            """),
        ("echo-4.md", """
            ---
            title: مؤسس ميتا يراهن على المصدر المفتوح
            source: مجلة المستقبل
            published: 2025-03-05
            ---
            في خطوة جديدة، نشرت ميتا أوزان نموذجها. وقال مارك زوكربيرغ: «نَعتقِدُ أنّ المصدرَ المفتوح سيجعل الذكاء الإصطناعي أكثر أمانًا، وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا». ويرى محللون أن القرار يضغط على المنافسين.
            """),
        ("echo-5.md", """
            ---
            title: ميتا تنشر نموذجا مفتوحا جديدا
            source: نشرة التقنية اليومية
            published: 2025-03-06
            ---
            نشرت ميتا نسخة جديدة من لاما. وقال زوكربيرج: «المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيعطي المطورين في كل مكان فرصة البناء على نماذجنا». وأضافت الشركة أن النموذج متاح للباحثين.
            """),
        ("echo-1.md", $"""
            ---
            title: {OriginTitle}
            source: {OriginSource}
            published: 2025-03-02
            ---
            أعلنت شركة ميتا يوم الأحد عن نسخة جديدة من نموذجها لاما. وقال مارك زوكربيرغ في منشور على حسابه: «نعتقد أن المصدر المفتوح سيجعل الذكاء الاصطناعي أكثر أمانا وسيمنح المطورين في كل مكان فرصة البناء على نماذجنا». وأضاف أن الشركة ستواصل الاستثمار في مراكز البيانات.
            """),
    ];

    /// <summary>Writes the five files into a folder of <paramref name="dir"/> and returns their paths in <see cref="Files"/>' order.</summary>
    public static List<string> Write(string dir)
    {
        var folder = Path.Combine(dir, "echoes");
        Directory.CreateDirectory(folder);
        return [.. Files.Select(f =>
        {
            var path = Path.Combine(folder, f.Name);
            File.WriteAllText(path, f.Text);
            return path;
        })];
    }
}
