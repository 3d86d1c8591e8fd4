using System.Text;

namespace NngpRg.Symbolic.Printing;

/// <summary>
/// Why a text is not an expression: at <see cref="Position"/> (0-based index into <see cref="Text"/>) the parser
/// expected <see cref="Expected"/> but found <see cref="Found"/>.
/// </summary>
/// <param name="Text">The whole input.</param>
/// <param name="Position">0-based index of the offending character (the length of the text for the end of input).</param>
/// <param name="Expected">What would have been valid there, e.g. <c>')'</c> or <c>an expression</c>.</param>
/// <param name="Found">What is there, e.g. <c>'*'</c> or <c>end of input</c>.</param>
public sealed record ParseError(string Text, int Position, string Expected, string Found)
{
    private const int Window = 40;

    /// <summary>One line: <c>at 7: expected ')' but found end of input</c>.</summary>
    public string Summary => $"at {Position}: expected {Expected} but found {Found}";

    /// <summary>The summary, then the input (a window of it when long) and a caret line under the position.</summary>
    public string Message
    {
        get
        {
            int from = Math.Max(0, Position - Window);
            int to = Math.Min(Text.Length, Position + Window);
            var excerpt = new StringBuilder();
            if (from > 0) excerpt.Append("...");
            // control characters would shift the caret: show them as spaces
            foreach (var c in Text[from..to]) excerpt.Append(char.IsControl(c) ? ' ' : c);
            if (to < Text.Length) excerpt.Append("...");
            int caret = Position - from + (from > 0 ? 3 : 0);
            return $"{Summary}\n{excerpt}\n{new string(' ', caret)}^";
        }
    }

    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>Thrown by <see cref="InfixParser.Parse"/> when the text is not an expression; see <see cref="Error"/>.</summary>
public sealed class ParseException : FormatException
{
    /// <summary>An exception for <paramref name="error"/>, optionally caused by <paramref name="inner"/> (e.g. a division by zero).</summary>
    public ParseException(ParseError error, Exception? inner = null) : base(error.Message, inner) => Error = error;

    /// <summary>The details.</summary>
    public ParseError Error { get; }
    /// <summary>0-based position of the error in the text.</summary>
    public int Position => Error.Position;
    /// <summary>What the parser expected at <see cref="Position"/>.</summary>
    public string Expected => Error.Expected;
    /// <summary>What it found there.</summary>
    public string Found => Error.Found;
}
