using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>One table per construction class, in sentences written for the purpose: phrase, value, unit, qualifier.</summary>
public class AmountExtractorTests
{
    private static List<Amount> Amounts(string text) => Run.Until<AmountExtractor>(text).Amounts;

    private static void AssertSingle(string text, double value, string unit, string? qualifier)
    {
        var a = Assert.Single(Amounts(text));
        Assert.Equal(value, a.Value, 6);
        Assert.Equal(unit, a.Unit);
        Assert.Equal(qualifier, a.Qualifier);
        Assert.Equal(a.Unit.Length == 3 && char.IsUpper(a.Unit[0]) ? a.Unit : null, a.Currency);
    }

    [Theory]
    [InlineData("مع استثمار 65 مليار دولار هذا العام", 65e9, "USD", null)]
    [InlineData("نموذج يحتوي على 405 مليار معلمة", 405e9, "parameters", null)]
    [InlineData("أنفقت ثلاثة مليارات دولار", 3e9, "USD", null)]
    [InlineData("جمعت 1.5 مليار دولار", 1.5e9, "USD", null)]
    [InlineData("جمعت 1,5 مليار يورو", 1.5e9, "EUR", null)]
    [InlineData("دفعت ١٤ مليار دولار", 14e9, "USD", null)]
    [InlineData("ارتفعت الإيرادات بنسبة 20%", 20, "percent", null)]
    [InlineData("أطلقت نسخة بحجم 405B للمطورين", 405e9, "parameters", null)]
    [InlineData("جمعت الشركة €5 مليار من المستثمرين", 5e9, "EUR", null)]
    public void AmountsParseToValuesWithUnits(string text, double value, string unit, string? qualifier) => AssertSingle(text, value, unit, qualifier);

    [Theory]
    [InlineData("وقّع أكثر من 1200 باحث على الرسالة", 1200, "people", "min")]
    [InlineData("تعتزم الشركة خفض 350 وظيفة في قسم المبيعات", 350, "people", null)]
    [InlineData("يعمل في المجموعة 70 ألف موظف", 70e3, "people", null)]
    [InlineData("انضم إلى المختبر 12 مهندسًا", 12, "people", null)]
    [InlineData("تقول المنصة إن لديها 900 مليون مستخدم نشط", 900e6, "people", null)]
    [InlineData("تخدم الخدمة ثلاثة ملايين من المستخدمين", 3e6, "people", null)]
    [InlineData("يضم النموذج الجديد 480 مليار مُعامل", 480e9, "parameters", null)]
    [InlineData("بحجم 30 مليار معاملة", 30e9, "parameters", null)]
    [InlineData("نموذج صغير من 1,5 مليار بارامتر", 1.5e9, "parameters", null)]
    [InlineData("يحتوي على 250 مليار متغير", 250e9, "parameters", null)]
    [InlineData("دُرّب على 22 تريليون رمز", 22e12, "tokens", null)]
    [InlineData("بنافذة سياق من 256 ألف توكن", 256e3, "tokens", null)]
    [InlineData("ينشئ مركزًا بطاقة 2.2 جيجاواط", 2.2, "other", null)]
    [InlineData("تعمل المحطة بقدرة 300 ميغاواط", 300, "other", null)]
    [InlineData("اشترت 40 ألف وحدة معالجة رسومية", 40e3, "other", null)]
    [InlineData("طلبت 25 ألف شريحة من المورد", 25e3, "other", null)]
    [InlineData("قسّمت المختبر إلى خمسة فرق", 5, "other", null)]
    [InlineData("يحتاج إلى ذاكرة 24 جيجابايت", 24, "other", null)]
    [InlineData("بكاميرا دقتها 48 ميجا بكسل", 48, "other", null)]
    [InlineData("وقّع أكثر من 300 عالم على البيان", 300, "people", "min")]
    [InlineData("أسرع بخمس مرات من سابقه", 5, "other", null)]
    [InlineData("تضاعف الطلب ثلاثة أضعاف", 3, "other", null)]
    [InlineData("أسرع 2.5 مرة", 2.5, "other", null)]
    // Three to ten and the count after it: any noun is counted, except time (سبع سنوات is a duration).
    [InlineData("افتتحت الشركة أربعة مكاتب جديدة", 4, "other", null)]
    [InlineData("تعمل في سبع مناطق حول العالم", 7, "other", null)]
    [InlineData("استحوذت على إحدى عشرة شركة", 11, "other", null)]
    [InlineData("سرّحت Meta 600 موظف من قسمها", 600, "people", null)]
    [InlineData("أبرمت 12 صفقة هذا العام", 12, "other", null)]
    [InlineData("تفتح 30 مكتبا في المنطقة", 30, "other", null)]
    public void UnitsOfCountedThings(string text, double value, string unit, string? qualifier) => AssertSingle(text, value, unit, qualifier);

    [Theory]
    [InlineData("ارتفعت بنسبة 12 بالمئة", 12, "percent", null)]
    [InlineData("انخفضت 4,5 في المائة", 4.5, "percent", null)]
    [InlineData("تراجع السهم 7٪ في يوم واحد", 7, "percent", null)]
    [InlineData("تملك حصة بنسبة %15 في الشركة", 15, "percent", null)]
    [InlineData("زادت الحصة 3 نقاط مئوية", 3, "percent", null)]
    [InlineData("تغيرت بنسبة -3% خلال الربع", -3, "percent", null)]
    public void Percentages(string text, double value, string unit, string? qualifier) => AssertSingle(text, value, unit, qualifier);

    [Theory]
    [InlineData("استثمرت 400 مليون يورو في أوروبا", 400e6, "EUR", null)]
    [InlineData("بقيمة 75 مليون جنيه إسترليني", 75e6, "GBP", null)]
    [InlineData("صفقة بـ9 مليارات ريال سعودي", 9e9, "SAR", null)]
    [InlineData("بتكلفة 6 مليارات درهم", 6e9, "AED", null)]
    [InlineData("منحة قدرها 20 مليون ريال قطري", 20e6, "QAR", null)]
    [InlineData("بيعت بـ250 ألف دينار كويتي", 250e3, "KWD", null)]
    [InlineData("غرامة قدرها 30 ألف دينار أردني", 30e3, "JOD", null)]
    [InlineData("قرض بقيمة 500 مليون جنيه مصري", 500e6, "EGP", null)]
    [InlineData("خسائر بلغت 12 مليار ليرة تركية", 12e9, "TRY", null)]
    [InlineData("استثمار بقيمة 10 مليارات يوان", 10e9, "CNY", null)]
    [InlineData("بسعر 15 مليون دولار أميركي", 15e6, "USD", null)]
    [InlineData("ورسوم قدرها 80 سنتًا", 0.8, "USD", null)]
    [InlineData("رسم قدره 75 قرشا", 0.75, "EGP", null)]
    [InlineData("بسعر 3 دولارات و50 سنتا", 3.5, "USD", null)]
    [InlineData("يبلغ سعره 42 EUR", 42, "EUR", null)]
    [InlineData("بسعر 350 ر.س شهريا", 350, "SAR", null)]
    [InlineData("بسعر 99 د.إ فقط", 99, "AED", null)]
    [InlineData("غرامة 40 د.ك", 40, "KWD", null)]
    public void Currencies(string text, double value, string unit, string? qualifier) => AssertSingle(text, value, unit, qualifier);

    [Theory]
    [InlineData("بسعر 15$ للاشتراك", 15, "USD")]
    [InlineData("بسعر $ 25 شهريا", 25, "USD")]
    [InlineData("يكلف 8€ فقط", 8, "EUR")]
    [InlineData("جمعت €12 مليون", 12e6, "EUR")]
    [InlineData("دفعت £3 مليارات", 3e9, "GBP")]
    [InlineData("تقدر قيمتها بـ$5bn", 5e9, "USD")]
    [InlineData("بلغ 30¢ للسهم", 0.3, "USD")]
    public void CurrencySymbolsBeforeOrAfter(string text, double value, string unit) => AssertSingle(text, value, unit, null);

    [Theory]
    [InlineData("جمعت خمسة وأربعين مليون دولار", 45e6, "USD", null)]
    [InlineData("وظفت اثني عشر باحثا", 12, "people", null)]
    [InlineData("أنفقت مئة وعشرين مليون دولار", 120e6, "USD", null)]
    [InlineData("سرّحت ثلاثمائة موظف", 300, "people", null)]
    [InlineData("استثمرت الشركة مليار دولار", 1e9, "USD", null)]
    [InlineData("ضخت ملياري دولار في المشروع", 2e9, "USD", null)]
    [InlineData("تقدر الخطة بتريليوني دولار", 2e12, "USD", null)]
    [InlineData("تضم المنصة مليوني مشترك", 2e6, "people", null)]
    [InlineData("بلغت الصفقة مليار ونصف دولار", 1.5e9, "USD", null)]
    [InlineData("بلغت الصفقة مليارًا ونصف المليار دولار", 1.5e9, "USD", null)]
    [InlineData("بقيمة نصف مليار دولار", 0.5e9, "USD", null)]
    [InlineData("يستخدمها ربع مليون شخص", 250e3, "people", null)]
    [InlineData("وعدت بتعيين ألفي موظف", 2000, "people", null)]
    [InlineData("يعمل فيه ألف مهندس", 1000, "people", null)]
    [InlineData("ما لا يقل عن سبعة مهندسين", 7, "people", "min")]
    [InlineData("سيحصل كل منهم على عشرين ألف دولار", 20e3, "USD", null)]
    public void NumberWordsAsAmounts(string text, double value, string unit, string? qualifier) => AssertSingle(text, value, unit, qualifier);

    [Theory]
    [InlineData("أنفقت 109مليارات دولار", 109e9, "USD")]
    [InlineData("دفعت 3,000,000 دولار", 3e6, "USD")]
    [InlineData("دفعت ١٬٢٠٠٬٠٠٠ دولار", 1.2e6, "USD")]
    [InlineData("دفعت 4.500.000 يورو", 4.5e6, "EUR")]
    [InlineData("دفعت 2 500 000 دولار", 2.5e6, "USD")]
    [InlineData("جمعت 1,25 مليار دولار", 1.25e9, "USD")]
    [InlineData("يعمل فيها 12,500 موظف", 12500, "people")]
    [InlineData("بلغت الأرباح 36ر4 مليار دولار", 4.36e9, "USD")]
    [InlineData("سجلت 65\nمليار دولار", 65e9, "USD")]
    [InlineData("بأحجام 8B فقط", 8e9, "parameters")]
    // One point and three digits is a thousands separator (Maghreb outlets), unless a scale follows.
    [InlineData("براتب 50.000 درهم", 50e3, "AED")]
    [InlineData("توظف 2.500 مهندس", 2500, "people")]
    [InlineData("جمعت 1.500 مليار دولار", 1.5e9, "USD")]
    [InlineData("تبلغ 3.25 دولار", 3.25, "USD")]
    [InlineData("تبلغ 0.750 دولار", 0.75, "USD")]
    public void DigitForms(string text, double value, string unit) => AssertSingle(text, value, unit, null);

    [Theory]
    [InlineData("بين 40 و45 مليار دولار", 40e9, 45e9, "USD")]
    [InlineData("ما بين 12 و15 ألف موظف", 12e3, 15e3, "people")]
    [InlineData("يتراوح بين 3 و4 تريليونات دولار", 3e12, 4e12, "USD")]
    [InlineData("تتراوح بين 60 إلى 70 مليار دولار", 60e9, 70e9, "USD")]
    [InlineData("رصدت 80–90 مليار دولار", 80e9, 90e9, "USD")]
    [InlineData("رصدت 80‑90 مليار دولار", 80e9, 90e9, "USD")]
    [InlineData("رصدت 80-90 مليار دولار", 80e9, 90e9, "USD")]
    [InlineData("رصدت 80 — 90 مليار دولار", 80e9, 90e9, "USD")]
    [InlineData("تخفض من 200 إلى 300 موظف", 200, 300, "people")]
    [InlineData("من خمسة إلى سبعة ملايين دولار", 5e6, 7e6, "USD")]
    [InlineData("بين ستة وثمانية مليارات دولار", 6e9, 8e9, "USD")]
    [InlineData("من عشرين لثلاثين دولارا", 20, 30, "USD")]
    [InlineData("بين خمسة وعشرين دولارا", 5, 20, "USD")]
    [InlineData("بين 500 مليون و1.2 مليار دولار", 500e6, 1.2e9, "USD")]
    [InlineData("يباع بسعر 15$-20$", 15, 20, "USD")]
    [InlineData("بنسبة 10-15%", 10, 15, "percent")]
    [InlineData("من 10 إلى 15 بالمئة", 10, 15, "percent")]
    [InlineData("من 10 دولارات إلى 20 دولارا", 10, 20, "USD")]
    [InlineData("ما بين 66 و72 مليار", 66e9, 72e9, "other")]
    [InlineData("ستحتاج 10 أو 15 مليار دولار", 10e9, 15e9, "USD")]
    public void RangesAreTwoAmounts(string text, double low, double high, string unit)
    {
        var a = Amounts(text);
        Assert.Equal(2, a.Count);
        Assert.Equal((low, unit, "min"), (a[0].Value, a[0].Unit, a[0].Qualifier));
        Assert.Equal((high, unit, "max"), (a[1].Value, a[1].Unit, a[1].Qualifier));
    }

    [Theory]
    [InlineData("نحو 10 مليارات دولار", "approx")]
    [InlineData("أكثر من 600 ألف مستخدم", "min")]
    [InlineData("ما يصل إلى 100 مليون دولار", "max")]
    [InlineData("أنفقت 10 مليارات دولار على الأقل", "min")]
    [InlineData("بلغت 3 ملايين دولار تقريبًا", "approx")]
    [InlineData("بميزانية في حدود 20 مليون دولار", "approx")]
    [InlineData("وظفت ما يزيد على 400 موظف", "min")]
    [InlineData("بقيمة لا تقل عن 10 مليارات دولار", "min")]
    [InlineData("بقيمة تقارب 30 مليار دولار", "approx")]
    [InlineData("تجاوزت 10 مليارات دولار", "min")]
    [InlineData("على الأقل 5 ملايين دولار", "min")]
    [InlineData("بحد أقصى 20 مليون دولار", "max")]
    [InlineData("أقل من 5 ملايين دولار", "max")]
    public void QualifiersAreKept(string text, string qualifier)
    {
        Assert.Equal(qualifier, Assert.Single(Amounts(text)).Qualifier);
    }

    [Theory]
    // A scale without a unit takes the unit of the amount before it in the sentence.
    [InlineData("أنفقت 20 مليار دولار وتخطط لإنفاق 25 مليارًا العام المقبل", 25e9, "USD")]
    [InlineData("يضم 70 مليار معلمة وينشط منها 9 مليارات لكل توكن", 9e9, "parameters")]
    [InlineData("وصل عدد المستخدمين إلى 40 مليونا", 40e6, "other")]
    public void AScaleWithoutAUnit(string text, double value, string unit)
    {
        var a = Amounts(text)[^1];
        Assert.Equal((value, unit), (a.Value, a.Unit));
    }

    [Theory]
    [InlineData("استثمرت في عام 2019 مليار دولار", 1e9)]
    [InlineData("أنفقت في 2024 مليار دولار أخرى", 1e9)]
    public void AYearBeforeAScaleWordIsNoPartOfTheAmount(string text, double value)
    {
        Assert.Equal(value, Assert.Single(Amounts(text)).Value, 6);
    }

    [Fact]
    public void APricePerTokenIsTwoAmounts()
    {
        var a = Amounts("تبلغ التكلفة 0.8 دولار لكل مليون توكن");
        Assert.Equal([(0.8, "USD"), (1e6, "tokens")], a.Select(x => (x.Value, x.Unit)));
    }

    [Theory]
    [InlineData("أطلقت ميتا Llama 3.1 في عام 2023")]
    [InlineData("تستثمر الشركات مليارات الدولارات")]
    [InlineData("وصلت إلى ملايين المستخدمين")]
    [InlineData("في الفترة من 3 إلى 5 مارس")]
    [InlineData("بين 2023 و2025 تغيرت الخطة")]
    [InlineData("أطلقت gpt-oss-120b للمطورين")]
    [InlineData("نموذج Qwen2.5-72B الجديد")]
    [InlineData("يتفوق على GPT-5 في الاختبارات")]
    [InlineData("حقق Llama 4 نماذج أفضل")]
    [InlineData("البالغ من العمر 41 عامًا")]
    [InlineData("خلال 3 أيام فقط")]
    [InlineData("كانت واحدة من الشركات القليلة")]
    [InlineData("تعمل بشريحة Ascend 910C")]
    [InlineData("بشاشة 4K وشبكات 5G")]
    [InlineData("في الساعة 10:30 صباحا")]
    [InlineData("آلاف الموظفين ومئات الملايين من الدولارات وعشرات المليارات")]
    [InlineData("أطلقت نموذجين جديدين")]
    [InlineData("ألفا جو هزم البطل")]
    [InlineData("يقارن Llama 3.1 405B بنموذج Qwen 2.5 72B")]
    [InlineData("وهي إحدى الشركات الكبرى")]
    [InlineData("وهو أحد تطبيقات الشركة")]
    [InlineData("كانت إحدى شركات التقنية")]
    [InlineData("بعد سبع سنوات من العمل")]
    [InlineData("في الدورة الثالثة عشرة للمؤتمر")]
    [InlineData("خلال السنوات الخمس الماضية")]
    [InlineData("تسع الآلاف من الزوار")]
    public void NotAmounts(string text)
    {
        Assert.Empty(Amounts(text));
    }

    // An editor's typed figure is read by the same rules as the text's, in Arabic or in English.
    [Theory]
    [InlineData("14.3 مليار دولار", 14.3e9, "USD")]
    [InlineData("14.3 billion USD", 14.3e9, "USD")]
    [InlineData("14.3 billion dollars", 14.3e9, "USD")]
    [InlineData("$14.3 billion", 14.3e9, "USD")]
    [InlineData("405 billion parameters", 405e9, "parameters")]
    [InlineData("405B parameters", 405e9, "parameters")]
    [InlineData("600000 GPUs", 600000d, "other")]
    [InlineData("3 million users", 3e6, "people")]
    [InlineData("٦٥ مليار دولار", 65e9, "USD")]
    public void ReadsATypedAmountAsTheTextsOwn(string text, double value, string unit)
    {
        var amount = Assert.Single(AmountExtractor.Read(text));
        Assert.Equal((value, unit), (amount.Value, amount.Unit));
    }
}
