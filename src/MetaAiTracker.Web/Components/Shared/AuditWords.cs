using System.Text.Json;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Web.Data;
using MetaAiTracker.Web.Editing;

namespace MetaAiTracker.Web.Components.Shared;

/// <summary>
/// An audit entry in the reader's words: the store keeps actions ("item.edit"), field names and enum values in English
/// for scripts and the API (GET /api/audit); the admin page, an item's history and a conflict message say them in the
/// reader's language. A value with no word of its own (a title, an id, a date) is shown as stored.
/// </summary>
public static class AuditWords
{
    public static string Action(AuditEntry entry) => Ui.Find("audit.action." + entry.Action) ?? entry.Action;

    public static string Field(string field) => Ui.Find("audit.field." + field.ToLowerInvariant()) ?? field;

    public static string Value(string field, string value)
    {
        var word = field.ToLowerInvariant() switch
        {
            "status" => Enum.TryParse<ReviewStatus>(value, true, out var s) ? Labels.Status(s) : null,
            "stance" => Enum.TryParse<Stance>(value, true, out var st) ? Labels.Stance(st) : null,
            "kind" => Enum.TryParse<ItemKind>(value, true, out var k) ? Labels.Kind(k)
                : Enum.TryParse<EntityKind>(value, true, out var ek) ? Labels.EntityKind(ek) : null,
            "role" => Accounts.TrackerRoles.Parse(value) is not null ? Labels.Role(value) : null,
            "granularity" or "publishedgranularity" => Ui.Find("granularity." + value.ToLowerInvariant()),
            "quotekind" => Ui.Find("quoteKind." + value.ToLowerInvariant()),
            "themes" => ThemeList(value),
            _ => null,
        };
        return word ?? Ui.Find("audit.value." + value.ToLowerInvariant()) ?? value;
    }

    /// <summary>The entry's changes, each field and value in the reader's words.</summary>
    public static List<(string Field, string Before, string After)> Changes(AuditEntry entry) =>
        [.. AuditLog.Changes(entry).Select(c => (Field(c.Field), Value(c.Field, c.Before), Value(c.Field, c.After)))];

    /// <summary>One line for a message: "الموقف: منفتح → مغلق؛ …".</summary>
    public static string Describe(AuditEntry entry) => string.Join(Ui.IsEnglish ? "; " : "؛ ",
        Changes(entry).Select(c => $"{c.Field}: {Isolate(c.Before)} {(Ui.IsEnglish ? "→" : "←")} {Isolate(c.After)}"));

    // Each value keeps its own direction inside the sentence (first-strong isolate, U+2068 … U+2069).
    private static string Isolate(string value) => "\u2068" + Labels.Shorten(value, 80) + "\u2069";

    // Theme keys are ids (they appear in URLs); a JSON list of them reads better as a list.
    private static string? ThemeList(string json)
    {
        try { return JsonSerializer.Deserialize<string[]>(json) is { } keys ? Labels.List(keys) : null; }
        catch (JsonException) { return null; }
    }
}
