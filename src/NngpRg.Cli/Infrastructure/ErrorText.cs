using System.Globalization;
using System.Text;

namespace NngpRg.Cli.Infrastructure;

/// <summary>Error messages as the user sees them: no .NET parameter names, and no raw control bytes from a file.</summary>
public static class ErrorText
{
    /// <summary>
    /// Drops the " (Parameter 'x')" and "Actual value was …" parts .NET appends to argument exceptions, and escapes control
    /// characters (a file's bytes quoted in a message could otherwise move the cursor or recolour the terminal).
    /// </summary>
    public static string Clean(string message)
    {
        var text = message;
        int parameter = text.IndexOf(" (Parameter '", StringComparison.Ordinal);
        if (parameter >= 0)
        {
            int close = text.IndexOf("')", parameter, StringComparison.Ordinal);
            text = close < 0 ? text[..parameter] : text[..parameter] + text[(close + 2)..];
        }
        int actual = text.IndexOf("\nActual value was", StringComparison.Ordinal);
        if (actual >= 0) text = text[..actual];
        return Escape(text.TrimEnd());
    }

    /// <summary>Control characters (C0 but newline, DEL, C1, and the bidirectional overrides) written as \xNN or \uNNNN.</summary>
    public static string Escape(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool control = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
            if (!control) { sb?.Append(c); continue; }
            sb ??= new StringBuilder(text, 0, i, text.Length + 16);
            sb.Append(c <= 0xFF ? $"\\x{((int)c).ToString("X2", CultureInfo.InvariantCulture)}" : $"\\u{((int)c).ToString("X4", CultureInfo.InvariantCulture)}");
        }
        return sb?.ToString() ?? text;
    }
}
