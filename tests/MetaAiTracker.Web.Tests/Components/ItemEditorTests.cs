using Bunit;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Components.Pages.Review;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.Components;

/// <summary>The item edit form: the fields its kind has, and an edit that carries only what the editor changed.</summary>
public class ItemEditorTests : BunitContext
{
    public ItemEditorTests() => Services.AddMudServices();

    private static Item Quote() => new()
    {
        Id = 5, ArticleId = 1, Kind = ItemKind.Quote, Start = 10, End = 40, Text = "نص", ExtractorVersion = "x", Stance = Stance.Open,
        SpeakerEntityId = "mark-zuckerberg", SpeakerName = "زوكربيرج", Themes = [new ItemTheme { ThemeKey = "openness" }],
    };

    private IRenderedComponent<ItemEditor> Render(Item item, Action<ItemEdit> saved) => Render<ItemEditor>(p => p
        .Add(c => c.Item, item)
        .Add(c => c.Entities, new Dictionary<string, string> { ["mark-zuckerberg"] = "مارك زوكربيرغ", ["yann-lecun"] = "يان لوكون" })
        .Add(c => c.Themes, new Dictionary<string, string> { ["openness"] = "الانفتاح", ["talent"] = "المواهب" })
        .Add(c => c.OnSave, saved));

    [Fact]
    public void AQuoteOffersASpeakerAndSendsOnlyTheNewSpeakerAndThemes()
    {
        ItemEdit? edit = null;
        var cut = Render(Quote(), e => edit = e);
        Assert.Empty(cut.FindAll("textarea[name=summary]"));
        Assert.Equal("mark-zuckerberg", cut.Find("select.speaker-select").GetAttribute("value"));

        cut.Find("select.speaker-select").Change("yann-lecun");
        cut.Find(".item-themes input[value=talent]").Change(true);
        cut.Find("button.save").Click();

        Assert.NotNull(edit);
        Assert.Equal("yann-lecun", edit.SpeakerEntityId);
        Assert.Equal("يان لوكون", edit.SpeakerName);
        Assert.Equal("يان لوكون", cut.Find("input[name=speakerName]").GetAttribute("value"));
        Assert.Equal(["openness", "talent"], edit.Themes!.Order());
        Assert.Null(edit.Amounts);
        Assert.Null(edit.Date);
    }

    [Fact]
    public void AnEventShowsItsAmountsAndRefusesOnesItCannotRead()
    {
        var item = Quote();
        item.Kind = ItemKind.Event;
        // Stored as the extractor stores it: the value in units, the currency, the text's own words.
        item.Amounts = [new ItemAmount { Value = 14.3e9, Unit = "USD", Currency = "USD", Text = "14.3 مليار دولار" }];
        ItemEdit? edit = null;
        var cut = Render(item, e => edit = e);
        Assert.Equal("14.3 مليار دولار", cut.Find("input[name=amounts]").GetAttribute("value"));

        cut.Find("input[name=amounts]").Change("كثير من المال");
        cut.Find("button.save").Click();
        Assert.Null(edit);
        Assert.Contains("كثير من المال", cut.Find(".login-error").TextContent);

        cut.Find("input[name=amounts]").Change("15 billion USD; 600000 gpus");
        cut.Find("input[name=date]").Change("2025-06");
        cut.Find("button.save").Click();
        // Read by the Core's amount rules, as the extractor reads the text: 15 billion USD is 15e9 USD.
        Assert.Equal([(15e9, "USD", "USD"), (600000d, "other", null)], edit!.Amounts!.Select(a => ((double)a.Value!, a.Unit, a.Currency)));
        Assert.Equal("2025-06", edit.Date);
    }
}
