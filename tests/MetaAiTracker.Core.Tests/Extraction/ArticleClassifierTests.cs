using MetaAiTracker.Core.Model;

namespace MetaAiTracker.Core.Tests.Extraction;

public class ArticleClassifierTests
{
    [Fact]
    public void AnArticleThatNeverNamesMetaIsNotRelevant()
    {
        var x = Run.Pipeline("فاز الفريق بالمباراة النهائية بهدفين. وقال المدرب إن اللاعبين قدموا أداء رائعا في الشوط الثاني.");
        Assert.False(x.IsRelevant);
        Assert.Equal(0, x.RelevanceScore);
    }

    [Fact]
    public void ASeedArticleIsRelevantWithItsMainThemes()
    {
        var x = Run.Pipeline(Seeds.Read("004"));
        Assert.True(x.IsRelevant);
        Assert.Contains("openness", x.Themes);
        Assert.Contains("models", x.Themes);
        Assert.Equal(Stance.Open, x.Stance);
    }

    [Fact]
    public void EveryItemSpanSlicesItsTextOutOfTheArticle()
    {
        foreach (var file in Seeds.Files)
        {
            var text = File.ReadAllText(file);
            var x = Run.Pipeline(text, Run.July15);
            foreach (var item in x.Quotes.Cast<ExtractedItem>().Concat(x.Events).Concat(x.Claims))
                Assert.Equal(item.Text, text[item.Span.Start..item.Span.End]);
        }
    }
}
