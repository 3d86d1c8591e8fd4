using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace NngpRg.Cli.Infrastructure;

/// <summary>
/// Every numeric option of the command tree read in the invariant culture, set once for the whole tree: a decimal point,
/// an optional exponent, no thousands separators. A comma is refused with a message naming the option (the default
/// parser reads "0,001" as one thousand-separated number, 1).
/// </summary>
public static class InvariantNumbers
{
    /// <summary>Installs the invariant parsers on every numeric option of <paramref name="root"/> and its subcommands.</summary>
    public static void Apply(Command root)
    {
        foreach (var option in root.Options)
            switch (option)
            {
                case Option<double> o: o.CustomParser = r => Real(r, o.Name) ?? 0; break;
                case Option<double?> o: o.CustomParser = r => Real(r, o.Name); break;
                case Option<int> o: o.CustomParser = r => Integer(r, o.Name) ?? 0; break;
                case Option<int?> o: o.CustomParser = r => Integer(r, o.Name); break;
                case Option<long> o: o.CustomParser = r => (long?)Whole(r, o.Name, long.MinValue, long.MaxValue) ?? 0; break;
            }
        foreach (var sub in root.Subcommands) Apply(sub);
    }

    private static string? Token(ArgumentResult result, string option)
    {
        if (result.Tokens.Count == 1) return result.Tokens[0].Value;
        result.AddError(result.Tokens.Count == 0 ? $"{option} needs a value." : $"{option} takes one value, got {result.Tokens.Count}.");
        return null;
    }

    private static double? Real(ArgumentResult result, string option)
    {
        if (Token(result, option) is not { } text) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        result.AddError(text.Contains(',')
            ? $"{option} '{text}': a comma is neither a decimal point nor a separator here; write the number with a decimal point, e.g. {text.Replace(',', '.')}."
            : $"{option} '{text}' is not a number (write it with a decimal point and an optional exponent, e.g. 0.001 or 1e-3).");
        return null;
    }

    private static int? Integer(ArgumentResult result, string option) => (int?)Whole(result, option, int.MinValue, int.MaxValue);

    private static long? Whole(ArgumentResult result, string option, long min, long max)
    {
        if (Token(result, option) is not { } text) return null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out long value)
            && value >= min && value <= max)
            return value;
        string what = text.Contains(',') ? "a comma is not allowed in an integer" :
            text.Contains('.') || text.Contains('e', StringComparison.OrdinalIgnoreCase) ? "an integer is written with digits only (no decimal point or exponent)" :
            $"it is not an integer between {min} and {max}";
        result.AddError($"{option} '{text}': {what}.");
        return null;
    }
}
