using System.Collections.Immutable;
using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using static NngpRg.Core.Derivations.NnqftCorrelators;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The effective couplings of the finite-width network from the tree-level match (docs/theory.md §9.5–9.6;
/// Halverson–Maiti–Stoner, arXiv:2008.08601, Eq. 3.32): with S = ½∫∫fK⁻¹f + ∫(λf⁴ + κf⁶) the engine counts the Wick
/// contractions of the connected tree diagrams — 24 for the quartic vertex, 12 for the tadpole, 576 per (3|3) split for
/// the exchange of two quartic vertices, 720 for the sextic vertex — so λ(Λ) = −G_{4,c}/(24∫_Λ ΠK). For the ReLU-net at
/// σ_b = 0, d = 1 it integrates the polynomial vertex integrals over the box: λ = −25/(2Nσ_W⁸Λ⁵) (running exponent −5),
/// δG₂/K = 15/(2N) from the tadpole, κ = 371/(3N²σ_W¹²Λ⁷); and for the Gauss-net the vertex integral over all of space
/// by completing the square.
/// </summary>
public static class NnqftCouplings
{
    /// <summary>The command-line name.</summary>
    public const string Name = "nnqft-couplings";

    /// <summary>Label of the quartic contraction count (24).</summary>
    public const string QuarticCount = "quartic contractions";
    /// <summary>Label of the tadpole contraction count (12).</summary>
    public const string TadpoleCount = "tadpole contractions";
    /// <summary>Label of the exchange contraction count per (3|3) split at order λ² (576).</summary>
    public const string ExchangeCount = "exchange contractions";
    /// <summary>Label of the sextic contraction count (720).</summary>
    public const string SexticCount = "sextic contractions";
    /// <summary>Label of the ReLU running exponent d ln|λ|/d ln Λ.</summary>
    public const string ReluRunning = "ReLU d ln|lambda|/d ln Lambda";
    /// <summary>Label of the ReLU tadpole ratio δG₂/K.</summary>
    public const string ReluTadpole = "ReLU delta G_2/K";
    /// <summary>Label of the ReLU sextic coupling κ(Λ).</summary>
    public const string ReluSextic = "ReLU kappa";
    /// <summary>Label of the Gauss-net vertex integral over ℝ (one coordinate, without σ_W⁸).</summary>
    public const string GaussVertex = "Gauss-net vertex integral";

    /// <summary>The quartic coupling λ.</summary>
    public static Symbol Lambda { get; } = Ex.Sym("lambda");
    /// <summary>The sextic coupling κ.</summary>
    public static Symbol Kappa { get; } = Ex.Sym("kappa");
    /// <summary>The cutoff Λ.</summary>
    public static Symbol Cutoff { get; } = Ex.Sym("Lambda");
    /// <summary>The vertex position y.</summary>
    public static Symbol Y { get; } = Ex.Sym("y");
    /// <summary>The second vertex position z.</summary>
    public static Symbol Z { get; } = Ex.Sym("z");
    /// <summary>a = σ_W²/(2d), the Gauss-net kernel's exponent.</summary>
    public static Symbol GaussExponent { get; } = Ex.Sym("a");
    /// <summary>The vertex integral I₄ = ∫_Λ Π_{i≤4} K_EFT(x_i, y).</summary>
    public static Symbol VertexIntegral { get; } = Ex.Sym("I", Ex.Num(4));

    /// <summary>The derivation, computed once per process.</summary>
    public static Derivation CachedDerivation => Cached.Value;

    private static readonly Lazy<Derivation> Cached = new(Derive);

    private static readonly Lazy<ImmutableArray<int>> Counts = new(() =>
    [
        Count(CachedDerivation.Quantity(QuarticCount)), Count(CachedDerivation.Quantity(TadpoleCount)),
        Count(CachedDerivation.Quantity(ExchangeCount)), Count(CachedDerivation.Quantity(SexticCount)),
    ]);

    /// <summary>The engine's contraction counts: quartic vertex (24), tadpole (12), exchange per (3|3) split (576), sextic vertex (720).</summary>
    public static (int Quartic, int Tadpole, int Exchange, int Sextic) ContractionCounts => (Counts.Value[0], Counts.Value[1], Counts.Value[2], Counts.Value[3]);

    private static int Count(Expr e) => e is Number n && n.Value.IsInteger ? (int)n.Value.Numerator : throw new InvalidOperationException($"NnqftCouplings: contraction count {e} is not an integer.");

    private static readonly Lazy<(Func<double[], double> Full, Func<double[], double> Center, Func<double[], double> Precision)> GaussVertexDelegates = new(() =>
    {
        Symbol[] args = [GaussExponent, X(1), X(2), X(3), X(4)];
        var parts = GaussianIntegral.Parts(GaussVertexExponent(), [Y]);
        return (Compile.ToDelegate(CachedDerivation.Quantity(GaussVertex), args),
            Compile.ToDelegate(parts.B[0] / parts.A[0, 0], args),
            Compile.ToDelegate(parts.A[0, 0], args));
    });

    /// <summary>
    /// ∫ dy Π_{i≤4} e^{−a(x_i − y)²} over ℝ (the engine's Gaussian integral), with the centre and precision of the completed
    /// square, for one coordinate; the box [−Λ, Λ] multiplies it by ½[erf(√(A/2)(Λ − c)) + erf(√(A/2)(Λ + c))].
    /// </summary>
    public static (double Full, double Center, double Precision) GaussVertexCoordinate(double a, double x1, double x2, double x3, double x4)
    {
        double[] v = [a, x1, x2, x3, x4];
        var d = GaussVertexDelegates.Value;
        return (d.Full(v), d.Center(v), d.Precision(v));
    }

    private static Expr GaussVertexExponent() =>
        -GaussExponent * Sum.Of(Enumerable.Range(1, 4).Select(i => Ex.Pow(X(i) - Y, 2)));

    /// <summary>The field at a point (a symbol per point for the contraction counting).</summary>
    private static Symbol F(Expr at) => Ex.Sym("f", at);

    /// <summary>
    /// The connected tree diagrams among the Wick pairings of the externals and vertex legs: every external leg on a vertex,
    /// no self-contraction at a vertex (unless allowed), the vertices joined into a tree. Each diagram is a product of
    /// propagators K(a, b) with the number of pairings that produce it.
    /// </summary>
    private static List<(Expr Diagram, int Count)> TreeDiagrams(IReadOnlyList<Expr> externals, IReadOnlyList<(Expr Vertex, int Legs)> vertices, bool allowSelfLoops = false)
    {
        var legs = new List<(Expr Point, int Vertex)>();
        foreach (var e in externals) legs.Add((e, -1));
        for (int v = 0; v < vertices.Count; v++)
            for (int l = 0; l < vertices[v].Legs; l++) legs.Add((vertices[v].Vertex, v));
        var diagrams = new Dictionary<Expr, int>();
        var order = new List<Expr>();
        // The Wick pairings of the legs, enumerated as in Wick.Pairings (the first free leg with each later one) but
        // pruned as soon as a pair is external–external or a self-contraction.
        var partner = new int[legs.Count];
        Array.Fill(partner, -1);
        void Pair()
        {
            int first = Array.IndexOf(partner, -1);
            if (first < 0)
            {
                var links = new List<(int, int)>();
                for (int i = 0; i < legs.Count; i++)
                    if (partner[i] > i && legs[i].Vertex >= 0 && legs[partner[i]].Vertex >= 0 && legs[i].Vertex != legs[partner[i]].Vertex)
                        links.Add((legs[i].Vertex, legs[partner[i]].Vertex));
                if (links.Count != vertices.Count - 1 || !Connected(vertices.Count, links)) return; // a tree of the vertices
                var diagram = Product.Of(Enumerable.Range(0, legs.Count).Where(i => partner[i] > i).Select(i => (Expr)Propagator(legs[i].Point, legs[partner[i]].Point)));
                if (diagrams.TryAdd(diagram, 1)) order.Add(diagram);
                else diagrams[diagram]++;
                return;
            }
            for (int j = first + 1; j < legs.Count; j++)
            {
                if (partner[j] >= 0) continue;
                int va = legs[first].Vertex, vb = legs[j].Vertex;
                if (va < 0 && vb < 0) continue;                        // external–external: disconnected
                if (va >= 0 && va == vb && !allowSelfLoops) continue;  // self-contraction at a vertex
                partner[first] = j;
                partner[j] = first;
                Pair();
                partner[first] = -1;
                partner[j] = -1;
            }
        }
        Pair();
        return [.. order.Select(d => (d, diagrams[d]))];
    }

    private static Expr Total(List<(Expr Diagram, int Count)> diagrams) => Engine.Expand(Sum.Of(diagrams.Select(d => Number.Of(d.Count) * d.Diagram)));

    private static int CountOf(List<(Expr Diagram, int Count)> diagrams, Expr diagram) =>
        diagrams.Where(d => d.Diagram.Equals(diagram)).Sum(d => d.Count);

    private static bool Connected(int n, List<(int, int)> links)
    {
        var seen = new HashSet<int> { 0 };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (a, b) in links)
                if (seen.Contains(a) != seen.Contains(b)) { seen.Add(a); seen.Add(b); grew = true; }
        }
        return seen.Count == n;
    }

    private static Expr Propagator(Expr a, Expr b) => SymmetricTensor.Of("K", [a, b]);

    /// <summary>∫_lower^upper of a polynomial in t: term-by-term from its coefficients (1/k!)∂ᵏ/∂tᵏ at 0, checked by differentiating back.</summary>
    private static Expr IntegratePolynomial(Expr integrand, Symbol t, Expr lower, Expr upper)
    {
        var expanded = Engine.Expand(integrand);
        int degree = 0;
        while (!Engine.Same(Differentiate.Of(expanded, t, degree + 1), Number.Zero))
            if (++degree > 40) throw new InvalidOperationException($"NnqftCouplings: {integrand} is not a polynomial of degree ≤ 40 in {t}.");
        var s = Ex.Sym("s");
        var antiderivative = Sum.Of(Enumerable.Range(0, degree + 1).Select(k => Engine.Coefficient(expanded, t, k) * Ex.Pow(s, k + 1) / (k + 1)));
        Engine.Require(Engine.Same(Differentiate.Of(antiderivative, s), Engine.Substitute(expanded, t, s)), $"the antiderivative of {integrand} differentiates back");
        return Engine.Expand(Engine.Substitute(antiderivative, s, upper) - Engine.Substitute(antiderivative, s, lower));
    }

    /// <summary>Derives the couplings, step by step.</summary>
    public static Derivation Derive()
    {
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> tree = [Assumption.TreeLevelMatching];
        ImmutableArray<Assumption> box = [Assumption.TreeLevelMatching, Assumption.VertexCutoff];
        ImmutableArray<Assumption> relu = [Assumption.IndependentUnits, Assumption.TreeLevelMatching, Assumption.VertexCutoff, Assumption.ScaleCovariantRelu];
        Expr[] x4 = [.. Enumerable.Range(1, 4).Select(i => (Expr)X(i))];
        Expr[] x6 = [.. Enumerable.Range(1, 6).Select(i => (Expr)X(i))];
        Expr Ext(Expr[] xs, params Expr[] more) => Product.Of(xs.Select(x => (Expr)F(x)).Concat(more));

        // 1. the quartic vertex: ⟨f₁f₂f₃f₄ f_y⁴⟩ connected = 24 Π K(x_i, y)
        var quarticDiagrams = TreeDiagrams(x4, [(Y, 4)]);
        var quartic = Total(quarticDiagrams);
        Engine.Require(quarticDiagrams.Count == 1, "the quartic vertex has one tree diagram");
        Expr quarticCount = Number.Of(CountOf(quarticDiagrams, Product.Of(x4.Select(x => (Expr)Propagator(x, Y)))));
        steps.Add(new("Contractions of the quartic vertex",
            @"At first order $e^{-S}$ brings down $-\lambda\int_y f_y^4$. Of the 105 Wick pairings of the four external fields with the four legs at $y$, the connected ones put every external field on a leg",
            Notation.Expectation(Ex.Sym("f"), Ext(x4, Ex.Pow(F(Y), 4))), quartic, tree, "⇒"));

        // 2. matching: −24λ I₄ = G_{4,c}
        var g4c = Cumulant([1, 2, 3, 4]);
        var lambda = Engine.Normalize(-g4c / (quarticCount * VertexIntegral));
        steps.Add(new("Tree-level match of the quartic coupling",
            @"Equating $\Delta G_4 = -24\lambda I_4$, with the vertex integral $I_4 = \int_\Lambda d^dy\,\prod_{i=1}^4 K_{\mathrm{EFT}}(x_i, y)$, to the network's connected four-point function $C_{1234} = G_{4,c}$ and solving for $\lambda$",
            Lambda, lambda, box, "⇒"));

        // 3. ReLU at σ_b = 0, d = 1: K_EFT(x, y) = σ_W² k = σ_W⁴ x y / 2 for y > 0, 0 for y < 0
        Expr Keft(Expr x, Expr y) => Ex.Pow(SigmaW2, 2) * x * y / 2;
        var i4 = IntegratePolynomial(Product.Of(x4.Select(x => Keft(x, Y))), Y, Number.Zero, Cutoff);
        steps.Add(new("ReLU vertex integral",
            @"For the ReLU-net at zero bias and positive inputs $K_{\mathrm{EFT}}(x, y) = \sigma_W^2 k(x, y) = \tfrac12\sigma_W^4 x y$ for $y > 0$ and $0$ for $y < 0$, so the box $[-\Lambda, \Lambda]$ reduces to $[0, \Lambda]$ and the integrand is a polynomial, integrated term by term",
            VertexIntegral, i4, relu, "⇒"));
        var corr = NnqftCorrelators.CachedDerivation;
        Expr ReluMoment(IReadOnlyList<Expr> xs) =>
            Engine.Expand(Number.Half * Wick.Expectation(Ex.Pow(InputWeight, Ex.Num(xs.Count)), InputWeight, SigmaW2) * Product.Of(xs));
        var reluG4c = Engine.Expand(Engine.Substitute(Structure.BottomUp(corr.Result, n => n switch
        {
            Symbol { Name: "mu" or "k" } s => ReluMoment([.. s.Subscripts.Select(i => (Expr)X((int)((Number)i).Value.Numerator))]),
            _ => n,
        }), SigmaB2, Number.Zero));
        var reluLambda = Engine.Normalize(Engine.Substitute(Engine.Substitute(lambda, (Symbol)g4c, reluG4c), VertexIntegral, i4));
        steps.Add(new("ReLU quartic coupling",
            @"With the connected four-point function of the correlator derivation, $G_{4,c} = \tfrac{15}{4}\sigma_W^8 x_1x_2x_3x_4/N$, every input cancels: the coupling is a constant",
            Lambda, reluLambda, relu, "⇒"));
        Engine.Require(!x4.Any(x => Structure.DependsOn(reluLambda, (Symbol)x)), "the ReLU coupling is input-independent");

        // 5. running
        var running = Engine.Normalize(Cutoff * Differentiate.Of(reluLambda, Cutoff) / reluLambda);
        steps.Add(new("Running of the ReLU coupling",
            @"The logarithmic derivative $d\ln|\lambda|/d\ln\Lambda = \Lambda\,\partial_\Lambda\lambda/\lambda$ is the scaling dimension $-(d + 4)$ of the coupling at $d = 1$: the kernel is homogeneous of degree two, and nothing else sets a scale",
            Ex.Call(Ex.Sym("beta"), Lambda), running, relu, "⇒"));

        // 6. tadpole: ⟨f₁ f₂ f_y⁴⟩ with one self-contraction
        var tadpoleDiagrams = TreeDiagrams([X(1), X(2)], [(Y, 4)], allowSelfLoops: true);
        var tadpoleAll = Total(tadpoleDiagrams);
        Expr tadpoleCount = Number.Of(CountOf(tadpoleDiagrams, Propagator(X(1), Y) * Propagator(X(2), Y) * Propagator(Y, Y)));
        steps.Add(new("Contractions of the tadpole",
            @"At two points the same vertex contracts two legs with the externals and the other two with each other; the one-loop correction is $\delta G_2 = -12\lambda\int_y K_{1y}K_{yy}K_{y2}$",
            Notation.Expectation(Ex.Sym("f"), Ext([X(1), X(2)], Ex.Pow(F(Y), 4))), tadpoleAll, tree, "⇒"));
        var tadpoleIntegral = IntegratePolynomial(Keft(X(1), Y) * Keft(Y, Y) * Keft(Y, X(2)), Y, Number.Zero, Cutoff);
        var tadpoleRatio = Engine.Normalize(-tadpoleCount * reluLambda * tadpoleIntegral / Keft(X(1), X(2)));
        steps.Add(new("ReLU one-loop two-point shift",
            @"With the matched constant coupling the tadpole shifts the two-point function by a fixed fraction, at every cutoff and input; the network has $\delta G_2 = 0$ (the correlator derivation), so the consistent action is normal ordered, $\lambda\int(f^4 - 6K_{yy}f^2 + 3K_{yy}^2)$, whose tadpole cancels",
            Ex.Sym("delta", Ex.Sym("G2")) / Propagator(X(1), X(2)), tadpoleRatio, relu, "⇒"));

        // 8. six points: exchange of two quartic vertices and the sextic vertex
        var exchange = TreeDiagrams(x6, [(Y, 4), (Z, 4)]);
        var splitTerm = Product.Of(x6.Take(3).Select(x => (Expr)Propagator(x, Y)).Concat(x6.Skip(3).Select(x => (Expr)Propagator(x, Z))).Append(Propagator(Y, Z)));
        var swapped = Product.Of(x6.Take(3).Select(x => (Expr)Propagator(x, Z)).Concat(x6.Skip(3).Select(x => (Expr)Propagator(x, Y))).Append(Propagator(Y, Z)));
        // the coefficient of one split (abc on y) plus its mirror (abc on z), times the 1/2! of second order
        Engine.Require(exchange.Count == 20, "the exchange diagrams are the 10 splits (3|3) on either vertex");
        Expr perSplit = Number.Of(new Rational(CountOf(exchange, splitTerm) + CountOf(exchange, swapped), 2));
        steps.Add(new("Contractions of the exchange diagram",
            @"At second order $\tfrac{1}{2}\lambda^2\int_y\int_z f_y^4 f_z^4$; the tree diagrams put three externals on each vertex and join the vertices by one propagator. Summed over the two vertices and halved, each of the 10 splits (3|3) of the six points carries the coefficient",
            Notation.Expectation(Ex.Sym("f"), Ext(x6, Ex.Pow(F(Y), 4), Ex.Pow(F(Z), 4))), perSplit, tree, "⇒"));
        var sextic = TreeDiagrams(x6, [(Y, 6)]);
        Expr sexticCount = Number.Of(CountOf(sextic, Product.Of(x6.Select(x => (Expr)Propagator(x, Y)))));
        steps.Add(new("Contractions of the sextic vertex",
            @"The vertex $-\kappa\int_y f_y^6$ puts the six externals on its six legs in $6!$ ways, so $G_{6,c} = 576\lambda^2\sum_{(3|3)}\iint K K K\,K_{yz}\,K K K - 720\kappa I_6$",
            Notation.Expectation(Ex.Sym("f"), Ext(x6, Ex.Pow(F(Y), 6))), sexticCount, tree, "⇒"));

        // 10. ReLU sextic coupling
        Expr ExchangeIntegral(IReadOnlyList<Expr> left, IReadOnlyList<Expr> right) =>
            IntegratePolynomial(IntegratePolynomial(Product.Of(left.Select(x => Keft(x, Y))) * Keft(Y, Z) * Product.Of(right.Select(x => Keft(x, Z))), Y, Number.Zero, Cutoff), Z, Number.Zero, Cutoff);
        var splits = SetPartitions.WithBlockSizes([3, 3]).ToList();
        var exchangeSum = Engine.Expand(Sum.Of(splits.Select(p => ExchangeIntegral([.. p[0].Select(i => x6[i])], [.. p[1].Select(i => x6[i])]))));
        var i6 = IntegratePolynomial(Product.Of(x6.Select(x => Keft(x, Y))), Y, Number.Zero, Cutoff);
        var g6GpRelu = Engine.Expand(Sum.Of(Wick.Pairings(6).Select(p => Product.Of(p.Select(q => SigmaW2 * ReluMoment([x6[q.First], x6[q.Second]]))))));
        var g6cRelu = Engine.Expand(corr.Quantity(ReluSixPointConnectedRatio) * g6GpRelu);
        var kappa = Engine.Normalize((perSplit * Ex.Pow(reluLambda, 2) * exchangeSum - g6cRelu) / (sexticCount * i6));
        steps.Add(new("ReLU sextic coupling",
            @"Solving the six-point match for $\kappa$ with the connected six-point function $G_{6,c} = \tfrac{44}{N^2}G_6^{\mathrm{GP}}$ of the correlator derivation, the exchange integrals over $[0, \Lambda]^2$ of the 10 splits and $I_6 = \int_0^\Lambda\prod_{i\le6}K_{\mathrm{EFT}}(x_i, y)\,dy$: again input-independent, of order $N^{-2}$ and scaling as $\Lambda^{-(6+d)}$",
            Kappa, kappa, relu, "⇒"));
        Engine.Require(!x6.Any(x => Structure.DependsOn(kappa, (Symbol)x)), "the ReLU sextic coupling is input-independent");

        // 11. Gauss-net vertex integral over ℝ by completing the square
        var gaussExponent = GaussVertexExponent();
        var gaussVertex = GaussianIntegral.Integrate(gaussExponent, [Y]);
        steps.Add(new("Gauss-net vertex integral over all space",
            @"For the Gauss-net $K_{\mathrm{EFT}} = \sigma_W^2 e^{-a|x - y|^2}$ with $a = \sigma_W^2/(2d)$. Per coordinate the product of four Gaussians is one Gaussian in $y$, integrated by completing the square: the integral converges at $\Lambda = \infty$, so the coupling freezes, $\lambda(\Lambda) \to \lambda(\infty)$",
            Ex.Call(Ex.Sym("Integral"), Ex.Exp(gaussExponent)), gaussVertex, [Assumption.TreeLevelMatching], "="));

        return new Derivation(Name, "Finite-width networks: effective couplings at tree level",
            @"Matching the connected correlators of the network to the tree diagrams of the effective action $S = \tfrac12\iint fK^{-1}f + \int(\lambda f^4 + \kappa f^6)$ fixes the couplings at a cutoff $\Lambda$. The engine counts the contractions (24, 12, 576 and 720), derives $\lambda(\Lambda) = -G_{4,c}/(24 I_4)$, and for the ReLU-net at zero bias in $d = 1$ integrates the vertex integrals: $\lambda = -25/(2N\sigma_W^8\Lambda^5)$, $\delta G_2/K = 15/(2N)$ from the tadpole and $\kappa = 371/(3N^2\sigma_W^{12}\Lambda^7)$; for the Gauss-net the vertex integral converges and the coupling freezes (docs/theory.md \S9.5--9.6).",
            steps.ToImmutable(), "lambda", lambda)
        {
            Introduction = @"Halverson, Maiti and Stoner (arXiv:2008.08601, Eq. 3.32) describe the finite-width ensemble by an effective action whose quadratic part is the GP, $S = \tfrac12\iint f K^{-1} f + \int d^dx\,(\lambda f^4 + \kappa f^6)$ (no $1/4!$), with the propagator $K_{\mathrm{EFT}} = K - \sigma_b^2$ in the vertex integrals. At tree level the connected four-point function is one vertex, $\Delta G_4 = -24\lambda\int_\Lambda\prod_i K_{\mathrm{EFT}}(x_i, y)$, so the coupling that reproduces the network depends on the cutoff $\Lambda$ of the vertex integral: it runs. This appendix derives the combinatorial factors by counting Wick contractions, the matched couplings of the ReLU-net at zero bias in closed form, and the convergent Gauss-net vertex integral; the library evaluates $\lambda(\Lambda)$ for every architecture by quadrature where no closed form exists (docs/theory.md \S9.5--9.6).",
            ResultLatex = @"\lambda",
            Quantities =
            [
                new(QuarticCount, quarticCount, @"The number of contractions of the quartic vertex"),
                new(TadpoleCount, tadpoleCount, @"The number of contractions of the tadpole"),
                new(ExchangeCount, perSplit, @"The coefficient of one (3|3) split at order $\lambda^2$"),
                new(SexticCount, sexticCount, @"The number of contractions of the sextic vertex"),
                new("ReLU lambda", reluLambda, @"The ReLU-net ($\sigma_b = 0$, $d = 1$) quartic coupling $\lambda(\Lambda)$"),
                new(ReluRunning, running, @"Its running exponent $d\ln|\lambda|/d\ln\Lambda$"),
                new(ReluTadpole, tadpoleRatio, @"The ReLU-net one-loop shift $\delta G_2/K$ with the matched constant coupling"),
                new(ReluSextic, kappa, @"The ReLU-net sextic coupling $\kappa(\Lambda)$"),
                new(GaussVertex, gaussVertex, @"The Gauss-net vertex integral over $\mathbb{R}$ per coordinate, $\int dy\,\prod_{i\le4}e^{-a(x_i - y)^2}$"),
            ],
        };
    }
}
