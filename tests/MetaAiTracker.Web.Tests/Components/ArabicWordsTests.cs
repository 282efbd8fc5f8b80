using System.Text.RegularExpressions;
using Bunit;
using MetaAiTracker.Core.Ingestion;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Accounts;
using MetaAiTracker.Web.Components.Shared;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using MetaAiTracker.Web.Timeline;
using MudBlazor.Services;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The words that used to reach the Arabic interface in English: roles, the audit log, refusals, the quarter axis.</summary>
public class ArabicWordsTests : BunitContext
{
    private static readonly Regex Latin = new("[A-Za-z]{2,}");

    public ArabicWordsTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static T In<T>(string language, Func<T> read)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new(language);
        try { return read(); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void RolesHaveArabicNames()
    {
        Assert.Equal(["محلل", "محرر", "مدير"], In("ar", () => TrackerRoles.All.Select(Labels.Role).ToArray()));
        Assert.Equal(["Analyst", "Editor", "Admin"], In("en", () => TrackerRoles.All.Select(Labels.Role).ToArray()));
    }

    private static AuditEntry Edit() => new()
    {
        Action = "item.edit", TargetType = "item", TargetId = "7", UserName = "huda", At = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
        Before = """{"Kind":"Quote","Status":"Machine","Stance":"Open","Hedged":false,"Granularity":"Quarter","Themes":["openness"]}""",
        After = """{"Kind":"Quote","Status":"Edited","Stance":"Closed","Hedged":true,"Granularity":"Month","Themes":["openness","talent"]}""",
    };

    [Fact]
    public void AnAuditEntrysActionFieldsAndValuesAreInArabic()
    {
        var changes = In("ar", () => AuditWords.Changes(Edit()));

        Assert.Equal("عدّل عنصرًا", In("ar", () => AuditWords.Action(Edit())));
        Assert.Contains(("الموقف", "منفتح", "مغلق"), changes);
        Assert.Contains(("الحالة", "آلي (لم يُراجع)", "معدَّل"), changes);
        Assert.Contains(("بصيغة احتمال", "لا", "نعم"), changes);
        Assert.Contains(("دقة التاريخ", "ربع سنة", "شهر"), changes);
        Assert.Equal("edited an item", In("en", () => AuditWords.Action(Edit())));
        var rendered = In("ar", () => Render<AuditChanges>(p => p.Add(c => c.Entry, Edit())).Find(".audit-changes").TextContent);
        // Theme keys are ids (they appear in URLs) and may stay Latin; nothing else may.
        Assert.Empty(Latin.Matches(rendered.Replace("openness", "").Replace("talent", "")));
    }

    [Theory]
    [InlineData("article.add"), InlineData("article.themes"), InlineData("article.relevance"), InlineData("article.details"), InlineData("article.reviewed")]
    [InlineData("item.confirm"), InlineData("item.reject"), InlineData("item.edit"), InlineData("item.add")]
    [InlineData("theme.add"), InlineData("theme.update"), InlineData("theme.merge"), InlineData("alias.add"), InlineData("alias.accepted"), InlineData("alias.refused")]
    [InlineData("entity.accept"), InlineData("entity.merge"), InlineData("proposal.refuse"), InlineData("user.add"), InlineData("user.set-role"), InlineData("user.disable")]
    [InlineData("view.save"), InlineData("view.delete"), InlineData("view.sent")]
    public void EveryAuditedActionHasArabicWords(string action)
    {
        var words = In("ar", () => AuditWords.Action(new AuditEntry { Action = action, UserName = "huda", TargetType = "x", TargetId = "1" }));
        Assert.NotEqual(action, words);
        Assert.Empty(Latin.Matches(words));
    }

    [Fact]
    public void RefusalsFromServicesAreSaidInTheReadersLanguage()
    {
        Exception[] refusals =
        [
            new InputException(new Phrase("error.themeExists", "openness")),
            new InputException(new Phrase("input.badDate", "2025-13", "2025-07-14", "1900-01-01", "2100-12-31")),
            new FetchException(new Phrase("fetch.timeout", "https://example.com/a", 20)),
            new AccountException(new Phrase("account.error.refused", "sami", new PhraseList([new("identity.PasswordTooShort", "Passwords must be at least 12 characters."), new("identity.PasswordRequiresDigit", "Passwords must have at least one digit ('0'-'9').")]))),
            new AccessDeniedException("amal may not merge themes: it needs the Admin role"),
            new KeyNotFoundException("no theme 'x'"),
            new ArticleRejectedException(RejectReason.NotText, "scan.pdf", "not a text file (binary content)"),
            new ArgumentException("a refusal nobody gave words to"),
        ];
        foreach (var ex in refusals)
        {
            var arabic = In("ar", () => UserErrors.Describe(ex));
            // Allowed to stay Latin: the values the reader typed or named (a key, an address, a file, an account).
            var words = Latin.Matches(arabic).Select(m => m.Value).Except(["openness", "https", "example", "com", "scan", "pdf", "sami"]);
            Assert.True(!words.Any(), $"{ex.GetType().Name}: «{arabic}»");
            Assert.True(Bidi.IsArabic(arabic), arabic);
        }
        // The English interface, the logs and the API keep the English message.
        Assert.Equal("a theme 'openness' already exists", refusals[0].Message);
        Assert.Equal("a theme 'openness' already exists", In("en", () => UserErrors.Describe(refusals[0])));
        Assert.Equal("sami: Passwords must be at least 12 characters.; Passwords must have at least one digit ('0'-'9').", refusals[3].Message);
    }

    [Fact]
    public void AValueInsideAnArabicRefusalIsIsolatedSoADateKeepsItsOrder()
    {
        var arabic = In("ar", () => UserErrors.Describe(new InputException(new Phrase("error.dateBackwards", "2025-01", "2025-03"))));
        Assert.Contains("\u20682025-01\u2069", arabic);
    }

    [Fact]
    public void TheChartsQuarterAxisIsInArabicWords()
    {
        PeriodCount[] quarters = [new(new DateOnly(2023, 1, 1), 2, 1, 0, 0), new(new DateOnly(2023, 4, 1), 1, 0, 0, 0), new(new DateOnly(2023, 7, 1), 0, 3, 0, 0)];
        // A period label is its name over its year, two lines of one <text>.
        static List<string> Labels(Bunit.IRenderedComponent<StanceChart> chart) =>
            [.. chart.FindAll("text.x-label").Select(t => string.Join(' ', t.QuerySelectorAll("tspan").Select(s => s.TextContent)))];
        var axis = In("ar", () => Labels(Render<StanceChart>(p => p.Add(c => c.Periods, quarters).Add(c => c.Zoom, Zoom.Quarter))));
        var english = Labels(Render<StanceChart>(p => p.Add(c => c.Periods, quarters).Add(c => c.Zoom, Zoom.Quarter).Add(c => c.Language, "en")));

        Assert.Contains("الربع الأول 2023", axis);
        Assert.DoesNotContain(axis, a => a.Contains('Q'));
        Assert.Contains("Q1 2023", english);
    }

    [Theory]
    [InlineData("Meta تدرس استخدام نماذج Google", "rtl")]
    [InlineData("زوكربيرج يطلق Llama 3.1", "rtl")]
    [InlineData("Meta opens Llama", "ltr")]
    public void ATitlesDirectionComesFromItsLetters(string title, string dir)
    {
        var cut = Render<Isolated>(p => p.Add(c => c.Text, title));
        Assert.Equal(dir, cut.Find("bdi").GetAttribute("dir"));
        Assert.Equal(dir == "rtl" ? "ar" : null, cut.Find("bdi").GetAttribute("lang"));
    }
}
