using MetaAiTracker.Core.Extraction;
using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

/// <summary>
/// One table per class of date construction, in sentences written for the purpose: each row is a phrase, the
/// publication day it is read against, and the range and precision the last date of the phrase must resolve to.
/// </summary>
public class DateClassesTests
{
    private static void Check(string text, string published, string start, string end, DateGranularity granularity)
    {
        var dates = Run.Until<DateExtractor>(text, DateRange.Day(DateOnly.Parse(published))).Dates;
        Assert.NotEmpty(dates);
        var d = dates[^1];
        Assert.Equal((DateOnly.Parse(start), DateOnly.Parse(end), granularity), (d.Range.Start, d.Range.End, d.Range.Granularity));
    }

    [Theory]
    [InlineData("أعلنت الشركة في الخامس من أبريل 2025 عن نموذجها.", "2025-07-15", "2025-04-05", "2025-04-05", DateGranularity.Day)]
    [InlineData("وصل الوفد إلى المقر في الأول من شباط.", "2025-07-15", "2025-02-01", "2025-02-01", DateGranularity.Day)]
    [InlineData("عقد الاجتماع في الثامن من الشهر الجاري.", "2025-07-15", "2025-07-08", "2025-07-08", DateGranularity.Day)]
    [InlineData("ظهرت النسخة في العشرين من الشهر الماضي.", "2025-07-15", "2025-06-20", "2025-06-20", DateGranularity.Day)]
    [InlineData("انتهى العقد في الحادي والثلاثين من ديسمبر 2024.", "2025-07-15", "2024-12-31", "2024-12-31", DateGranularity.Day)]
    [InlineData("بدأ الاختبار في اليوم الثالث من مارس 2024.", "2025-07-15", "2024-03-03", "2024-03-03", DateGranularity.Day)]
    [InlineData("فتح الباب للتسجيل في أول أيار 2024.", "2025-07-15", "2024-05-01", "2024-05-01", DateGranularity.Day)]
    [InlineData("نشرت الورقة في 9 من يونيو 2025.", "2025-07-15", "2025-06-09", "2025-06-09", DateGranularity.Day)]
    [InlineData("أغلق الباب في آخر يوم من سبتمبر 2024.", "2025-07-15", "2024-09-30", "2024-09-30", DateGranularity.Day)]
    public void OrdinalDayWords(string text, string published, string start, string end, DateGranularity granularity) => Check(text, published, start, end, granularity);

    [Theory]
    [InlineData("عرضت الشركة نظارتها خلال مؤتمر Connect 2024.", "2025-07-15", "2024-01-01", "2024-12-31", DateGranularity.Year)]
    [InlineData("قدمت الورقة في قمة NeurIPS 2023 للباحثين.", "2025-07-15", "2023-01-01", "2023-12-31", DateGranularity.Year)]
    [InlineData("تجاوزت نتائج الربع الرابع من 2025 التوقعات.", "2026-01-29", "2025-10-01", "2025-12-31", DateGranularity.Quarter)]
    [InlineData("تجاوزت نتائج الربع الرابع التوقعات.", "2026-01-29", "2025-10-01", "2025-12-31", DateGranularity.Quarter)]
    [InlineData("ارتفعت الإيرادات خلال العام الماضي بنسبة كبيرة.", "2025-07-15", "2024-01-01", "2024-12-31", DateGranularity.Year)]
    [InlineData("تطرح الشركة منتجها في الربع الثالث من العام المقبل.", "2025-07-15", "2026-07-01", "2026-09-30", DateGranularity.Quarter)]
    public void YearsInsideNamesAndPeriods(string text, string published, string start, string end, DateGranularity granularity) => Check(text, published, start, end, granularity);

    [Theory]
    [InlineData("حددت الشركة موعدا في أبريل 2025، ثم أجلته إلى يونيو.", "2026-08-01", "2025-06-01", "2025-06-30", DateGranularity.Month)]
    [InlineData("وقع الاتفاق في 5 مايو 2023. وفي 20 يونيو بدأ التنفيذ.", "2025-07-15", "2023-06-20", "2023-06-20", DateGranularity.Day)]
    [InlineData("أطلقت الأداة في 10 مارس 2024. وقال المدير آنذاك إنها تجربة.", "2025-07-15", "2024-03-10", "2024-03-10", DateGranularity.Day)]
    [InlineData("ظهر النموذج في أكتوبر 2023، وفي ذلك الوقت كان الأقوى.", "2025-07-15", "2023-10-01", "2023-10-31", DateGranularity.Month)]
    [InlineData("افتتح المختبر في 2 فبراير 2022، وفي هذا اليوم وقع العقد.", "2025-07-15", "2022-02-02", "2022-02-02", DateGranularity.Day)]
    [InlineData("وقع العقد في هذا اليوم.", "2025-07-15", "2025-07-15", "2025-07-15", DateGranularity.Day)]
    public void MonthWithoutYearAndPointersTakeTheLastExplicitDate(string text, string published, string start, string end, DateGranularity granularity) => Check(text, published, start, end, granularity);

    [Theory]
    [InlineData("تتوقع الشركة الإطلاق بحلول منتصف 2026.", "2025-07-15", "2026-01-01", "2026-12-31", DateGranularity.Year)]
    [InlineData("يصل التحديث في منتصف العام المقبل.", "2025-07-15", "2026-01-01", "2026-12-31", DateGranularity.Year)]
    [InlineData("يكتمل البناء أواخر الشهر.", "2025-07-15", "2025-07-01", "2025-07-31", DateGranularity.Month)]
    [InlineData("يبدأ التدريب مطلع الشهر المقبل.", "2025-07-15", "2025-08-01", "2025-08-31", DateGranularity.Month)]
    [InlineData("انطلق البرنامج في أوائل مارس 2024.", "2025-07-15", "2024-03-01", "2024-03-31", DateGranularity.Month)]
    [InlineData("تغلق الصفقة بنهاية العام.", "2025-07-15", "2025-01-01", "2025-12-31", DateGranularity.Year)]
    [InlineData("تفتح الشركة مركزها ربيع العام المقبل.", "2025-07-15", "2026-03-01", "2026-05-31", DateGranularity.Season)]
    [InlineData("جمعت الشركة التمويل في صيف العام الماضي.", "2025-07-15", "2024-06-01", "2024-08-31", DateGranularity.Season)]
    [InlineData("يطرح الجهاز في النصف الأول من العام المقبل.", "2025-07-15", "2026-01-01", "2026-06-30", DateGranularity.Half)]
    [InlineData("تنمو المبيعات في النصف الثاني من 2025.", "2025-07-15", "2025-07-01", "2025-12-31", DateGranularity.Half)]
    public void PartsOfPeriods(string text, string published, string start, string end, DateGranularity granularity) => Check(text, published, start, end, granularity);

    [Theory]
    [InlineData("قالت الشركة أمس الأربعاء إنها ستوسع البرنامج.", "2025-07-17", "2025-07-16", "2025-07-16", DateGranularity.Day)]
    [InlineData("أعلنت ميتا، الخميس، أنها أوقفت الخدمة.", "2025-07-15", "2025-07-10", "2025-07-10", DateGranularity.Day)]
    [InlineData("أطلقت الشركة الأداة قبل أسبوع.", "2025-07-15", "2025-07-08", "2025-07-08", DateGranularity.Day)]
    [InlineData("غادر المدير منصبه قبل ثلاثة أشهر.", "2025-07-15", "2025-04-01", "2025-04-30", DateGranularity.Month)]
    [InlineData("اشترت الشركة المنصة قبل عامين.", "2025-07-15", "2023-01-01", "2023-12-31", DateGranularity.Year)]
    [InlineData("نشر الفريق النتائج قبل يومين.", "2025-07-15", "2025-07-13", "2025-07-13", DateGranularity.Day)]
    [InlineData("يصل الفريق بعد يومين.", "2025-07-15", "2025-07-17", "2025-07-17", DateGranularity.Day)]
    [InlineData("عرضت الشركة النظارة الثلاثاء الماضي.", "2025-07-15", "2025-07-08", "2025-07-08", DateGranularity.Day)]
    [InlineData("وقعت الحادثة أول أمس.", "2025-07-15", "2025-07-13", "2025-07-13", DateGranularity.Day)]
    [InlineData("ستطلق الشركة الأداة التي عرضتها الثلاثاء الماضي.", "2025-07-16", "2025-07-15", "2025-07-15", DateGranularity.Day)]
    [InlineData("سيصل النموذج إلى أوروبا بعد أن ظهر في مارس الماضي.", "2025-07-15", "2025-03-01", "2025-03-31", DateGranularity.Month)]
    [InlineData("ستعقد الشركة مؤتمرها في 28 يوليو.", "2025-07-15", "2025-07-28", "2025-07-28", DateGranularity.Day)]
    [InlineData("أعلنت الشركة اليوم الثلاثاء عن خطتها.", "2025-07-15", "2025-07-15", "2025-07-15", DateGranularity.Day)]
    [InlineData("أعلنت ميتا اليوم عن خطتها.", "2025-07-15", "2025-07-15", "2025-07-15", DateGranularity.Day)]
    [InlineData("يصدر القرار يوم غد.", "2025-07-15", "2025-07-16", "2025-07-16", DateGranularity.Day)]
    [InlineData("عقد اللقاء أربعاء الأسبوع الماضي.", "2025-07-15", "2025-07-09", "2025-07-09", DateGranularity.Day)]
    [InlineData("ينعقد المجلس الاثنين من الأسبوع المقبل.", "2025-07-15", "2025-07-21", "2025-07-21", DateGranularity.Day)]
    [InlineData("وقع الاتفاق في 3 مايو 2021، ثم انضمت شركة ثانية في العام التالي.", "2025-07-15", "2022-01-01", "2022-12-31", DateGranularity.Year)]
    public void DaysRelativeToADayPrecisePublicationDate(string text, string published, string start, string end, DateGranularity granularity) => Check(text, published, start, end, granularity);

    [Theory]
    [InlineData("صدر القرار في 12/3/2024.", "2025-07-15", "2024-03-12", "2024-03-12", DateGranularity.Day)]
    [InlineData("صدر القرار في ١٢/٣/٢٠٢٤.", "2025-07-15", "2024-03-12", "2024-03-12", DateGranularity.Day)]
    [InlineData("صدر القرار بتاريخ 2024-03-12.", "2025-07-15", "2024-03-12", "2024-03-12", DateGranularity.Day)]
    [InlineData("يعقد المؤتمر من 13 إلى 15 يوليو 2025.", "2025-07-01", "2025-07-13", "2025-07-15", DateGranularity.Range)]
    [InlineData("يعقد المعرض 8-11 سبتمبر 2025.", "2025-07-01", "2025-09-08", "2025-09-11", DateGranularity.Range)]
    [InlineData("التقى الطرفان الاثنين، 18 شباط 2019.", "2025-07-15", "2019-02-18", "2019-02-18", DateGranularity.Day)]
    [InlineData("التقى الطرفان يوم الخميس 14 أغسطس.", "2025-03-01", "2025-08-14", "2025-08-14", DateGranularity.Day)]
    [InlineData("تضاعف عدد المستخدمين خلال الأشهر الثلاثة الماضية.", "2025-07-15", "2025-04-01", "2025-06-30", DateGranularity.Range)]
    [InlineData("تنتهي المرحلة خلال الأسابيع الثلاثة المقبلة.", "2025-07-15", "2025-07-21", "2025-08-10", DateGranularity.Range)]
    [InlineData("وقع الطرفان الاتفاق في 15 شهر 3 من عام 2024.", "2025-07-15", "2024-03-15", "2024-03-15", DateGranularity.Day)]
    [InlineData("ستبدأ الرحلة في أكتوبر.", "2025-07-15", "2025-10-01", "2025-10-31", DateGranularity.Month)]
    [InlineData("المعرض في 4 سبتمبر.", "2025-07-15", "2025-09-04", "2025-09-04", DateGranularity.Day)]
    [InlineData("أطلقت الشركة الخدمة في نوفمبر.", "2025-07-15", "2024-11-01", "2024-11-30", DateGranularity.Month)]
    [InlineData("جرت الانتخابات في أول ثلاثاء من نوفمبر 2024.", "2025-07-15", "2024-11-05", "2024-11-05", DateGranularity.Day)]
    [InlineData("يعقد المجلس جلسته في آخر خميس من الشهر المقبل.", "2025-07-15", "2025-08-28", "2025-08-28", DateGranularity.Day)]
    [InlineData("افتتح المعرض ثاني أحد في ديسمبر 2023.", "2025-07-15", "2023-12-10", "2023-12-10", DateGranularity.Day)]
    [InlineData("انعقد اللقاء يوم الخميس الثالث من مايو 2024.", "2025-07-15", "2024-05-16", "2024-05-16", DateGranularity.Day)]
    [InlineData("انعقد اللقاء يوم الأربعاء الثالث من سبتمبر 2025.", "2025-10-15", "2025-09-03", "2025-09-03", DateGranularity.Day)]
    [InlineData("تنتهي المهلة الثلاثاء الأخير من سبتمبر 2025.", "2025-07-15", "2025-09-30", "2025-09-30", DateGranularity.Day)]
    [InlineData("تتراجع المبيعات عادة بعد عيد الميلاد.", "2025-07-15", "2025-12-25", "2025-12-25", DateGranularity.Day)]
    [InlineData("أغلقت المكاتب خلال عيد الفطر 2025.", "2025-07-15", "2025-03-30", "2025-03-30", DateGranularity.Day)]
    [InlineData("ارتفع الاستخدام في شهر رمضان 2024.", "2025-07-15", "2024-03-11", "2024-04-09", DateGranularity.Month)]
    [InlineData("توقفت الخدمة قبل عيد الفصح 2024.", "2025-07-15", "2024-03-31", "2024-03-31", DateGranularity.Day)]
    [InlineData("عادت الخدمة امبارح بعد انقطاع.", "2025-07-15", "2025-07-14", "2025-07-14", DateGranularity.Day)]
    [InlineData("كان الطرح مقررا قبل نهاية 2025، لكنه أرجئ إلى الربع الأول.", "2025-12-09", "2026-01-01", "2026-03-31", DateGranularity.Quarter)]
    [InlineData("حققت الشركة أرباحا خلال الفترة من أبريل إلى يونيو.", "2025-07-30", "2025-04-01", "2025-06-30", DateGranularity.Range)]
    [InlineData("قال المدير في رسالة الأربعاء إنه سيغادر الشركة.", "2025-11-20", "2025-11-19", "2025-11-19", DateGranularity.Day)]
    [InlineData("ارتفع السهم في تداولات الثلاثاء بنسبة طفيفة.", "2025-10-30", "2025-10-28", "2025-10-28", DateGranularity.Day)]
    [InlineData("تعمل المنشأة بكامل طاقتها اعتبارا من 2027.", "2025-07-15", "2027-01-01", "2027-12-31", DateGranularity.Year)]
    [InlineData("تتوفر الأداة للجميع بدءا من اليوم.", "2025-07-15", "2025-07-15", "2025-07-15", DateGranularity.Day)]
    [InlineData("تأسس المختبر قبل نحو ثلاث سنوات.", "2025-07-15", "2022-01-01", "2022-12-31", DateGranularity.Year)]
    [InlineData("تنفق الشركة المبلغ بين عامي 2025 و2028.", "2025-07-15", "2025-01-01", "2028-12-31", DateGranularity.Range)]
    [InlineData("يمتد البرنامج من 2024 إلى 2026.", "2025-07-15", "2024-01-01", "2026-12-31", DateGranularity.Range)]
    [InlineData("نشر في مارس ٤, ٢٠٢٥ على الموقع.", "2025-07-15", "2025-03-04", "2025-03-04", DateGranularity.Day)]
    [InlineData("يبدأ الاختبار في منتصف آذار.", "2025-07-15", "2025-03-01", "2025-03-31", DateGranularity.Month)]
    public void WhatArabicWritersWrite(string text, string published, string start, string end, DateGranularity granularity) => Check(text, published, start, end, granularity);

    [Theory]
    [InlineData("يرى الباحثون أن عالم اليوم مختلف.")]
    [InlineData("قالت إن أحد المهندسين غادر.")]
    [InlineData("يعالج النموذج خمسة آلاف رمز في يومين من التدريب.")]
    [InlineData("أطلقت الشركة GPT 2024 رمزا.")]
    [InlineData("الجمعة مباركة على الجميع.")]
    [InlineData("وقع الاتفاق بين الاثنين بعد مفاوضات.")]
    [InlineData("حصل أكثر من 2000 موظف على المكافأة.")]
    public void LookalikesAreNotDates(string text) => Assert.Empty(Run.Until<DateExtractor>(text, Run.July15).Dates);
}
