using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Printing;

public class InfixParserTests
{
    private static readonly Symbol x = Sym("x"), y = Sym("y"), z = Sym("z"), k = Sym("k");

    /// <summary>The parsed text evaluates like an independent C# computation of what the text means.</summary>
    [Theory]
    [InlineData("1 + 2*3", 0)]
    [InlineData("2^3^2", 1)]
    [InlineData("-x^2", 2)]
    [InlineData("x - y - z", 3)]
    [InlineData("x/y/z", 4)]
    [InlineData("-2*-x", 5)]
    [InlineData("x^-2", 6)]
    [InlineData("2*(x + 1)^2 - 3/4*y", 7)]
    [InlineData("exp(-x^2/2)/sqrt(2*pi)", 8)]
    [InlineData("ln(1 + x^2) + asin(x/2) + acos(y/2) + atan(z)", 9)]
    [InlineData("atan2(y, x) + abs(x) * gamma(y + 3) + erf(z)", 10)]
    [InlineData("1.5e-1*x + .25 - 3E2", 11)]
    [InlineData("+x - +y", 12)]
    public void Parsed_text_evaluates_like_its_meaning(string text, int which)
    {
        var e = InfixParser.Parse(text);
        for (int seed = 0; seed < 5; seed++)
        {
            var at = ExprGen.Points(seed);
            double X = at[x], Y = at[y], Z = at[z];
            double expected = which switch
            {
                0 => 7,
                1 => 512,
                2 => -X * X,
                3 => X - Y - Z,
                4 => X / Y / Z,
                5 => 2 * X,
                6 => 1 / (X * X),
                7 => 2 * (X + 1) * (X + 1) - 0.75 * Y,
                8 => Math.Exp(-X * X / 2) / Math.Sqrt(2 * Math.PI),
                9 => Math.Log(1 + X * X) + Math.Asin(X / 2) + Math.Acos(Y / 2) + Math.Atan(Z),
                10 => Math.Atan2(Y, X) + Math.Abs(X) * SpecialFunctions.Gamma(Y + 3) + SpecialFunctions.Erf(Z),
                11 => 0.15 * X + 0.25 - 300,
                12 => X - Y,
                _ => throw new ArgumentOutOfRangeException(nameof(which)),
            };
            Assert.True(ExprGen.Close(Evaluate.At(e, at), expected), $"{text} at seed {seed}: {Evaluate.At(e, at)} vs {expected}");
        }
    }

    [Fact]
    public void Decimals_and_scientific_notation_are_exact()
    {
        Assert.Equal(Num(1, 10), InfixParser.Parse("0.1"));
        Assert.Equal(Num(1, 1000), InfixParser.Parse("1e-3"));
        Assert.Equal(Num(123, 1), InfixParser.Parse("1.23E+2"));
        Assert.Equal(Num(3, 4), InfixParser.Parse("3/4"));
        Assert.Equal(-Num(3, 4), InfixParser.Parse("-0.75"));
    }

    [Fact]
    public void Precedence_and_associativity()
    {
        Assert.Equal(-Pow(x, 2), InfixParser.Parse("-x^2"));
        Assert.Equal(Pow(x, Pow(y, z)), InfixParser.Parse("x^y^z"));
        Assert.Equal(x / (y * z), InfixParser.Parse("x/y/z"));
        Assert.Equal(x - y + z, InfixParser.Parse("x - y + z"));
        Assert.Equal(Pow(x, -y), InfixParser.Parse("x^-y"));
        Assert.Equal(Product.Of(-1, x + y, z), InfixParser.Parse("-(x + y)*z"));
    }

    [Fact]
    public void Structured_symbols()
    {
        Assert.Equal(Sym("lambda", k), InfixParser.Parse("lambda_k"));
        Assert.Equal(Sym("lambda", k + 1), InfixParser.Parse("lambda_{k+1}"));
        Assert.Equal(Sym("lambda", 0), InfixParser.Parse("lambda_0"));
        Assert.Equal(Sym("U", Sym("q"), Sym("q"), k), InfixParser.Parse("U_{q,q,k}"));
        Assert.Equal(Sym("K", Sym("xx")), InfixParser.Parse("K_xx"));
        Assert.Equal(SymSup("sigma", 2), InfixParser.Parse("sigma^{2}"));
        Assert.Equal(Pow(Sym("sigma"), 2), InfixParser.Parse("sigma^2"));
        Assert.Equal(Pow(SymSup("sigma", 2), 2), InfixParser.Parse("(sigma^{2})^2"));
        Assert.Equal(Pow(SymSup("sigma", 2), 2), InfixParser.Parse("sigma^{2}^2"));
        Assert.Equal(SymSup("sigma", 2, k), InfixParser.Parse("sigma_k^{2}"));
        Assert.Equal(Sym("lambda", k) * SymSup("sigma", 2), InfixParser.Parse("λ_k * σ^{2}"));
        Assert.Equal(Sym("Gamma"), InfixParser.Parse("Γ"));
    }

    [Fact]
    public void Constants_calls_sums_and_derivatives()
    {
        var f = Sym("f");
        Assert.Equal(Pi * x, InfixParser.Parse("pi*x"));
        Assert.Equal(Pow(x, Num(1, 2)), InfixParser.Parse("sqrt(x)"));
        Assert.Equal(Call(f, x, y), InfixParser.Parse("f(x, y)"));
        Assert.Equal(Call(SymSup("sigma", 2), x), InfixParser.Parse("sigma^{2}(x)"));
        Assert.Equal(SumOver(Sym("lambda", k), k, Sym("kappa") + 1, Infinity), InfixParser.Parse("sum(lambda_k, k, kappa + 1, inf)"));
        Assert.Equal(Derivative.Of(Call(f, x), x, 2), InfixParser.Parse("diff(f(x), x, 2)"));
        Assert.Equal(Derivative.Of(Call(f, x), x), InfixParser.Parse("diff(f(x), x)"));
        Assert.Equal(Derivative.Of(Call(f, x), x, 3), InfixParser.Parse("diff(diff(f(x), x), x, 2)"));
    }
}
