using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using Xunit;
using static NngpRg.Symbolic.Expressions.Ex;

namespace NngpRg.Symbolic.Tests.Probability;

public class IndexSumsTests
{
    private static readonly Symbol k = Sym("k"), l = Sym("l"), m = Sym("m");

    private static Expr A(params Expr[] i) => SymmetricTensor.Of("a", i);

    [Fact]
    public void Deltas_contract_against_the_summed_index()
    {
        var canon = (Expr e) => SymmetricTensor.Canonicalize(e, new HashSet<string> { "a" });
        // Σ_k Σ_l δ_kl a_kl = Σ_k a_kk
        Assert.Equal(SumOver(A(k, k), k, 1, m), IndexSums.Sum(KroneckerDelta.Of(k, l) * A(k, l), [k, l], 1, m, canon));
        // a term free of an index contributes the range length: Σ_k Σ_l a_k = m Σ_k a_k
        Assert.Equal(m * SumOver(A(k), k, 1, m), IndexSums.Sum(A(k), [k, l], 1, m, canon));
        // dummies are renamed canonically, so Σ_k Σ_l a_l = Σ_k Σ_l a_k merge
        Assert.Equal(2 * m * SumOver(A(k), k, 1, m), IndexSums.Sum(A(l) + A(k), [k, l], 1, m, canon));
    }

    [Fact]
    public void Numeric_ranges_are_written_out()
    {
        var canon = (Expr e) => SymmetricTensor.Canonicalize(e, new HashSet<string> { "a" });
        var sum = IndexSums.Sum(A(k, l) * (Sym("phi", k) * Sym("phi", l) - KroneckerDelta.Of(k, l)), [k, l], 1, 2, canon);
        Expr p1 = Sym("phi", 1), p2 = Sym("phi", 2);
        var expected = A(1, 1) * Pow(p1, 2) + 2 * A(1, 2) * p1 * p2 + A(2, 2) * Pow(p2, 2) - A(1, 1) - A(2, 2);
        Assert.Equal(expected, sum);
        Assert.Equal(SymmetricTensor.Of("a", [2, 1]), A(1, 2));
    }
}
