using MetaAiTracker.Web.Components.Shared;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>Counts by CLDR's plural rules (through ICU4N), with each language's forms from the resx.</summary>
public class PluralTests
{
    // CLDR's Arabic cardinal rules: zero n=0; one n=1; two n=2; few n%100=3..10; many n%100=11..99; other the rest.
    [Theory]
    [InlineData(0, "zero", "0 عنصر", "0 items")]
    [InlineData(1, "one", "عنصر واحد", "1 item")]
    [InlineData(2, "two", "عنصران", "2 items")]
    [InlineData(3, "few", "3 عناصر", "3 items")]
    [InlineData(10, "few", "10 عناصر", "10 items")]
    [InlineData(11, "many", "11 عنصرًا", "11 items")]
    [InlineData(99, "many", "99 عنصرًا", "99 items")]
    [InlineData(100, "other", "100 عنصر", "100 items")]
    [InlineData(101, "other", "101 عنصر", "101 items")]
    [InlineData(102, "other", "102 عنصر", "102 items")]
    [InlineData(103, "few", "103 عناصر", "103 items")]
    [InlineData(111, "many", "111 عنصرًا", "111 items")]
    public void ItemsAreCountedByCldrRulesInBothLanguages(int n, string arabicCategory, string arabic, string english)
    {
        Assert.Equal(arabicCategory, Ui.PluralCategory(n, "ar"));
        Assert.Equal(n == 1 ? "one" : "other", Ui.PluralCategory(n, "en"));
        Assert.Equal(arabic, Ui.Count("count.items", n, "ar"));
        Assert.Equal(english, Ui.Count("count.items", n, "en"));
    }

    [Theory]
    [InlineData("count.articles", "مقال واحد", "مقالان", "3 مقالات", "11 مقالًا", "100 مقال")]
    [InlineData("count.quotes", "اقتباس واحد", "اقتباسان", "3 اقتباسات", "11 اقتباسًا", "100 اقتباس")]
    [InlineData("count.selected", "عنصر واحد مختار", "عنصران مختاران", "3 عناصر مختارة", "11 عنصرًا مختارًا", "100 عنصر مختار")]
    [InlineData("count.handPicked", "عنصر واحد مختار يدويًا", "عنصران مختاران يدويًا", "3 عناصر مختارة يدويًا", "11 عنصرًا مختارًا يدويًا", "100 عنصر مختار يدويًا")]
    public void EveryCountedNounHasItsArabicForms(string key, string one, string two, string few, string many, string other)
    {
        Assert.Equal([one, two, few, many, other], new[] { 1, 2, 3, 11, 100 }.Select(n => Ui.Count(key, n, "ar")));
    }

    [Fact]
    public void TheReadersLanguageIsTheDefault()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new("en");
            Assert.Equal("2 articles", Ui.Count("count.articles", 2));
            System.Globalization.CultureInfo.CurrentUICulture = new("ar");
            Assert.Equal("مقالان", Ui.Count("count.articles", 2));
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }
    }
}
