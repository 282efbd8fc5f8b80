using System.Text;
using MetaAiTracker.Core.Text;

namespace MetaAiTracker.Benchmarks;

/// <summary>Synthetic Arabic articles built from the seed sentences, so benchmarks run on realistic text.</summary>
public static class Corpus
{
    public static string SeedsDir => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static List<string> SeedSentences()
    {
        var sentences = new List<string>();
        foreach (var file in Directory.GetFiles(SeedsDir, "*.txt").Order())
        {
            var text = File.ReadAllText(file);
            sentences.AddRange(SentenceSplitter.Sentences(text).Select(s => s.Of(text)).Where(s => s.Length > 40));
        }
        return sentences;
    }

    /// <summary>An article of about <paramref name="chars"/> characters: paragraphs of seed sentences in a seeded random order.</summary>
    public static string Article(List<string> sentences, Random random, int chars, int serial)
    {
        var sb = new StringBuilder(chars + 256);
        sb.Append("تقرير رقم ").Append(serial).Append(" عن استراتيجية ميتا\n\n");
        while (sb.Length < chars)
        {
            for (var k = 0; k < 4 && sb.Length < chars; k++)
                sb.Append(sentences[random.Next(sentences.Count)]).Append(' ');
            sb.Append("\n\n");
        }
        return sb.ToString();
    }

    /// <summary>The seed article closest to 10 KB of UTF-8 text, padded with seed sentences to exactly that size or more.</summary>
    public static string TenKilobyteArticle()
    {
        var text = File.ReadAllText(Directory.GetFiles(SeedsDir, "004_*.txt").Single());
        var sentences = SeedSentences();
        var i = 0;
        while (Encoding.UTF8.GetByteCount(text) < 10_240) text += "\n" + sentences[i++ % sentences.Count];
        return text;
    }
}
