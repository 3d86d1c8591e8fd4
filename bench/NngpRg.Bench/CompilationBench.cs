using BenchmarkDotNet.Attributes;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Bench;

/// <summary>
/// A 500-term rational sum Σ_{i=1}^{500} (i x + 1)/(x² + i y + 1): compiling it (target under 50 ms), and evaluating
/// the compiled delegate against the same formula written by hand in C# (the baseline; target within 1.5x) and
/// against the tree-walking interpreter (target at least 20x slower than compiled).
/// </summary>
public class CompilationBench
{
    private static readonly Symbol X = Ex.Sym("x"), Y = Ex.Sym("y");
    private Expr _sum = Number.Zero;
    private Func<double[], double> _compiled = _ => 0;
    private Dictionary<Symbol, double> _bindings = [];
    private readonly double[] _args = [0.37, 1.9];

    [GlobalSetup]
    public void Setup()
    {
        _sum = Sum.Of(Enumerable.Range(1, 500).Select(i => (i * (Expr)X + 1) / (X * X + i * (Expr)Y + 1)));
        _compiled = Compile.ToDelegate(_sum, X, Y);
        _bindings = new Dictionary<Symbol, double> { [X] = _args[0], [Y] = _args[1] };
    }

    [Benchmark(Description = "compile the 500-term sum")]
    public Func<double[], double> CompileSum() => Compile.ToDelegate(_sum, X, Y);

    [Benchmark(Baseline = true, Description = "evaluate: hand-written C#")]
    public double HandWritten()
    {
        double x = _args[0], y = _args[1], s = 0, x2 = x * x;
        for (int i = 1; i <= 500; i++) s += (i * x + 1) / (x2 + i * y + 1);
        return s;
    }

    [Benchmark(Description = "evaluate: compiled delegate")]
    public double Compiled() => _compiled(_args);

    [Benchmark(Description = "evaluate: interpreter")]
    public double Interpreted() => Evaluate.At(_sum, _bindings);
}
