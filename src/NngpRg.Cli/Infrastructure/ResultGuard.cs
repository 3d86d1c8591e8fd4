using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json.Nodes;

namespace NngpRg.Cli.Infrastructure;

/// <summary>
/// A result that is not finite is an error, not an answer: NaN or ±∞ anywhere in a command's result (its JSON form,
/// built for the check whatever the output format) is reported with the field and the option that drove it out of range.
/// </summary>
public static class ResultGuard
{
    /// <summary>Throws a <see cref="UserError"/> naming the first non-finite field of <paramref name="result"/>, except fields
    /// named in <paramref name="mayBeInfinite"/> (where ∞ is a true answer, e.g. a ratio over an exact zero).</summary>
    public static void RequireFinite(JsonNode? result, ParseResult parse, params string[] mayBeInfinite)
    {
        if (Find(result, "", mayBeInfinite) is not { } bad) return;
        var suspects = Suspects(parse);
        throw new UserError($"the result is not finite ({bad.Path} = {bad.Value}): " +
            (suspects.Count > 0
                ? $"{string.Join(", ", suspects)} {(suspects.Count == 1 ? "is" : "are")} beyond what double precision carries through this computation; choose {(suspects.Count == 1 ? "a value" : "values")} of moderate size."
                : "an input is beyond what double precision carries through this computation."));
    }

    /// <summary>A library's message with the numeric options that drove it appended (only those of extreme size when
    /// <paramref name="extremeOnly"/>), unless it names an option already.</summary>
    public static string WithOptions(string message, ParseResult parse, bool extremeOnly = false)
    {
        if (message.Contains("--", StringComparison.Ordinal)) return message;
        var suspects = Suspects(parse, extremeOnly);
        return suspects.Count == 0 ? message : $"{message.TrimEnd('.')} (from {string.Join(", ", suspects)}).";
    }

    private static (string Path, string Value)? Find(JsonNode? node, string path, string[] allowed)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                    if (Find(child, path.Length == 0 ? key : $"{path}.{key}", allowed) is { } hit) return hit;
                return null;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                    if (Find(a[i], $"{path}[{i}]", allowed) is { } hit) return hit;
                return null;
            case JsonValue v when v.TryGetValue(out string? s) && s is "NaN" or "Infinity" or "-Infinity":
                string leaf = path[(path.LastIndexOf('.') + 1)..];
                return allowed.Contains(leaf) && s != "NaN" ? null : (path, s);
            default:
                return null;
        }
    }

    // The options given explicitly: the numeric ones of extreme size (they are what overflows), else all of them.
    private static List<string> Suspects(ParseResult parse, bool extremeOnly = false)
    {
        var given = new List<(string Text, double Value)>();
        for (SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
            if (r is CommandResult c)
                foreach (var child in c.Children)
                    if (child is OptionResult { Implicit: false } o && o.Tokens.Count == 1)
                        // a non-numeric value (a list of points, say) is never "extreme" but is named when nothing else is
                        given.Add(($"{o.Option.Name} {o.Tokens[0].Value}",
                            double.TryParse(o.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : double.NaN));
        var extreme = given.Where(g => Math.Abs(g.Value) >= 1e6 || (g.Value != 0 && Math.Abs(g.Value) <= 1e-6)).ToList();
        return (extreme.Count > 0 || extremeOnly ? extreme : given).Select(g => g.Text).ToList();
    }
}
