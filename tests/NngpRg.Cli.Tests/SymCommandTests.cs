using System.Globalization;
using System.Text.Json;
using Xunit;

namespace NngpRg.Cli.Tests;

public class SymCommandTests
{
    [Fact]
    public void Simplify_cancels_common_factors()
    {
        var r = CliRunner.Run("sym", "simplify", "(x^2 - 1)/(x - 1)");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("x + 1", r.Out.Trim());
    }

    [Fact]
    public void Expand_distributes()
    {
        var r = CliRunner.Run("sym", "expand", "(x+y)^2", "--format", "infix");
        Assert.Equal(0, r.ExitCode);
        var back = NngpRg.Sym.Parse(r.Out.Trim());
        Assert.Equal(NngpRg.Sym.Parse("x^2 + 2*x*y + y^2"), back);
    }

    [Fact]
    public void Diff_twice_with_json_output()
    {
        var r = CliRunner.Run("sym", "diff", "sin(x^2)", "--wrt", "x", "--times", "2", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("sin(x^2)", doc.RootElement.GetProperty("input").GetString());
        var result = NngpRg.Sym.Parse(doc.RootElement.GetProperty("result").GetString()!);
        var expected = NngpRg.Sym.Parse("2*cos(x^2) - 4*x^2*sin(x^2)");
        Assert.Equal(NngpRg.Sym.Simplify(expected), NngpRg.Sym.Simplify(result));
        Assert.Contains("\\cos", doc.RootElement.GetProperty("latex").GetString());
    }

    [Fact]
    public void Eval_uses_the_bindings()
    {
        var r = CliRunner.Run("sym", "eval", "x*y + lambda_k", "--at", "x=0.5,y=4,lambda_k=1/4");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2.25, double.Parse(r.Out.Trim(), CultureInfo.InvariantCulture), 12);
    }

    [Theory]
    [InlineData("y*log(x) + 1", "x=-1,y=2", "NaN", "'log(x)' with argument -1, which is outside the real domain")]
    [InlineData("exp(1000) + x", "x=1", "Infinity", "'exp(1000)' with argument 1000, which is Infinity: a pole, or a value beyond the double range")]
    [InlineData("2 + 1/(x - 1)", "x=1", "Infinity", "with arguments 0, -1, which is Infinity: a pole")]
    [InlineData("gamma(x)", "x=-2", "NaN", "'gamma(x)' with argument -2, which is outside the real domain")]
    public void Eval_refuses_a_value_that_is_not_finite_and_names_where_it_arises(string expression, string at, string value, string where)
    {
        var r = CliRunner.Run("sym", "eval", expression, "--at", at);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Out);
        Assert.Contains($"is {value}, not a finite number: it first stops being finite at ", r.Err);
        Assert.Contains(where, r.Err);
        Assert.Contains($"--at {at}", r.Err);
    }

    [Fact]
    public void Eval_reports_the_missing_symbol()
    {
        var r = CliRunner.Run("sym", "eval", "x*y", "--at", "x=1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("y", r.Err);
    }

    [Fact]
    public void Latex_of_a_greek_subscripted_symbol()
    {
        var r = CliRunner.Run("sym", "latex", "lambda_k/(lambda_k + sigma^{2})");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\\lambda_{k}", r.Out);
        Assert.Contains("\\sigma^{2}", r.Out);
        Assert.Contains("\\frac", r.Out);
    }

    [Fact]
    public void Bad_text_points_at_the_position_and_exits_2()
    {
        var r = CliRunner.Run("sym", "simplify", "2*(x+");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("at 5:", r.Err); // the position of the end of input (0-based)
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Unknown_verb_exits_2()
    {
        var r = CliRunner.Run("sym", "integrate", "x");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Help_explains_the_verbs()
    {
        var r = CliRunner.Run("sym", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var verb in new[] { "simplify", "expand", "diff", "eval", "latex" })
            Assert.Contains(verb, r.Out);
    }
}
