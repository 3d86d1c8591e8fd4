using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace NngpRg.Core.Data;

/// <summary>A Python literal in an .npy header, as <c>ast.literal_eval</c> reads it (the subset numpy.save writes and more).</summary>
internal abstract record PyLiteral(int Position);

internal sealed record PyString(int Position, string Value) : PyLiteral(Position);

internal sealed record PyBool(int Position, bool Value) : PyLiteral(Position);

internal sealed record PyNone(int Position) : PyLiteral(Position);

internal sealed record PyInt(int Position, BigInteger Value) : PyLiteral(Position);

internal sealed record PyTuple(int Position, ImmutableArray<PyLiteral> Items) : PyLiteral(Position);

internal sealed record PyList(int Position, ImmutableArray<PyLiteral> Items) : PyLiteral(Position);

internal sealed record PyDict(int Position, ImmutableArray<(PyLiteral Key, PyLiteral Value)> Entries) : PyLiteral(Position);

/// <summary>The three fields of an .npy header, checked as numpy's <c>_read_array_header</c> checks them.</summary>
internal sealed record NpyHeaderFields(string Descr, bool FortranOrder, ImmutableArray<long> Shape, int DescrPosition, int ShapePosition);

/// <summary>
/// Parses an .npy header as a Python literal (strings with escapes in either quote, True/False/None, integers, tuples,
/// lists, dicts) and applies numpy's rules: the header is a dict whose keys are exactly 'descr', 'fortran_order' and
/// 'shape' (a key given twice is refused: Python would keep the last silently), 'descr' a string, 'fortran_order' a
/// bool, 'shape' a tuple of integers. Errors carry the character position in the header.
/// </summary>
internal static class NpyHeader
{
    /// <summary>A header error at character <see cref="Position"/>.</summary>
    public sealed class Error(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }

    public static NpyHeaderFields Parse(string text)
    {
        var parser = new Parser(text);
        var value = parser.Value();
        parser.SkipSpace();
        if (!parser.AtEnd) throw new Error(parser.Index, $"expected the end of the header after its literal, found '{Show(text, parser.Index)}'");
        if (value is not PyDict dict) throw new Error(value.Position, $"expected the header to be a dict, found {Kind(value)}");
        var fields = new Dictionary<string, PyLiteral>(StringComparer.Ordinal);
        foreach (var (key, item) in dict.Entries)
        {
            if (key is not PyString name) throw new Error(key.Position, $"expected a string key in the header dict, found {Kind(key)}");
            if (!fields.TryAdd(name.Value, item)) throw new Error(key.Position, $"expected each key once in the header dict, found '{name.Value}' twice");
        }
        string[] expected = ["descr", "fortran_order", "shape"];
        var extra = fields.Keys.Where(k => !expected.Contains(k)).ToList();
        if (extra.Count > 0) throw new Error(dict.Position, $"expected exactly the keys 'descr', 'fortran_order', 'shape' in the header dict, found also {string.Join(", ", extra.Select(k => $"'{k}'"))}");
        foreach (var k in expected)
            if (!fields.ContainsKey(k)) throw new Error(dict.Position, $"expected the key '{k}' in the header dict, found keys {string.Join(", ", fields.Keys.Select(x => $"'{x}'"))}");
        if (fields["descr"] is not PyString descr) throw new Error(fields["descr"].Position, $"expected 'descr' to be a string such as '<f8', found {Kind(fields["descr"])}");
        if (fields["fortran_order"] is not PyBool fortran) throw new Error(fields["fortran_order"].Position, $"expected 'fortran_order' to be True or False, found {Kind(fields["fortran_order"])}");
        if (fields["shape"] is not PyTuple shape) throw new Error(fields["shape"].Position, $"expected 'shape' to be a tuple of integers, found {Kind(fields["shape"])}");
        var dims = ImmutableArray.CreateBuilder<long>(shape.Items.Length);
        foreach (var d in shape.Items)
        {
            if (d is not PyInt size) throw new Error(d.Position, $"expected 'shape' to be a tuple of integers, found {Kind(d)} in it");
            if (size.Value < 0 || size.Value > int.MaxValue) throw new Error(d.Position, $"expected a dimension in 0 … {int.MaxValue}, found {size.Value}");
            dims.Add((long)size.Value);
        }
        return new NpyHeaderFields(descr.Value, fortran.Value, dims.MoveToImmutable(), descr.Position, shape.Position);
    }

    private static string Kind(PyLiteral v) => v switch
    {
        PyString s => $"the string '{s.Value}'",
        PyBool b => b.Value ? "True" : "False",
        PyNone => "None",
        PyInt i => $"the integer {i.Value}",
        PyTuple t => $"a tuple of {t.Items.Length} item{(t.Items.Length == 1 ? "" : "s")}",
        PyList l => $"a list of {l.Items.Length} item{(l.Items.Length == 1 ? "" : "s")}",
        PyDict => "a dict",
        _ => "a literal",
    };

    private static string Show(string text, int at) => text.Length - at > 20 ? text.Substring(at, 20) + "…" : text[at..];

    private sealed class Parser(string text)
    {
        private int _depth;

        public int Index { get; private set; }

        public bool AtEnd => Index >= text.Length;

        public void SkipSpace()
        {
            while (Index < text.Length && text[Index] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v') Index++;
        }

        private char Peek => Index < text.Length ? text[Index] : '\0';

        private Error Unexpected(string what) =>
            new(Index, AtEnd ? $"expected {what}, found the end of the header" : $"expected {what}, found '{Show(text, Index)}'");

        public PyLiteral Value()
        {
            SkipSpace();
            if (++_depth > 64) throw new Error(Index, "expected a header literal nested at most 64 deep");
            try
            {
                int start = Index;
                char c = Peek;
                if (c is '\'' or '"') return new PyString(start, StringLiteral());
                if (c == '{') return Dict();
                if (c == '[') return new PyList(start, Items('[', ']', out _));
                if (c == '(')
                {
                    var items = Items('(', ')', out bool comma);
                    // (x) is x itself; (x,) and () are tuples
                    return items.Length == 1 && !comma ? items[0] : new PyTuple(start, items);
                }
                if (c is '-' or '+' || char.IsAsciiDigit(c)) return Integer();
                if (char.IsAsciiLetter(c) || c == '_')
                {
                    while (Index < text.Length && (char.IsAsciiLetterOrDigit(text[Index]) || text[Index] == '_')) Index++;
                    return text[start..Index] switch
                    {
                        "True" => new PyBool(start, true),
                        "False" => new PyBool(start, false),
                        "None" => new PyNone(start),
                        var word => throw new Error(start, $"expected a Python literal, found the name '{word}'"),
                    };
                }
                throw Unexpected("a Python literal (string, number, True, False, None, tuple, list or dict)");
            }
            finally { _depth--; }
        }

        private PyInt Integer()
        {
            int start = Index;
            bool negative = false;
            if (Peek is '-' or '+') { negative = Peek == '-'; Index++; SkipSpace(); }
            int digits = Index;
            while (Index < text.Length && (char.IsAsciiDigit(text[Index]) || text[Index] == '_')) Index++;
            if (Index == digits) throw Unexpected("digits");
            if (Peek is '.' or 'e' or 'E' or 'j' or 'J' or 'x' or 'X')
                throw new Error(start, $"expected an integer, found '{Show(text, start)}' (only integers appear in an .npy shape)");
            var value = BigInteger.Parse(text[digits..Index].Replace("_", ""), NumberStyles.None, CultureInfo.InvariantCulture);
            return new PyInt(start, negative ? -value : value);
        }

        private string StringLiteral()
        {
            char quote = text[Index++];
            var sb = new StringBuilder();
            while (true)
            {
                if (AtEnd || text[Index] == '\n') throw Unexpected($"the closing {quote} of a string");
                char c = text[Index++];
                if (c == quote) return sb.ToString();
                if (c != '\\') { sb.Append(c); continue; }
                if (AtEnd) throw Unexpected("an escaped character");
                char e = text[Index++];
                sb.Append(e switch
                {
                    'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'a' => '\a', 'b' => '\b', 'f' => '\f', 'v' => '\v',
                    '\\' or '\'' or '"' => e,
                    'x' when Index + 2 <= text.Length && int.TryParse(text.AsSpan(Index, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code) => Hex(code),
                    _ => throw new Error(Index - 2, $"expected a known string escape, found '\\{e}'"),
                });
            }
        }

        private char Hex(int code)
        {
            Index += 2;
            return (char)code;
        }

        private ImmutableArray<PyLiteral> Items(char open, char close, out bool trailingComma)
        {
            Index++;  // the opening bracket
            var items = ImmutableArray.CreateBuilder<PyLiteral>();
            trailingComma = false;
            while (true)
            {
                SkipSpace();
                if (Peek == close) { Index++; return items.ToImmutable(); }
                if (items.Count > 0 && !trailingComma) throw Unexpected($"',' or '{close}'");
                items.Add(Value());
                SkipSpace();
                trailingComma = Peek == ',';
                if (trailingComma) Index++;
                else if (Peek != close) throw Unexpected($"',' or '{close}'");
            }
        }

        private PyDict Dict()
        {
            int start = Index++;
            var entries = ImmutableArray.CreateBuilder<(PyLiteral, PyLiteral)>();
            bool comma = false;
            while (true)
            {
                SkipSpace();
                if (Peek == '}') { Index++; return new PyDict(start, entries.ToImmutable()); }
                if (entries.Count > 0 && !comma) throw Unexpected("',' or '}'");
                var key = Value();
                SkipSpace();
                if (Peek != ':') throw Unexpected("':' after a dict key");
                Index++;
                var value = Value();
                entries.Add((key, value));
                SkipSpace();
                comma = Peek == ',';
                if (comma) Index++;
                else if (Peek != '}') throw Unexpected("',' or '}'");
            }
        }
    }
}
