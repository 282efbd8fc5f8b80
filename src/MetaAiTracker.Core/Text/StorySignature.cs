using System.Runtime.InteropServices;

namespace MetaAiTracker.Core.Text;

/// <summary>
/// A MinHash signature of an article's word shingles, to find the stored articles a new one nearly repeats
/// (syndicated copies with a new headline, paragraphs moved, dropped or added, a name spelled another way).
/// Words are the tokenizer's normalized words, light-stemmed, with the letters Arabic uses for a foreign "g"
/// (غ ج ق) folded to one, so زوكربيرغ and زوكربيرج are one word. Shingles are three words long.
/// Locality-sensitive hashing cuts the signature into <see cref="Bands"/> bands of <see cref="Rows"/> values: two
/// articles that share a band are candidates, verified by <see cref="Similarity"/>, the estimated Jaccard
/// similarity of their shingle sets (docs/extraction.md, "Story clusters", gives the measurements behind the
/// numbers).
/// </summary>
public static class StorySignature
{
    public const int Length = 120;
    public const int Rows = 3;
    public const int Bands = Length / Rows;
    /// <summary>Estimated Jaccard similarity at or above which two articles are one story.</summary>
    public const double Threshold = 0.35;
    /// <summary>Texts with fewer shingles are never clustered: a few common phrases would make two of them one story.</summary>
    public const int MinShingles = 40;
    private const int ShingleWords = 3;

    // Fixed (not per process): signatures are stored, so every run must hash alike.
    private static readonly (ulong A, ulong B)[] Seeds = MakeSeeds();

    private static (ulong, ulong)[] MakeSeeds()
    {
        var random = new Random(15_2026);
        var seeds = new (ulong, ulong)[Length];
        for (var i = 0; i < Length; i++) seeds[i] = ((ulong)random.NextInt64() | 1UL, (ulong)random.NextInt64());
        return seeds;
    }

    /// <summary>The signature of <paramref name="text"/>, or null when it is too short to be told apart from another.</summary>
    public static uint[]? Compute(string text)
    {
        var tokens = ArabicTokenizer.Tokenize(text);
        var shingles = tokens.Count - ShingleWords + 1;
        if (shingles < MinShingles) return null;
        var words = new ulong[tokens.Count];
        for (var i = 0; i < words.Length; i++) words[i] = WordHash(LightStemmer.Stem(tokens[i].Norm));

        var signature = new uint[Length];
        Array.Fill(signature, uint.MaxValue);
        for (var s = 0; s < shingles; s++)
        {
            var x = Mix(words[s] ^ Mix(words[s + 1] ^ Mix(words[s + 2])));
            for (var i = 0; i < Length; i++)
            {
                var h = (uint)((x * Seeds[i].A + Seeds[i].B) >> 32);
                if (h < signature[i]) signature[i] = h;
            }
        }
        return signature;
    }

    /// <summary>The estimated Jaccard similarity of the two articles' shingle sets: the share of equal values.</summary>
    public static double Similarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var same = 0;
        for (var i = 0; i < Length; i++) if (a[i] == b[i]) same++;
        return (double)same / Length;
    }

    /// <summary>
    /// One key per band: articles with an equal key are candidates. The band's number is mixed in, so equal values in
    /// two different bands give different keys and one column (one index) holds every band.
    /// </summary>
    public static long[] BandKeys(ReadOnlySpan<uint> signature)
    {
        var keys = new long[Bands];
        for (var b = 0; b < Bands; b++)
        {
            var h = Mix(0xcbf29ce484222325UL ^ (ulong)b);
            for (var r = 0; r < Rows; r++) h = Mix(h ^ signature[b * Rows + r]);
            keys[b] = (long)h;
        }
        return keys;
    }

    public static byte[] ToBytes(uint[] signature) => MemoryMarshal.AsBytes(signature.AsSpan()).ToArray();

    public static uint[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, uint>(bytes).ToArray();

    private static ulong WordHash(string word)
    {
        var h = 0xcbf29ce484222325UL;
        foreach (var c in word) h = (h ^ (c is 'غ' or 'ق' ? 'ج' : c)) * 0x100000001b3UL;
        return h;
    }

    // SplitMix64's finalizer: every input bit moves about half the output bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
