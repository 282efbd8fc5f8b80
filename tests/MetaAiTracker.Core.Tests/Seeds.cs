namespace MetaAiTracker.Core.Tests;

/// <summary>The seed articles, copied beside the test assembly from the repository's seeds/.</summary>
public static class Seeds
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static string Read(string prefix) =>
        File.ReadAllText(Directory.GetFiles(Dir, prefix + "_*.txt").Single());

    public static IEnumerable<string> Files => Directory.GetFiles(Dir, "*.txt").Order();
}
