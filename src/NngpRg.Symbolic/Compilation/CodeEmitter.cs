using System.Reflection;
using NngpRg.Symbolic.Expressions;
using L = System.Linq.Expressions.Expression;
using LExpr = System.Linq.Expressions.Expression;
using LParam = System.Linq.Expressions.ParameterExpression;

namespace NngpRg.Symbolic.Compilation;

/// <summary>
/// Translates expressions into a System.Linq.Expressions block. Every DAG node used more than once is assigned to a
/// local the first time it is needed, so it is computed once; the assignment is appended to the statements of the
/// outermost scope (outside any loop it does not depend on), before the statement that uses it, which keeps
/// dependency order. The floating-point operations and their order mirror <see cref="Evaluate"/>.
/// </summary>
internal sealed class CodeEmitter
{
    // Sums with more terms than this accumulate through statements, keeping the expression tree shallow.
    private const int InlineSumTerms = 16;

    private static readonly MethodInfo PowMethod = typeof(Evaluate).GetMethod(nameof(Evaluate.Pow))!;
    private static readonly MethodInfo SqrtMethod = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;
    private static readonly MethodInfo MathPowMethod = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo CeilingMethod = typeof(Math).GetMethod(nameof(Math.Ceiling), [typeof(double)])!;
    private static readonly MethodInfo FloorMethod = typeof(Math).GetMethod(nameof(Math.Floor), [typeof(double)])!;
    private static readonly MethodInfo CheckRangeMethod = typeof(Evaluate).GetMethod(nameof(Evaluate.CheckRange))!;
    private static readonly MethodInfo PolygammaMethod = typeof(SpecialFunctions).GetMethod(nameof(SpecialFunctions.Polygamma))!;
    private static readonly MethodInfo DigammaMethod = typeof(SpecialFunctions).GetMethod(nameof(SpecialFunctions.Digamma))!;

    private readonly DagCounts _counts;
    private readonly bool _share;
    private readonly Func<Symbol, LExpr?> _argument;
    private readonly IReadOnlyList<Symbol> _argumentList;

    /// <summary>The top-level scope: its locals and statements form the body of the delegate.</summary>
    public Scope Root { get; } = new(null, null, null);

    public CodeEmitter(DagCounts counts, bool share, Func<Symbol, LExpr?> argument, IReadOnlyList<Symbol> argumentList)
    {
        _counts = counts;
        _share = share;
        _argument = argument;
        _argumentList = argumentList;
    }

    /// <summary>A block of statements: the delegate body or a loop body, with the index it binds.</summary>
    public sealed class Scope(Scope? parent, Symbol? index, LParam? indexVariable)
    {
        public Scope? Parent { get; } = parent;
        public Symbol? Index { get; } = index;
        public LParam? IndexVariable { get; } = indexVariable;
        public int Depth { get; } = parent is null ? 0 : parent.Depth + 1;
        public List<LParam> Locals { get; } = [];
        public List<LExpr> Statements { get; } = [];
        public Dictionary<DagNode, LExpr> Cache { get; } = [];
        public Dictionary<DagNode, Scope> Home { get; } = []; // for loop scopes: the outermost scope a node can live in

        public LParam NewLocal(string name)
        {
            var v = L.Variable(typeof(double), name);
            Locals.Add(v);
            return v;
        }
    }

    /// <summary>The value of <paramref name="e"/>, emitting the statements it needs into the root scope.</summary>
    public LExpr Emit(Expr e) => Emit(DagNode.Of(e), Root);

    private LExpr Emit(DagNode n, Scope scope)
    {
        if (n.IsLeaf) return Leaf(n.Base, scope);
        var home = _share ? HomeOf(n, scope) : scope;
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Cache.TryGetValue(n, out var cached)) return cached;
            if (s == home) break;
        }
        var value = Build(n, home);
        if (!_share || (_counts[n] <= 1 && home == scope)) return value;
        if (value is LParam) { home.Cache[n] = value; return value; }
        var local = home.NewLocal("s" + home.Locals.Count);
        home.Statements.Add(L.Assign(local, value));
        home.Cache[n] = local;
        return local;
    }

    // The outermost enclosing scope whose loop indices the node does not depend on.
    private static Scope HomeOf(DagNode n, Scope scope)
    {
        if (scope.Depth == 0) return scope;
        if (scope.Home.TryGetValue(n, out var h)) return h;
        h = scope;
        while (h.Parent is not null && !n.DependsOn(h.Index!)) h = h.Parent;
        scope.Home[n] = h;
        return h;
    }

    private LExpr Build(DagNode n, Scope scope)
    {
        if (n.Exponent is not null) return Power(Emit(DagNode.Of(n.Base), scope), n.Exponent, scope);
        return n.Base switch
        {
            Sum s => BuildSum(s, scope),
            Product p => BuildProduct(p, scope),
            Apply a => BuildApply(a, scope),
            IndexedSum i => BuildIndexedSum(i, scope),
            Call c when c.Head.Equals(SpecialFunctions.DigammaHead) && c.Args.Length == 1 =>
                L.Call(DigammaMethod, Emit(DagNode.Of(c.Args[0]), scope)),
            Call c when c.Head.Equals(SpecialFunctions.PolygammaHead) && c.Args.Length == 2 =>
                L.Call(PolygammaMethod, Emit(DagNode.Of(c.Args[0]), scope), Emit(DagNode.Of(c.Args[1]), scope)),
            Call c => throw new CompilationException($"The undefined function call '{c}' has no numeric value and cannot be compiled."),
            Derivative d => throw new CompilationException($"The unevaluated derivative '{d}' has no numeric value and cannot be compiled."),
            _ => throw new CompilationException($"Unhandled expression kind {n.Base.Kind} in '{n.Base}'."),
        };
    }

    private LExpr Leaf(Expr e, Scope scope) => e switch
    {
        Number num => L.Constant(num.Value.ToDouble()),
        Constant { Which: ConstantKind.Pi } => L.Constant(Math.PI),
        Constant { Which: ConstantKind.Infinity } => L.Constant(double.PositiveInfinity),
        Symbol s => Lookup(s, scope),
        _ => throw new CompilationException($"Unhandled leaf '{e}'."),
    };

    private LExpr Lookup(Symbol s, Scope scope)
    {
        for (var sc = scope; sc is not null; sc = sc.Parent)
            if (sc.Index is not null && sc.Index.Equals(s)) return sc.IndexVariable!;
        for (var sc = scope; sc is not null; sc = sc.Parent)
            if (sc.Index is not null && Structure.DependsOn(s, sc.Index))
                throw new CompilationException(
                    $"The indexed symbol '{s}' depends on the summation index '{sc.Index}'; a family of symbols indexed by a bound index cannot be compiled to a delegate of scalar arguments (substitute its values first, or use the interpreter).");
        return _argument(s) ?? throw new CompilationException(
            $"The symbol '{s}' is not bound: it is not among the arguments [{string.Join(", ", _argumentList)}].");
    }

    // acc = c₀; acc += cᵢ·tᵢ in canonical order (as Evaluate does).
    private LExpr BuildSum(Sum s, Scope scope)
    {
        var terms = s.OrderedTerms;
        LExpr? acc = s.Constant.IsZero ? null : L.Constant(s.Constant.ToDouble());
        LParam? accumulator = null;
        if (terms.Length > InlineSumTerms)
        {
            accumulator = scope.NewLocal("acc" + scope.Locals.Count);
            if (acc is not null) { scope.Statements.Add(L.Assign(accumulator, acc)); acc = accumulator; }
        }
        foreach (var (t, c) in terms)
        {
            var v = Emit(DagNode.Of(t), scope);
            if (acc is null)
                acc = c.IsOne ? v : c == Rational.MinusOne ? L.Negate(v) : L.Multiply(L.Constant(c.ToDouble()), v);
            else
                acc = c.IsOne ? L.Add(acc, v) : c == Rational.MinusOne ? L.Subtract(acc, v) : L.Add(acc, L.Multiply(L.Constant(c.ToDouble()), v));
            if (accumulator is not null) { scope.Statements.Add(L.Assign(accumulator, acc)); acc = accumulator; }
        }
        return acc!;
    }

    // acc = c; acc *= bᵢ^eᵢ in canonical order.
    private LExpr BuildProduct(Product p, Scope scope)
    {
        LExpr? acc = null;
        foreach (var (b, e) in p.OrderedFactors)
        {
            var v = Emit(DagNode.PowerOf(b, e), scope);
            if (acc is null)
                acc = p.Coefficient.IsOne ? v : p.Coefficient == Rational.MinusOne ? L.Negate(v) : L.Multiply(L.Constant(p.Coefficient.ToDouble()), v);
            else acc = L.Multiply(acc, v);
        }
        return acc ?? L.Constant(p.Coefficient.ToDouble());
    }

    // The same dispatch as Evaluate.Pow, resolved at compile time for numeric exponents.
    private LExpr Power(LExpr x, Expr exponent, Scope scope)
    {
        if (exponent is not Number num) return L.Call(PowMethod, x, Emit(DagNode.Of(exponent), scope));
        double y = num.Value.ToDouble();
        if (Math.Abs(y) <= Evaluate.MaxSquaringExponent)
        {
            if (y == Math.Floor(y)) return PowInt(x, (int)y, scope);
            double twice = 2 * y;
            if (twice == Math.Floor(twice))
            {
                int m = Math.Abs((int)twice);
                var root = L.Call(SqrtMethod, x);
                LExpr r = m == 1 ? root : L.Multiply(PowInt(x, (m - 1) / 2, scope), root);
                return twice < 0 ? L.Divide(L.Constant(1.0), r) : r;
            }
        }
        return L.Call(MathPowMethod, x, L.Constant(y));
    }

    // Left-to-right binary powering, the same multiplications as Evaluate.PowInt.
    private static LExpr PowInt(LExpr x, int n, Scope scope)
    {
        if (n == 0) return L.Constant(1.0);
        if (n < 0) return L.Divide(L.Constant(1.0), PowInt(x, -n, scope));
        if (n == 1) return x;
        x = Stable(x, scope);
        LExpr r = x;
        for (int bit = Evaluate.TopBit(n) - 1; bit >= 0; bit--)
        {
            r = Stable(r, scope);
            r = L.Multiply(r, r);
            if (((n >> bit) & 1) != 0) r = L.Multiply(r, x);
        }
        return r;
    }

    // A value that may be read twice: parameters and constants as they are, anything else through a local.
    private static LExpr Stable(LExpr x, Scope scope)
    {
        if (x is LParam or System.Linq.Expressions.ConstantExpression) return x;
        var t = scope.NewLocal("t" + scope.Locals.Count);
        scope.Statements.Add(L.Assign(t, x));
        return t;
    }

    private LExpr BuildApply(Apply a, Scope scope)
    {
        var args = a.Args.Select(x => Emit(DagNode.Of(x), scope)).ToArray();
        return L.Call(FunctionMethod(a.Function), args);
    }

    private static readonly MethodInfo[] FunctionMethods = Functions.All.Select(ResolveFunctionMethod).ToArray();

    /// <summary>The method that evaluates a built-in function: the same ones <see cref="Evaluate.Function"/> calls.</summary>
    internal static MethodInfo FunctionMethod(Function f) => FunctionMethods[(int)f];

    private static MethodInfo ResolveFunctionMethod(Function f)
    {
        static MethodInfo M(Type t, string name, int arity) =>
            t.GetMethod(name, Enumerable.Repeat(typeof(double), arity).ToArray())!;
        return f switch
        {
            Function.Exp => M(typeof(Math), nameof(Math.Exp), 1),
            Function.Log => M(typeof(Math), nameof(Math.Log), 1),
            Function.Sin => M(typeof(Math), nameof(Math.Sin), 1),
            Function.Cos => M(typeof(Math), nameof(Math.Cos), 1),
            Function.Tan => M(typeof(Math), nameof(Math.Tan), 1),
            Function.Arcsin => M(typeof(Math), nameof(Math.Asin), 1),
            Function.Arccos => M(typeof(Math), nameof(Math.Acos), 1),
            Function.Arctan => M(typeof(Math), nameof(Math.Atan), 1),
            Function.Atan2 => M(typeof(Math), nameof(Math.Atan2), 2),
            Function.Erf => M(typeof(SpecialFunctions), nameof(SpecialFunctions.Erf), 1),
            Function.Abs => M(typeof(Math), nameof(Math.Abs), 1),
            Function.Gamma => M(typeof(SpecialFunctions), nameof(SpecialFunctions.Gamma), 1),
            Function.Clamp => M(typeof(Math), nameof(Math.Clamp), 3),
            _ => throw new CompilationException($"Function {f} has no compiled form."),
        };
    }

    // lo = ⌈lower⌉, hi = ⌊upper⌋; acc = 0; for (k = lo; k <= hi; k++) acc += body.
    private LExpr BuildIndexedSum(IndexedSum i, Scope scope)
    {
        if (i.Upper is Constant { Which: ConstantKind.Infinity } || i.Lower is Constant { Which: ConstantKind.Infinity })
            throw new CompilationException($"The sum over {i.Index} from {i.Lower} to {i.Upper} has an infinite range and cannot be compiled.");
        var lo = scope.NewLocal("lo" + scope.Locals.Count);
        var hi = scope.NewLocal("hi" + scope.Locals.Count);
        var acc = scope.NewLocal("sum" + scope.Locals.Count);
        var k = L.Variable(typeof(double), i.Index.Name);
        scope.Statements.Add(L.Assign(lo, L.Call(CeilingMethod, Emit(DagNode.Of(i.Lower), scope))));
        scope.Statements.Add(L.Assign(hi, L.Call(FloorMethod, Emit(DagNode.Of(i.Upper), scope))));
        scope.Statements.Add(L.Call(CheckRangeMethod, L.Constant(i), lo, hi));
        scope.Statements.Add(L.Assign(acc, L.Constant(0.0)));

        var inner = new Scope(scope, i.Index, k);
        var body = Emit(DagNode.Of(i.Body), inner);
        inner.Statements.Add(L.AddAssign(acc, body));
        inner.Statements.Add(L.AddAssign(k, L.Constant(1.0)));

        var exit = L.Label("end_" + i.Index.Name);
        var loop = L.Loop(
            L.IfThenElse(L.LessThanOrEqual(k, hi), L.Block(inner.Locals, inner.Statements), L.Break(exit)),
            exit);
        scope.Statements.Add(L.Block([k], L.Assign(k, lo), loop));
        return acc;
    }
}
