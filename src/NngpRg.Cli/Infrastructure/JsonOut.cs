using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NngpRg.Cli.Infrastructure;

/// <summary>Serializes JSON results: indented, UTF-8, non-finite numbers written as strings ("NaN", "Infinity").</summary>
public static class JsonOut
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>A JSON number, or a string for NaN and infinities (which JSON cannot hold).</summary>
    public static JsonNode? Number(double x) =>
        double.IsFinite(x) ? JsonValue.Create(x) : JsonValue.Create(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
