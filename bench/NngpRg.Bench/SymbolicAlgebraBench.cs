using BenchmarkDotNet.Attributes;
using NngpRg.Symbolic.Algebra;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Bench;

/// <summary>Expanding (1 + x + y + z)^20: 1771 terms with multinomial coefficients (baseline: the square, 10 terms).</summary>
[MemoryDiagnoser]
public class SymbolicAlgebraBench
{
    private readonly Expr _base = 1 + Ex.Sym("x") + Ex.Sym("y") + Ex.Sym("z");

    [Benchmark(Baseline = true, Description = "expand (1+x+y+z)^2")]
    public Expr ExpandSquare() => Expand.Of(Ex.Pow(_base, 2));

    [Benchmark(Description = "expand (1+x+y+z)^20")]
    public Expr ExpandTwentieth() => Expand.Of(Ex.Pow(_base, 20));
}
