using BenchmarkDotNet.Attributes;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Bench;

/// <summary>
/// Canonical construction of large sums: the 10,000-term sum (target under 50 ms) built in bulk and by folding
/// one term at a time (the case that is quadratic when sums are stored as lists).
/// </summary>
[MemoryDiagnoser]
public class SymbolicCoreBench
{
    private Expr[] _terms = [];

    [GlobalSetup]
    public void Setup()
    {
        var x = Ex.Sym("x");
        _terms = Enumerable.Range(0, 10_000).Select(i => Ex.Sym("a", i) * Ex.Pow(x, i)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "10,000-term sum, Sum.Of")]
    public Expr BulkSum() => Sum.Of(_terms);

    [Benchmark(Description = "10,000-term sum, folded a + t")]
    public Expr FoldedSum()
    {
        Expr acc = 0;
        foreach (var t in _terms) acc += t;
        return acc;
    }

    [Benchmark(Description = "10,000-term sum, terms built too")]
    public Expr BuildTermsAndSum()
    {
        var x = Ex.Sym("x");
        var b = new SumBuilder();
        for (int i = 0; i < 10_000; i++) b.Add(Ex.Sym("a", i) * Ex.Pow(x, i));
        return b.ToExpr();
    }
}
