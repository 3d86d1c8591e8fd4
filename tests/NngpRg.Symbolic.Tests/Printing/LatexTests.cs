using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using NngpRg.Symbolic.Tests.Generators;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Printing;

public partial class LatexTests
{
    private static string L(string infix, LatexOptions? o = null) => Latex.Print(InfixParser.Parse(infix), o);

    [Theory]
    [InlineData("lambda_k", @"\lambda_{k}")]
    [InlineData("sigma^{2}", @"\sigma^{2}")]
    [InlineData("(sigma^{2})^2", @"\left(\sigma^{2}\right)^{2}")]
    [InlineData("sigma_k^{2}(x)", @"\sigma_{k}^{2}\left(x\right)")]
    [InlineData("lambda_{k+1}^2", @"\lambda_{k + 1}^{2}")]
    [InlineData("U_{q,q,k}", @"U_{q,q,k}")]
    [InlineData("K_xx", @"K_{\mathrm{xx}}")]
    [InlineData("rate*Gamma*varphi*epsilon*eta*kappa", @"\Gamma \epsilon \eta \kappa \mathrm{rate} \varphi")]
    [InlineData("x/y", @"\frac{x}{y}")]
    // a rational coefficient goes to the denominator: 1/2*x is \frac{x}{2}, not \frac{1}{2} x
    [InlineData("1/2*x", @"\frac{x}{2}")]
    [InlineData("-3/4", @"-\frac{3}{4}")]
    [InlineData("3*x/(2*y^2)", @"\frac{3 x}{2 y^{2}}")]
    [InlineData("x^(-y)", @"\frac{1}{x^{y}}")]
    [InlineData("exp(-x^2/2)", @"\exp\left(-\frac{x^{2}}{2}\right)")]
    [InlineData("sqrt(x)", @"\sqrt{x}")]
    [InlineData("1/sqrt(x^2+1)", @"\frac{1}{\sqrt{x^{2} + 1}}")]
    [InlineData("x^(1/3)", @"\sqrt[3]{x}")]
    [InlineData("x^(3/2)", @"x^{\frac{3}{2}}")]
    [InlineData("(1/2)^k", @"\left(\frac{1}{2}\right)^{k}")]
    [InlineData("sum(lambda_k, k, kappa + 1, inf)", @"\sum_{k=\kappa + 1}^{\infty} \lambda_{k}")]
    [InlineData("sum(lambda_k*(x+k), k, 1, n)", @"\sum_{k=1}^{n} \lambda_{k} \left(k + x\right)")]
    [InlineData("x + sum(lambda_k, k, 1, inf) + 1", @"x + \left(\sum_{k=1}^{\infty} \lambda_{k}\right) + 1")]
    [InlineData("pi*x", @"\pi x")]
    [InlineData("a - b", @"a - b")]
    [InlineData("-a + b", @"-a + b")]
    [InlineData("-(a+b)*c", @"-c \left(a + b\right)")]
    [InlineData("arcsin(x)", @"\arcsin\left(x\right)")]
    [InlineData("acos(x) + atan(x)", @"\arccos\left(x\right) + \arctan\left(x\right)")]
    [InlineData("erf(x)", @"\operatorname{erf}\left(x\right)")]
    [InlineData("atan2(y, x)", @"\operatorname{atan2}\left(y, x\right)")]
    [InlineData("abs(x)", @"\left| x \right|")]
    [InlineData("gamma(x)", @"\Gamma\left(x\right)")]
    [InlineData("ln(x) + sin(x)^2", @"\sin\left(x\right)^{2} + \log\left(x\right)")]
    [InlineData("diff(f(x), x, 2)", @"\frac{\partial^{2} f\left(x\right)}{\partial x^{2}}")]
    [InlineData("diff(f(x), x)", @"\frac{\partial f\left(x\right)}{\partial x}")]
    [InlineData("diff(diff(f(x,y), x), y, 2)", @"\frac{\partial^{3} f\left(x, y\right)}{\partial y^{2} \partial x}")]
    [InlineData("2*3^k*x", @"2 \cdot 3^{k} x")]
    [InlineData("x*2^(1/2)", @"\sqrt{2} x")]
    public void Golden(string infix, string latex) => Assert.Equal(latex, L(infix));

    [Fact]
    public void Multiplication_sign_is_configurable()
    {
        Assert.Equal(@"2 x y", L("2*x*y"));
        Assert.Equal(@"2 \cdot x \cdot y", L("2*x*y", new LatexOptions { Multiplication = MultiplicationSign.Cdot }));
        Assert.Equal(@"2 \times x \times y", L("2*x*y", new LatexOptions { Multiplication = MultiplicationSign.Times }));
    }

    [Fact]
    public void Term_order_is_configurable()
    {
        var e = Pow(Sym("x"), 2) + 2 * Sym("x") + 1;
        Assert.Equal(@"2 x + x^{2} + 1", Latex.Print(e));
        Assert.Equal(@"x^{2} + 2 x + 1", Latex.Print(e, new LatexOptions { TermOrder = TermOrder.DegreeDescending }));
        var cubic = InfixParser.Parse("1 - x + x^3/6 - 2*x^2*y");
        Assert.Equal(@"-2 x^{2} y + \frac{x^{3}}{6} - x + 1", Latex.Print(cubic, new LatexOptions { TermOrder = TermOrder.DegreeDescending }));
    }

    [Fact]
    public void Exp_as_a_power_is_an_option()
    {
        Assert.Equal(@"e^{-\frac{x^{2}}{2}}", L("exp(-x^2/2)", new LatexOptions { ExpAsPower = true }));
        Assert.Equal(@"\exp\left(-\frac{x^{2}}{2}\right)", L("exp(-x^2/2)"));
    }

    [Fact]
    public void Unicode_Greek_input_prints_as_commands() => Assert.Equal(@"\lambda_{k} \sigma^{2}", L("λ_k*σ^{2}"));

    [Fact]
    public void Braces_and_left_right_pairs_are_balanced_for_generated_expressions() =>
        Prop.ForAll(PrintingGen.Arbitrary, e =>
        {
            foreach (var o in AllOptions)
            {
                var s = Latex.Print(e, o);
                Assert.True(Balanced(s), $"unbalanced: {s}");
            }
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Only_known_commands_are_used() =>
        Prop.ForAll(PrintingGen.Arbitrary, e =>
        {
            foreach (var o in AllOptions)
                foreach (Match m in Command().Matches(Latex.Print(e, o)))
                    Assert.Contains(m.Value, KnownCommands);
            return true;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Output_is_deterministic_and_depends_only_on_the_expression() =>
        Prop.ForAll(Arb.From(Gen.ListOf(PrintingGen.Sized(2)).Select(l => l.Take(5).ToArray())), terms =>
        {
            var shuffled = terms.Reverse().ToArray();
            return Latex.Print(Sum.Of(terms)) == Latex.Print(Sum.Of(shuffled))
                && Latex.Print(Product.Of(terms)) == Latex.Print(Product.Of(shuffled))
                && Latex.Print(Sum.Of(terms)) == Latex.Print(Sum.Of(terms));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void The_balance_check_can_fail()
    {
        Assert.False(Balanced(@"\frac{x}{y"));
        Assert.False(Balanced(@"\left(x"));
        Assert.False(Balanced(@"x\right)\left("));
        Assert.True(Balanced(@"\left(\frac{x}{y}\right)^{2}"));
    }

    [Fact]
    public void No_TeX_installation_is_needed_the_library_does_not_start_processes()
    {
        // Printing is pure string building: the library does not even reference the assembly that starts processes.
        var references = typeof(Latex).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.DoesNotContain("System.Diagnostics.Process", references);
        Assert.Equal(@"\frac{x}{2}", Latex.Print(Sym("x") / 2));
    }

    private static readonly LatexOptions[] AllOptions =
    [
        LatexOptions.Default,
        new() { Multiplication = MultiplicationSign.Cdot, TermOrder = TermOrder.DegreeDescending, ExpAsPower = true },
        new() { Multiplication = MultiplicationSign.Times },
    ];

    private static readonly HashSet<string> KnownCommands =
    [
        @"\frac", @"\left", @"\right", @"\sqrt", @"\sum", @"\infty", @"\pi", @"\partial", @"\mathrm", @"\operatorname",
        @"\exp", @"\log", @"\sin", @"\cos", @"\tan", @"\arcsin", @"\arccos", @"\arctan", @"\Gamma", @"\cdot", @"\times",
        @"\lambda", @"\sigma", @"\kappa", @"\varphi", @"\Pi",
    ];

    [GeneratedRegex(@"\\[A-Za-z]+")]
    private static partial Regex Command();

    /// <summary>Braces nest properly, and so do \left( … \right) / \left| … \right| pairs.</summary>
    private static bool Balanced(string s)
    {
        var stack = new Stack<string>();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '{') stack.Push("{");
            else if (s[i] == '}') { if (stack.Count == 0 || stack.Pop() != "{") return false; }
            else if (string.CompareOrdinal(s, i, @"\left", 0, 5) == 0) { stack.Push("left"); i += 4; }
            else if (string.CompareOrdinal(s, i, @"\right", 0, 6) == 0) { if (stack.Count == 0 || stack.Pop() != "left") return false; i += 5; }
        }
        return stack.Count == 0;
    }
}
