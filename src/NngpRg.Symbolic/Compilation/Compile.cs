using NngpRg.Symbolic.Expressions;
using L = System.Linq.Expressions.Expression;
using LExpr = System.Linq.Expressions.Expression;
using LParam = System.Linq.Expressions.ParameterExpression;

namespace NngpRg.Symbolic.Compilation;

/// <summary>Raised when an expression cannot be compiled (unbound symbol, undefined function, infinite sum).</summary>
public sealed class CompilationException(string message) : Exception(message);

/// <summary>Size of an expression as the compiler sees it.</summary>
/// <param name="TreeNodes">Nodes of the fully expanded tree (every use of a repeated subexpression counted with its subtree).</param>
/// <param name="DistinctNodes">Distinct nodes of the DAG (structurally equal subexpressions counted once).</param>
/// <param name="SharedSubexpressions">Non-trivial subexpressions used more than once, each computed once into a local.</param>
public sealed record CompileStatistics(long TreeNodes, int DistinctNodes, int SharedSubexpressions);

/// <summary>
/// Compiles expressions to delegates through System.Linq.Expressions. Each structurally equal subexpression that
/// is used more than once is computed once into a local (common-subexpression sharing over the expression DAG);
/// integer and half-integer powers become multiplication chains and square roots; built-in functions call the
/// same methods as <see cref="Evaluate.Function"/>; an indexed sum with finite bounds becomes a loop. The
/// arithmetic mirrors <see cref="Evaluate"/> operation by operation, so compiled and interpreted values agree.
/// Argument order is always the order in which the symbols are given.
/// </summary>
public static class Compile
{
    /// <summary>
    /// A delegate computing <paramref name="e"/> from an array of argument values: <c>a[i]</c> is the value of
    /// <c>args[i]</c>. Each argument is read from the array once.
    /// </summary>
    /// <exception cref="CompilationException">When a free symbol of <paramref name="e"/> is not among <paramref name="args"/>, or a node has no numeric meaning.</exception>
    /// <exception cref="ArgumentException">When a symbol is given twice. The delegate throws it when the array length differs from the number of arguments.</exception>
    public static Func<double[], double> ToDelegate(Expr e, params Symbol[] args) => ToDelegate(e, args, shareSubexpressions: true);

    /// <summary>As <see cref="ToDelegate(Expr, Symbol[])"/>, optionally without common-subexpression sharing (for comparison).</summary>
    /// <exception cref="CompilationException">When a free symbol is not among <paramref name="args"/>, or a node has no numeric meaning.</exception>
    public static Func<double[], double> ToDelegate(Expr e, IReadOnlyList<Symbol> args, bool shareSubexpressions)
    {
        var array = L.Parameter(typeof(double[]), "a");
        var body = ArrayBody([e], args, array, shareSubexpressions, (emitter, root) => emitter.Emit(root[0]));
        return L.Lambda<Func<double[], double>>(body, array).Compile();
    }

    /// <summary>A delegate x ↦ e(x).</summary>
    /// <exception cref="CompilationException">When <paramref name="e"/> has another free symbol, or a node has no numeric meaning.</exception>
    public static Func<double, double> ToFunc1(Expr e, Symbol x)
    {
        var ps = Parameters(x);
        return L.Lambda<Func<double, double>>(ScalarBody(e, [x], ps), ps).Compile();
    }

    /// <summary>A delegate (x, y) ↦ e(x, y).</summary>
    /// <exception cref="CompilationException">When <paramref name="e"/> has another free symbol, or a node has no numeric meaning.</exception>
    public static Func<double, double, double> ToFunc2(Expr e, Symbol x, Symbol y)
    {
        var ps = Parameters(x, y);
        return L.Lambda<Func<double, double, double>>(ScalarBody(e, [x, y], ps), ps).Compile();
    }

    /// <summary>A delegate (x, y, z) ↦ e(x, y, z).</summary>
    /// <exception cref="CompilationException">When <paramref name="e"/> has another free symbol, or a node has no numeric meaning.</exception>
    public static Func<double, double, double, double> ToFunc3(Expr e, Symbol x, Symbol y, Symbol z)
    {
        var ps = Parameters(x, y, z);
        return L.Lambda<Func<double, double, double, double>>(ScalarBody(e, [x, y, z], ps), ps).Compile();
    }

    /// <summary>
    /// A delegate computing several expressions at once, sharing common subexpressions across them:
    /// <c>(a, outputs)</c> reads <c>a[i]</c> as <c>args[i]</c> and writes <c>outputs[j]</c> = value of <c>outputs</c>[j].
    /// </summary>
    /// <exception cref="CompilationException">When a free symbol is not among <paramref name="args"/>, or a node has no numeric meaning.</exception>
    public static Action<double[], double[]> ToVectorDelegate(IReadOnlyList<Expr> outputs, params Symbol[] args) =>
        ToVectorDelegate(outputs, args, shareSubexpressions: true);

    /// <summary>As <see cref="ToVectorDelegate(IReadOnlyList{Expr}, Symbol[])"/>, optionally without sharing.</summary>
    /// <exception cref="CompilationException">When a free symbol is not among <paramref name="args"/>, or a node has no numeric meaning.</exception>
    public static Action<double[], double[]> ToVectorDelegate(IReadOnlyList<Expr> outputs, IReadOnlyList<Symbol> args, bool shareSubexpressions)
    {
        var array = L.Parameter(typeof(double[]), "a");
        var result = L.Parameter(typeof(double[]), "outputs");
        var body = ArrayBody(outputs, args, array, shareSubexpressions, (emitter, roots) =>
        {
            var scope = emitter.Root;
            scope.Statements.Add(L.IfThen(L.NotEqual(L.ArrayLength(result), L.Constant(roots.Count)),
                Throw($"The output array must have length {roots.Count}.")));
            for (int j = 0; j < roots.Count; j++)
                scope.Statements.Add(L.Assign(L.ArrayAccess(result, L.Constant(j)), emitter.Emit(roots[j])));
            return L.Empty();
        });
        return L.Lambda<Action<double[], double[]>>(body, array, result).Compile();
    }

    /// <summary>Node counts and the number of shared subexpressions of <paramref name="e"/>.</summary>
    public static CompileStatistics Statistics(Expr e) => Statistics([e]);

    /// <summary>Node counts and the number of shared subexpressions of several outputs compiled together.</summary>
    public static CompileStatistics Statistics(IReadOnlyList<Expr> outputs)
    {
        var counts = new DagCounts(outputs);
        return new CompileStatistics(counts.TreeSize(outputs), counts.Distinct, counts.Shared);
    }

    private static LParam[] Parameters(params Symbol[] xs)
    {
        CheckDistinct(xs);
        return xs.Select(x => L.Parameter(typeof(double), x.Name)).ToArray();
    }

    private static void CheckDistinct(IReadOnlyList<Symbol> args)
    {
        var seen = new HashSet<Symbol>();
        foreach (var a in args)
            if (!seen.Add(a)) throw new ArgumentException($"The argument '{a}' is given twice.", nameof(args));
    }

    private static LExpr ScalarBody(Expr e, Symbol[] args, LParam[] ps)
    {
        var map = new Dictionary<Symbol, LExpr>();
        for (int i = 0; i < args.Length; i++) map[args[i]] = ps[i];
        var emitter = new CodeEmitter(new DagCounts([e]), share: true, s => map.GetValueOrDefault(s), args);
        var value = emitter.Emit(e);
        return Block(emitter.Root, value);
    }

    // Arguments are copied from the array into locals on first use, so each is read once.
    private static LExpr ArrayBody(IReadOnlyList<Expr> roots, IReadOnlyList<Symbol> args, LParam array, bool share,
        Func<CodeEmitter, IReadOnlyList<Expr>, LExpr> emit)
    {
        CheckDistinct(args);
        var index = new Dictionary<Symbol, int>();
        for (int i = 0; i < args.Count; i++) index[args[i]] = i;
        var locals = new Dictionary<Symbol, LParam>();
        var reads = new List<LExpr>();
        LExpr? Argument(Symbol s)
        {
            if (locals.TryGetValue(s, out var v)) return v;
            if (!index.TryGetValue(s, out var i)) return null;
            v = L.Variable(typeof(double), "arg" + i);
            locals[s] = v;
            reads.Add(L.Assign(v, L.ArrayIndex(array, L.Constant(i))));
            return v;
        }
        var emitter = new CodeEmitter(new DagCounts(roots), share, Argument, args);
        var value = emit(emitter, roots);
        var check = L.IfThen(L.NotEqual(L.ArrayLength(array), L.Constant(args.Count)),
            Throw($"The argument array must have length {args.Count} ([{string.Join(", ", args)}])."));
        return L.Block(locals.Values.Concat(emitter.Root.Locals),
            new[] { check }.Concat(reads).Concat(emitter.Root.Statements).Append(value));
    }

    private static LExpr Block(CodeEmitter.Scope root, LExpr value) =>
        root.Statements.Count == 0 && root.Locals.Count == 0 ? value : L.Block(root.Locals, root.Statements.Append(value));

    private static LExpr Throw(string message) =>
        L.Throw(L.New(typeof(ArgumentException).GetConstructor([typeof(string)])!, L.Constant(message)));
}
