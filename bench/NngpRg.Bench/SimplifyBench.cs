using BenchmarkDotNet.Attributes;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Bench;

/// <summary>
/// Simplifying a 20,000-term polynomial (Σ (i + 2j − 3k + 1)·xⁱyʲzᵏ over 40 × 25 × 20 exponents) against expanding it
/// (the baseline): the rational normal form of a polynomial is its expansion, so the two should cost the same order.
/// </summary>
[MemoryDiagnoser]
public class SimplifyBench
{
    private readonly Expr _polynomial;

    /// <summary>Builds the polynomial once.</summary>
    public SimplifyBench()
    {
        Symbol x = Ex.Sym("x"), y = Ex.Sym("y"), z = Ex.Sym("z");
        var terms = new List<Expr>(20_000);
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 25; j++)
                for (int k = 0; k < 20; k++)
                    terms.Add((i + 2 * j - 3 * k + 1 == 0 ? 7 : i + 2 * j - 3 * k + 1) * Ex.Pow(x, i) * Ex.Pow(y, j) * Ex.Pow(z, k));
        _polynomial = Sum.Of(terms);
    }

    /// <summary>The expansion (baseline).</summary>
    [Benchmark(Baseline = true, Description = "expand, 20000 terms")]
    public Expr ExpandTerms() => Expand.Of(_polynomial);

    /// <summary>The rational normal form.</summary>
    [Benchmark(Description = "rational normal form, 20000 terms")]
    public Expr NormalForm() => RationalNormalForm.Of(_polynomial);

    /// <summary>Simplify (normal form and expansion, the smaller).</summary>
    [Benchmark(Description = "simplify, 20000 terms")]
    public Expr SimplifyTerms() => Simplify.Of(_polynomial);
}
