using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Printing;

/// <summary>
/// Reads the infix form written by <see cref="Infix.Print(Expr)"/> (and a little more) back into a canonical
/// expression: <c>InfixParser.Parse(Infix.Print(e)).Equals(e)</c> for every expression. Recursive descent:
/// <code>
/// sum      := product (('+' | '-') product)*
/// product  := factor (('*' | '/') factor)*          all factors go into one canonical product
/// factor   := ('-' | '+')* power                     so -x^2 is -(x^2) and -(a+b)*c is -1·(a+b)·c
/// power    := primary ('^' exponent)?                right-associative
/// exponent := ('-' | '+')* power
/// primary  := number | '(' sum ')' | pi | inf | sqrt(x) | function(args) | sum(body, k, lower, upper)
///           | diff(f(x), x[, n]) | symbol | symbol '(' args ')'
/// symbol   := name ('_' (name | digits | '{' sum (',' sum)* '}'))? ('^{' sum '}')?
/// </code>
/// Numbers are exact: <c>0.25</c> is 1/4, <c>1e-3</c> is 1/1000. Names are letters and digits; Greek letters may
/// be written as Unicode (<c>λ</c> is <c>lambda</c>). A name after <c>_</c> is one symbol (<c>K_xx</c> is K with
/// subscript xx). <c>^{</c> directly after a name or its subscript is the superscript of that name
/// (<c>sigma^{2}</c> is one symbol); a power uses <c>^</c> with a number, a name or parentheses. Function names are
/// those of <see cref="Functions.TryParse"/> (with <c>ln</c>, <c>asin</c>, <c>acos</c>, <c>atan</c>); an unknown name
/// followed by <c>(</c> is an undefined function <see cref="Call"/>.
/// </summary>
public static class InfixParser
{
    /// <summary>Deepest nesting of parentheses, arguments and exponents accepted (deeper input is rejected, not a stack overflow).</summary>
    public const int MaxDepth = 200;

    /// <summary>Largest magnitude of an integer exponent on a number, and of a decimal exponent (<c>1e…</c>): the power is computed exactly.</summary>
    public const int MaxFoldedExponent = 10000;

    /// <summary>The expression that <paramref name="text"/> denotes.</summary>
    /// <exception cref="ParseException">When the text is not an expression; the message shows where and what was expected.</exception>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Reader(text).ReadAll();
    }

    /// <summary>Parses <paramref name="text"/>; on failure returns false with the reason in <paramref name="error"/>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Expr? expr, [NotNullWhen(false)] out ParseError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            expr = new Reader(text).ReadAll();
            error = null;
            return true;
        }
        catch (ParseException ex)
        {
            expr = null;
            error = ex.Error;
            return false;
        }
    }

    /// <summary>The cursor over one input; used once.</summary>
    private sealed class Reader(string text)
    {
        private int _pos;
        private int _depth;

        public Expr ReadAll()
        {
            SkipSpace();
            var e = ReadSum();
            SkipSpace();
            if (_pos < text.Length)
                throw Error(_pos, At(_pos) is '(' or '_' or '{' ? "an operator or the end of input (only a symbol can be called or subscripted)" : "an operator or the end of input");
            return e;
        }

        private Expr ReadSum()
        {
            Enter();
            SkipSpace();
            var first = ReadProduct();
            SumBuilder? builder = null;
            while (true)
            {
                SkipSpace();
                char c = At(_pos);
                if (c is not ('+' or '-')) break;
                _pos++;
                builder ??= new SumBuilder().Add(first);
                int at = _pos;
                var term = ReadProduct();
                Guard(at, "a term", () => builder.Add(term, c == '-' ? Rational.MinusOne : Rational.One));
            }
            Leave();
            return builder is null ? first : builder.ToExpr();
        }

        private Expr ReadProduct()
        {
            SkipSpace();
            int start = _pos;
            var builder = new ProductBuilder();
            int count = 0;
            Expr? single = null;
            ReadFactorInto(builder, divide: false, ref count, ref single);
            while (true)
            {
                SkipSpace();
                char c = At(_pos);
                if (c is not ('*' or '/')) break;
                _pos++;
                ReadFactorInto(builder, divide: c == '/', ref count, ref single);
            }
            // a lone factor is returned as read, so that a canonical operand is not rebuilt
            return count == 1 && single is not null ? single : Guard(start, "a product", builder.ToExpr);
        }

        private void ReadFactorInto(ProductBuilder builder, bool divide, ref int count, ref Expr? single)
        {
            SkipSpace();
            bool negative = ReadSigns();
            SkipSpace();
            int at = _pos;
            var power = ReadPower();
            count++;
            single = negative || divide ? null : power;
            if (negative) builder.Multiply(Number.MinusOne);
            try
            {
                builder.Multiply(power, divide ? Number.MinusOne : Number.One);
            }
            catch (DivideByZeroException ex)
            {
                throw Error(at, "a non-zero divisor", "a divisor equal to zero", ex);
            }
            catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidOperationException)
            {
                throw Error(at, "a factor that can be multiplied", ex.Message, ex);
            }
        }

        private bool ReadSigns()
        {
            bool negative = false;
            while (true)
            {
                SkipSpace();
                char c = At(_pos);
                if (c == '-') negative = !negative;
                else if (c != '+') return negative;
                _pos++;
            }
        }

        private Expr ReadPower()
        {
            int at = _pos;
            var b = ReadPrimary();
            SkipSpace();
            if (At(_pos) != '^') return b;
            int caret = _pos++;
            SkipSpace();
            if (At(_pos) == '{')
                throw Error(_pos, "an exponent (a number, a name or parentheses; braces after '^' make a name's superscript only directly after the name, as in sigma^{2})");
            Enter();
            bool negative = ReadSigns();
            SkipSpace();
            int expAt = _pos;
            var exponent = ReadPower();
            Leave();
            if (negative) exponent = Expressions.Product.Of(Number.MinusOne, exponent);
            if (exponent is Number { IsInteger: true } k && BigInteger.Abs(k.Value.Numerator) > MaxFoldedExponent && HasNumericPart(b))
                throw Error(expAt, $"an integer exponent of magnitude at most {MaxFoldedExponent} on a numeric factor (the power is computed exactly)", k.Value.ToString());
            try
            {
                return Power.Of(b, exponent);
            }
            catch (DivideByZeroException ex)
            {
                throw Error(at, "a non-zero base for a negative exponent", "a base equal to zero", ex);
            }
            catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidOperationException)
            {
                throw Error(caret, "a power that can be formed", ex.Message, ex);
            }
        }

        private static bool HasNumericPart(Expr b) => b switch
        {
            Number n => n.Value.Abs() != Rational.One && !n.Value.IsZero,
            Expressions.Product p => p.Coefficient.Abs() != Rational.One || p.Factors.Keys.Any(HasNumericPart),
            _ => false,
        };

        private Expr ReadPrimary()
        {
            SkipSpace();
            char c = At(_pos);
            if (char.IsAsciiDigit(c) || c == '.' && char.IsAsciiDigit(At(_pos + 1))) return ReadNumber();
            if (c == '(')
            {
                _pos++;
                var e = ReadSum();
                Expect(')');
                return e;
            }
            if (IsNameStart(c)) return ReadNamed();
            throw Error(_pos, "an expression");
        }

        private Expr ReadNumber()
        {
            int start = _pos;
            while (char.IsAsciiDigit(At(_pos))) _pos++;
            if (At(_pos) == '.')
            {
                _pos++;
                while (char.IsAsciiDigit(At(_pos))) _pos++;
            }
            if (At(_pos) is 'e' or 'E')
            {
                int signAt = _pos + 1;
                int digitsAt = At(signAt) is '+' or '-' ? signAt + 1 : signAt;
                // "2e" followed by no digits is not scientific notation: leave the 'e' to be reported
                if (char.IsAsciiDigit(At(digitsAt)))
                {
                    _pos = digitsAt;
                    while (char.IsAsciiDigit(At(_pos))) _pos++;
                    var digits = text[digitsAt.._pos];
                    if (digits.TrimStart('0').Length > 5 || int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) > MaxFoldedExponent)
                        throw Error(digitsAt, $"a decimal exponent of magnitude at most {MaxFoldedExponent}", digits);
                }
            }
            var literal = text[start.._pos];
            if (!Rational.TryParse(literal, out var value)) throw Error(start, "a number", $"'{literal}'");
            return Number.Of(value);
        }

        private Expr ReadNamed()
        {
            int start = _pos;
            var name = ReadName();
            switch (name)
            {
                case "pi":
                    NoDecoration(name);
                    return Constant.Pi;
                case "inf":
                    NoDecoration(name);
                    return Constant.Infinity;
                case "sum":
                    return ReadIndexedSum();
                case "diff":
                    return ReadDerivative();
                case "sqrt":
                    {
                        var args = ReadArguments(name, 1);
                        return Guard(start, "a square root", () => Power.Of(args[0], Number.Half));
                    }
            }
            if (Functions.TryParse(name, out var f))
            {
                var args = ReadArguments(name, Functions.Arity(f));
                return Guard(start, $"arguments of {name}", () => Apply.Of(f, [.. args]));
            }
            var symbol = ReadDecorations(name, start);
            SkipSpace();
            if (At(_pos) != '(') return symbol;
            _pos++;
            var callArgs = ReadList(')');
            return Call.Of(symbol, [.. callArgs]);
        }

        // A reserved word takes no subscript or superscript.
        private void NoDecoration(string name)
        {
            if (At(_pos) == '_' || At(_pos) == '^' && At(_pos + 1) == '{')
                throw Error(_pos, $"an operator ('{name}' is a reserved word: it takes no subscript or superscript)");
        }

        private Symbol ReadDecorations(string name, int start)
        {
            var subscripts = new List<Expr>();
            if (At(_pos) == '_')
            {
                _pos++;
                char c = At(_pos);
                if (c == '{')
                {
                    _pos++;
                    subscripts.AddRange(ReadList('}'));
                }
                else if (char.IsAsciiDigit(c))
                {
                    int from = _pos;
                    while (char.IsAsciiDigit(At(_pos))) _pos++;
                    subscripts.Add(Number.Of(BigInteger.Parse(text[from.._pos], System.Globalization.CultureInfo.InvariantCulture)));
                }
                else if (IsNameStart(c))
                {
                    int from = _pos;
                    var sub = ReadName();
                    subscripts.Add(sub switch
                    {
                        "pi" => Constant.Pi,
                        "inf" => Constant.Infinity,
                        _ when Symbol.IsReserved(sub) => throw Error(from, "a subscript name", $"the reserved word '{sub}' (write the subscript in braces: {name}_{{...}})"),
                        _ => Symbol.Of(sub),
                    });
                }
                else throw Error(_pos, "a subscript: a name, digits or '{'");
            }
            Expr? superscript = null;
            if (At(_pos) == '^' && At(_pos + 1) == '{')
            {
                _pos += 2;
                superscript = ReadSum();
                Expect('}');
            }
            return Guard(start, "a symbol", () => Symbol.Of(name, subscripts, superscript));
        }

        private Expr ReadIndexedSum()
        {
            Expect('(', "'(' after 'sum' (sum(body, k, lower, upper))");
            var body = ReadSum();
            Expect(',', "',' and the summation index (sum(body, k, lower, upper))");
            var index = ReadSymbolArgument("a symbol as the summation index");
            Expect(',', "',' and the lower limit (sum(body, k, lower, upper))");
            SkipSpace();
            int lowerAt = _pos;
            var lower = ReadSum();
            Expect(',', "',' and the upper limit (sum(body, k, lower, upper))");
            SkipSpace();
            int upperAt = _pos;
            var upper = ReadSum();
            // the index runs over integers: a fractional numeric limit is refused rather than silently rounded
            if (lower is Number { IsInteger: false }) throw Error(lowerAt, "an integer lower limit of the sum", $"'{lower}'");
            if (upper is Number { IsInteger: false }) throw Error(upperAt, "an integer upper limit of the sum", $"'{upper}'");
            Expect(')');
            return IndexedSum.Of(body, index, lower, upper);
        }

        private Expr ReadDerivative()
        {
            Expect('(', "'(' after 'diff' (diff(f(x), x, n))");
            SkipSpace();
            int at = _pos;
            var operand = ReadSum();
            if (operand is not (Call or Derivative))
                throw Error(at, "an undefined function call such as f(x) to differentiate", $"'{operand}'");
            Expect(',', "',' and the variable (diff(f(x), x, n))");
            var wrt = ReadSymbolArgument("a symbol as the variable of differentiation");
            int order = 1;
            SkipSpace();
            if (At(_pos) == ',')
            {
                _pos++;
                SkipSpace();
                int orderAt = _pos;
                var n = ReadSum();
                if (n is not Number { IsInteger: true } k || k.Value.Sign <= 0 || k.Value.Numerator > MaxFoldedExponent)
                    throw Error(orderAt, $"a positive integer order of at most {MaxFoldedExponent}", $"'{n}'");
                order = (int)k.Value.Numerator;
            }
            Expect(')');
            return Derivative.Of(operand, wrt, order);
        }

        private Symbol ReadSymbolArgument(string expected)
        {
            SkipSpace();
            int at = _pos;
            var e = ReadSum();
            return e as Symbol ?? throw Error(at, expected, $"'{e}'");
        }

        private List<Expr> ReadArguments(string name, int arity)
        {
            SkipSpace();
            Expect('(', $"'(' after the function name '{name}'");
            int at = _pos;
            var args = ReadList(')');
            if (args.Count != arity)
                throw Error(at, $"{arity} argument{(arity == 1 ? "" : "s")} for {name}", $"{args.Count}");
            return args;
        }

        private List<Expr> ReadList(char close)
        {
            Enter();
            var items = new List<Expr> { ReadSum() };
            while (true)
            {
                SkipSpace();
                if (At(_pos) != ',') break;
                _pos++;
                items.Add(ReadSum());
            }
            Expect(close);
            Leave();
            return items;
        }

        private string ReadName()
        {
            int from = _pos;
            while (char.IsLetterOrDigit(At(_pos))) _pos++;
            return GreekLetters.Latinize(text[from.._pos]);
        }

        private static bool IsNameStart(char c) => char.IsLetter(c);

        private void Expect(char c, string? expected = null)
        {
            SkipSpace();
            if (At(_pos) != c) throw Error(_pos, expected ?? $"'{c}'");
            _pos++;
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }

        private void Enter()
        {
            if (++_depth > MaxDepth) throw Error(_pos, $"at most {MaxDepth} levels of nesting", "deeper nesting");
        }

        private void Leave() => _depth--;

        private char At(int i) => i < text.Length ? text[i] : '\0';

        private T Guard<T>(int at, string what, Func<T> build)
        {
            try
            {
                return build();
            }
            catch (DivideByZeroException ex)
            {
                throw Error(at, "a non-zero divisor", "a division by zero", ex);
            }
            catch (Exception ex) when (ex is ArgumentException or OverflowException or InvalidOperationException)
            {
                throw Error(at, what, ex.Message, ex);
            }
        }

        private ParseException Error(int at, string expected, string? found = null, Exception? inner = null) =>
            new(new ParseError(text, at, expected, found ?? Describe(at)), inner);

        private string Describe(int at) =>
            at >= text.Length ? "end of input"
            : char.IsWhiteSpace(text[at]) ? "white space"
            : $"'{text[at]}'";
    }
}
