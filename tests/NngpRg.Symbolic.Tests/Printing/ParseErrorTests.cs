using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using Xunit;

namespace NngpRg.Symbolic.Tests.Printing;

public class ParseErrorTests
{
    [Theory]
    [InlineData("2*(x+", 5, "an expression", "end of input")]
    [InlineData("2*(x+1", 6, "')'", "end of input")]
    [InlineData("x + * y", 4, "an expression", "'*'")]
    [InlineData("sin(", 4, "an expression", "end of input")]
    [InlineData("sin x", 4, "'(' after the function name 'sin'", "'x'")]
    [InlineData("lambda_", 7, "a subscript: a name, digits or '{'", "end of input")]
    [InlineData("lambda_{k", 9, "'}'", "end of input")]
    [InlineData("3/0", 2, "a non-zero divisor", "a divisor equal to zero")]
    [InlineData("x/(y - y)", 2, "a non-zero divisor", "a divisor equal to zero")]
    [InlineData("0^(-1)", 0, "a non-zero base for a negative exponent", "a base equal to zero")]
    [InlineData("2x", 1, "an operator or the end of input", "'x'")]
    [InlineData("", 0, "an expression", "end of input")]
    [InlineData("x)", 1, "an operator or the end of input", "')'")]
    [InlineData("atan2(x)", 6, "2 arguments for atan2", "1")]
    [InlineData("sum(x, 2, 1, 3)", 7, "a symbol as the summation index", "'2'")]
    [InlineData("diff(x^2, x)", 5, "an undefined function call such as f(x) to differentiate", "'x^2'")]
    [InlineData("diff(f(x), x, 0)", 14, "a positive integer order of at most 10000", "'0'")]
    [InlineData("pi_k", 2, "an operator ('pi' is a reserved word: it takes no subscript or superscript)", "'_'")]
    [InlineData("x_sum", 2, "a subscript name", "the reserved word 'sum' (write the subscript in braces: x_{...})")]
    [InlineData("x^{2}*(y)^{2}", 10, "an exponent (a number, a name or parentheses; braces after '^' make a name's superscript only directly after the name, as in sigma^{2})", "'{'")]
    [InlineData("2^100001", 2, "an integer exponent of magnitude at most 10000 on a numeric factor (the power is computed exactly)", "100001")]
    [InlineData("1e99999", 2, "a decimal exponent of magnitude at most 10000", "99999")]
    [InlineData("x # y", 2, "an operator or the end of input", "'#'")]
    public void Malformed_input_is_reported_at_its_position(string text, int position, string expected, string found)
    {
        var ex = Assert.Throws<ParseException>(() => InfixParser.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Equal(expected, ex.Expected);
        Assert.Equal(found, ex.Found);
        Assert.False(InfixParser.TryParse(text, out var e, out var error));
        Assert.Null(e);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void The_message_names_position_and_expectation_and_points_a_caret()
    {
        var ex = Assert.Throws<ParseException>(() => InfixParser.Parse("f(x, (y"));
        Assert.Equal("at 7: expected ')' but found end of input\nf(x, (y\n       ^", ex.Message);
    }

    [Fact]
    public void Division_by_zero_is_wrapped_with_its_cause()
    {
        var ex = Assert.Throws<ParseException>(() => InfixParser.Parse("1 + 3/0"));
        Assert.Equal(6, ex.Position);
        Assert.IsType<DivideByZeroException>(ex.InnerException);
    }

    [Fact]
    public void Long_input_is_shown_as_a_window_around_the_error()
    {
        var text = string.Concat(Enumerable.Repeat("x + ", 50)) + "*";
        var ex = Assert.Throws<ParseException>(() => InfixParser.Parse(text));
        var lines = ex.Message.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal('*', lines[1][lines[2].IndexOf('^')]);
        Assert.StartsWith("...", lines[1]);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var deep = new string('(', 100_000) + "x" + new string(')', 100_000);
        var ex = Assert.Throws<ParseException>(() => InfixParser.Parse(deep));
        Assert.Equal($"at most {InfixParser.MaxDepth} levels of nesting", ex.Expected);
        var tower = string.Concat(Enumerable.Repeat("x^", 100_000)) + "x";
        Assert.Throws<ParseException>(() => InfixParser.Parse(tower));
        var nested = new string('(', 50) + "x" + new string(')', 50);
        Assert.Equal(Ex.Sym("x"), InfixParser.Parse(nested));
    }

    [Fact]
    public void Random_text_never_crashes_the_parser()
    {
        var rng = new Random(7);
        const string alphabet = "xy12.e+-*/^(){}_,  sinpλ";
        for (int i = 0; i < 3000; i++)
        {
            var text = new string(Enumerable.Range(0, rng.Next(1, 14)).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray());
            // either an expression or a ParseException; anything else escapes and fails the test
            if (InfixParser.TryParse(text, out var e, out var error)) Assert.NotNull(e);
            else Assert.InRange(error.Position, 0, text.Length);
        }
    }
}
