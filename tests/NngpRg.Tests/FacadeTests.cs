using NngpRg.Core.Flows;
using NngpRg.Core.Kernels;
using NngpRg.Symbolic.Expressions;
using Xunit;

namespace NngpRg.Tests;

public class FacadeTests
{
    [Fact]
    public void Readme_example_runs_and_its_numbers_make_sense()
    {
        var console = new StringWriter();
        var r = ReadmeExample.Run(console);
        Assert.StartsWith("-\\lambda_{\\kappa}", console.ToString());
        Assert.True(r.KappaStar > 0 && r.RidgeShift > 0);
        Assert.InRange(r.Exponent, 0.48, 0.52);
        Assert.True(r.RmsRenormalized < 0.5 * r.RmsBare, $"renormalized {r.RmsRenormalized} vs bare {r.RmsBare}");
    }

    [Fact]
    public void Readme_shows_the_example_verbatim()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "NngpRg.Symbolic.sln"))) root = Path.GetDirectoryName(root);
        Assert.True(root is not null, "the repository root (with NngpRg.Symbolic.sln) was not found above the test binaries");
        var source = File.ReadAllText(Path.Combine(root!, "tests", "NngpRg.Tests", "ReadmeExample.cs"));
        int begin = source.IndexOf("// README example begins\n", StringComparison.Ordinal) + "// README example begins\n".Length;
        int end = source.IndexOf("        // README example ends", StringComparison.Ordinal);
        var lines = source[begin..end].Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart());
        var example = string.Join("\n", lines).TrimEnd();
        var readme = File.ReadAllText(Path.Combine(root!, "README.md"));
        Assert.Contains(example, readme);
    }

    [Fact]
    public void Derived_flows_compile_with_named_arguments_and_agree_with_the_expression()
    {
        var next = Rg.Derive("next-order");
        var f = next.Compile("lambda_kappa", "kappa_eff", "eta", "chi");
        // dσ²/dκ = −λ + (η + χ)λ²/κ_eff (docs/theory.md §8)
        Assert.Equal(-0.1 + (3 + 2) * 0.01 / 0.5, f([0.1, 0.5, 3, 2]), 14);
        Assert.Contains("\\kappa_{\\mathrm{eff}}", next.Latex);
        Assert.Contains("\\begin{document}", next.Document);
        var ex = Assert.Throws<ArgumentException>(() => next.Compile("lambda_kappa"));
        Assert.Contains("kappa_eff", ex.Message);
        Assert.Throws<ArgumentException>(() => Rg.Derive("no-such-derivation"));
    }

    [Fact]
    public void Kernel_spec_is_fluent_immutable_and_validates()
    {
        var relu = Rg.Kernel(Activation.Relu);
        var deep = relu.Depth(3).Weights(2, 0.1);
        Assert.Equal(1, relu.Layers);
        Assert.Equal(3, deep.Layers);
        Assert.Equal(2, deep.SigmaW2);
        Assert.Throws<ArgumentOutOfRangeException>(() => relu.Depth(0));
        Assert.Throws<ArgumentException>(() => relu.Weights(double.NaN));
        Assert.Throws<ArgumentException>(() => Rg.Kernel("tanh"));
        // K(t) compiled and as an expression agree; the NTK exceeds the NNGP kernel for ReLU
        var k = deep.Compile();
        var at = new Dictionary<Symbol, double> { [NngpKernel.Dot] = 0.3 };
        Assert.Equal(NngpRg.Symbolic.Compilation.Evaluate.At(deep.Expression, at), k(0.3), 12);
        Assert.True(NngpRg.Symbolic.Compilation.Evaluate.At(deep.NtkExpression, at) > k(0.3));
    }

    [Fact]
    public void Flow_on_a_power_law_matches_the_stopping_rule_and_next_order_runs_beside_it()
    {
        var spectrum = Rg.PowerLaw(alpha: 1, explicitModes: 20_000);
        var leading = Rg.Flow(spectrum, sigma2: 1e-2, eta: 500);
        var next = Rg.NextOrder(spectrum, sigma2: 1e-2, eta: 500, threshold: 0.2);
        Assert.Equal(Rg.Flow(spectrum, 1e-2, 500, 0.2).KappaStar, next.Flow.KappaStar);
        Assert.True(next.Ridge < next.Flow.RunningRidge);
        Assert.Throws<ArgumentOutOfRangeException>(() => Rg.Flow(spectrum, 1e-2, 500, threshold: 1.5));
        var sc = Rg.SelfConsistentRidge(spectrum, 1e-2, 500);
        Assert.True(sc.KappaEff > 1e-2);
    }
}
