using System.Collections.Immutable;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The exact finite-width correlators of a one-hidden-layer network (docs/theory.md §9.2; Halverson–Maiti–Stoner,
/// arXiv:2008.08601): the readout terms t_j = W¹_j h_j are i.i.d., so the joint cumulants of f are N times those of one
/// term, and those follow from the moments E[Π t] = E[W^n] μ_n by the Möbius sum over set partitions. The engine derives
/// G₂ = K, G_{4,c} = (σ_W⁴/N)[3μ₄ − Σ₃ K̃K̃], G_{6,c} = (σ_W⁶/N²)[15μ₆ − 3Σ₁₅ μ₄K̃ + 2Σ₁₅ K̃K̃K̃], the six-point
/// deviation Σ₁₅ G_{4,c}K + G_{6,c}, the Gauss-net moment μ_n in closed form (a Gaussian integral), and for the ReLU-net
/// at σ_b = 0, d = 1 the ratios 5/N, 15/N + 44/N² and 44/N².
/// </summary>
public static class NnqftCorrelators
{
    /// <summary>The command-line name.</summary>
    public const string Name = "nnqft-correlators";

    /// <summary>Label of the connected six-point function.</summary>
    public const string SixPointConnected = "G_6c";
    /// <summary>Label of the six-point deviation from the GP in terms of the cumulants.</summary>
    public const string SixPointDeviation = "G_6 - G_6^GP";
    /// <summary>Label of the two-point function.</summary>
    public const string TwoPoint = "G_2";
    /// <summary>Label of the Gauss-net one-neuron moment.</summary>
    public const string GaussMoment = "Gauss-net mu_n";
    /// <summary>Label of the ReLU (σ_b = 0, d = 1) four-point ratio ΔG₄/G₄^GP.</summary>
    public const string ReluFourPointRatio = "ReLU Delta G_4/G_4^GP";
    /// <summary>Label of the ReLU six-point ratio (G₆ − G₆^GP)/G₆^GP.</summary>
    public const string ReluSixPointRatio = "ReLU Delta G_6/G_6^GP";
    /// <summary>Label of the ReLU connected six-point ratio G_{6,c}/G₆^GP.</summary>
    public const string ReluSixPointConnectedRatio = "ReLU G_6c/G_6^GP";

    /// <summary>σ_W² (one symbol).</summary>
    public static Symbol SigmaW2 { get; } = Ex.SymSup("sigma", 2, Ex.Sym("W"));
    /// <summary>σ_b² (one symbol).</summary>
    public static Symbol SigmaB2 { get; } = Ex.SymSup("sigma", 2, Ex.Sym("b"));
    /// <summary>The width N.</summary>
    public static Symbol Width { get; } = Ex.Sym("N");
    /// <summary>The input dimension d.</summary>
    public static Symbol Dimension { get; } = Ex.Sym("d");
    /// <summary>The number n of points of a moment.</summary>
    public static Symbol Order { get; } = Ex.Sym("n");
    /// <summary>|S|² = |Σ_i x_i|² of a moment's points.</summary>
    public static Symbol SumSquared { get; } = Ex.SymSup("S", 2);
    /// <summary>Q = Σ_i |x_i|².</summary>
    public static Symbol SquaredNorms { get; } = Ex.Sym("Q");
    /// <summary>One coordinate S of Σ_i x_i.</summary>
    public static Symbol Coordinate { get; } = Ex.Sym("S");
    /// <summary>The readout weight W¹ (written W₁).</summary>
    public static Symbol Readout { get; } = Ex.Sym("W", Ex.Num(1));
    /// <summary>The input weight w (one coordinate of W⁰).</summary>
    public static Symbol InputWeight { get; } = Ex.Sym("w", Ex.Num(0));
    /// <summary>The hidden bias b.</summary>
    public static Symbol Bias { get; } = Ex.Sym("b", Ex.Num(0));

    /// <summary>The point x_i (d = 1).</summary>
    public static Symbol X(int i) => Ex.Sym("x", Ex.Num(i));
    /// <summary>K_{ij} = K(x_i, x_j), the GP kernel.</summary>
    public static Symbol K(int i, int j) => SymmetricTensor.Of("K", [Ex.Num(i), Ex.Num(j)]);
    /// <summary>k_{ij} = K̃(x_i, x_j) = E h(x_i)h(x_j), the one-neuron kernel.</summary>
    public static Symbol NeuronKernel(int i, int j) => SymmetricTensor.Of("k", [Ex.Num(i), Ex.Num(j)]);
    /// <summary>μ_{i…} = E Π h(x_i), the one-neuron moment (μ of two points is written k).</summary>
    public static Expr Mu(IReadOnlyList<int> points) =>
        points.Count == 2 ? NeuronKernel(points[0], points[1]) : SymmetricTensor.Of("mu", points.Select(p => (Expr)Ex.Num(p)));
    /// <summary>C_{i…}, the joint cumulant of f at the points (C_{ij} is K_{ij}).</summary>
    public static Expr Cumulant(IReadOnlyList<int> points) =>
        points.Count == 2 ? K(points[0], points[1]) : SymmetricTensor.Of("C", points.Select(p => (Expr)Ex.Num(p)));

    /// <summary>The derivation, computed once per process (it is immutable).</summary>
    public static Derivation CachedDerivation => Cached.Value;

    private static readonly Lazy<Derivation> Cached = new(Derive);

    private static readonly Lazy<Func<double[], double>> GaussMomentDelegate = new(() =>
        Compile.ToDelegate(CachedDerivation.Quantity(GaussMoment), SigmaW2, SigmaB2, Dimension, Order, SumSquared, SquaredNorms));

    /// <summary>
    /// The Gauss-net moment μ_n = exp[σ_b²(n²/2 − n) + σ_W²(|S|² − 2Q)/(2d)] compiled from the engine's Gaussian integral
    /// (docs/theory.md (9.6)); <paramref name="sumSquared"/> = |Σ x_i|², <paramref name="squaredNorms"/> = Σ |x_i|².
    /// </summary>
    public static double GaussNetMoment(double sigmaW2, double sigmaB2, int dimension, int n, double sumSquared, double squaredNorms) =>
        GaussMomentDelegate.Value([sigmaW2, sigmaB2, dimension, n, sumSquared, squaredNorms]);

    /// <summary>E[t(x_{i₁})⋯t(x_{i_n})] for one readout term t = W h: E[W^n] (Wick, W ~ N(0, σ_W²/N)) times μ_n.</summary>
    private static Expr TermMoment(IReadOnlyList<int> block) =>
        Engine.Expand(Wick.Expectation(Ex.Pow(Readout, Ex.Num(block.Count)), Readout, SigmaW2 / Width) * Mu(block));

    /// <summary>The joint cumulant of one term at the points: Σ_π (−1)^{|π|−1}(|π|−1)! Π_B E[t_B].</summary>
    private static Expr TermCumulant(IReadOnlyList<int> points)
    {
        var sum = new List<Expr>();
        foreach (var partition in SetPartitions.All(points.Count))
        {
            var factors = new List<Expr> { Number.Of(new Rational(SetPartitions.MoebiusWeight(partition.Length), 1)) };
            foreach (var block in partition) factors.Add(TermMoment([.. block.Select(i => points[i])]));
            sum.Add(Product.Of(factors));
        }
        return Engine.Expand(Sum.Of(sum));
    }

    /// <summary>The moment E[f(x₁)⋯f(x_n)] of a zero-mean field from its cumulants: Σ over partitions into even blocks of Π C_B.</summary>
    private static Expr MomentFromCumulants(IReadOnlyList<int> points, Func<IReadOnlyList<int>, Expr> cumulant)
    {
        var sum = new List<Expr>();
        foreach (var partition in SetPartitions.All(points.Count))
            if (partition.All(b => b.Length % 2 == 0))
                sum.Add(Product.Of(partition.Select(b => cumulant([.. b.Select(i => points[i])]))));
        return Engine.Expand(Sum.Of(sum));
    }

    private static Expr Gp(IReadOnlyList<int> points) => MomentFromCumulants(points, b => b.Count == 2 ? K(b[0], b[1]) : Number.Zero);

    /// <summary>Derives the correlators, step by step.</summary>
    public static Derivation Derive()
    {
        var steps = ImmutableArray.CreateBuilder<DerivationStep>();
        ImmutableArray<Assumption> units = [Assumption.IndependentUnits];
        int[] p2 = [1, 2], p4 = [1, 2, 3, 4], p6 = [1, 2, 3, 4, 5, 6];

        // 1. moments of one readout term
        var w4 = Wick.Expectation(Ex.Pow(Readout, 4), Readout, SigmaW2 / Width);
        steps.Add(new("Moments of one readout term",
            @"Write $f(x) = \sum_{j=1}^N t_j(x) + b^1$ with $t_j = W^1_j h_j$. The readout weight is independent of its unit, so $\mathbb{E}[t(x_1)\cdots t(x_n)] = \mathbb{E}[W_1^n]\,\mu_n(x_1, \dots, x_n)$ with the one-neuron moment $\mu_n = \mathbb{E}\prod_i h(x_i)$ ($\mu_2 = k_{12} = \tilde K(x_1, x_2)$); $\mathbb{E}[W_1^n]$ is the Wick moment of $W_1 = W^1_j \sim \mathcal{N}(0, \sigma_W^2/N)$",
            Notation.Expectation(Readout, Ex.Pow(Readout, 4)) * Mu(p4), TermMoment(p4), units));
        Engine.Require(Engine.Same(w4, 3 * Ex.Pow(SigmaW2, 2) / Ex.Pow(Width, 2)), "E W^4 = 3 sigma_W^4/N^2");

        // 2.–3. cumulants of one term, then of the sum of N terms
        var kappa4 = TermCumulant(p4);
        steps.Add(new("Fourth cumulant of one term",
            @"The joint cumulant is the Möbius sum over the 15 set partitions of the four points, $\kappa(1234) = \sum_\pi (-1)^{|\pi|-1}(|\pi|-1)!\prod_{B\in\pi}\mathbb{E}[t_B]$; blocks of odd size vanish because odd moments of $W_1$ vanish",
            Ex.Sym("kappa", Ex.Sym("t")), kappa4, units, "≡"));
        var g4c = Engine.Expand(Width * kappa4);
        steps.Add(new("Connected four-point function",
            @"Cumulants of independent summands add: the $N$ identical terms give $N\kappa(1234)$, and the Gaussian output bias has no cumulant beyond the second",
            Cumulant(p4), g4c, units, "⇒"));

        var two = Engine.Expand(Width * TermCumulant(p2) + SigmaB2);
        var kernel = SigmaB2 + SigmaW2 * NeuronKernel(1, 2);
        Engine.Require(Engine.Same(two, kernel), "G_2 = sigma_b^2 + sigma_W^2 k_12 at every width");
        steps.Add(new("Two-point function",
            @"The same sum at two points, plus the variance of the output bias, is the GP kernel $K_{12} = \sigma_b^2 + \sigma_W^2 k_{12}$ at every width: there is no $1/N$ correction to $G_2$",
            Ex.Sym("G", Ex.Num(2)), two, units, "⇒"));

        var g6c = Engine.Expand(Width * TermCumulant(p6));
        steps.Add(new("Connected six-point function",
            @"The Möbius sum over the 203 partitions of six points leaves the 15 blocks (6), the 15 splits (4|2) and the 15 pairings (2|2|2); $N$ terms give $G_{6,c} = N\kappa(1\dots6)$, of order $N^{-2}$",
            Cumulant(p6), g6c, units, "⇒"));

        // 6. the six-point function from cumulants
        var g6 = MomentFromCumulants(p6, Cumulant);
        var deviation = Engine.Expand(g6 - Gp(p6));
        steps.Add(new("Six-point deviation from the GP",
            @"Moments follow from cumulants by the sum over partitions into blocks (odd cumulants vanish); subtracting the 15 Wick pairings $G_6^{\mathrm{GP}}$ leaves the 15 disconnected products $C_{abcd}K_{ef}$ and the connected part",
            Ex.Sym("G", Ex.Num(6)) - Ex.SymSup("G", Ex.Sym("GP"), Ex.Num(6)), deviation, units, "⇒"));

        // 7. Gauss-net moment: Gaussian integral over one coordinate of W⁰ and the bias
        var exponent = Coordinate * InputWeight + Order * Bias - (Order * SigmaB2 + SigmaW2 * SquaredNorms / Dimension);
        var gauss = GaussianIntegral.Expectation(exponent, [InputWeight, Bias], new Expr[,] { { SigmaW2 / Dimension, Number.Zero }, { Number.Zero, SigmaB2 } });
        var gaussMoment = Engine.Substitute(gauss, Coordinate, Ex.Sqrt(SumSquared));
        Engine.Require(!Structure.DependsOn(gaussMoment, Coordinate), "the Gauss-net moment depends on S only through S^2");
        steps.Add(new("Gauss-net moment by completing the square",
            @"For the Gauss-net $\prod_i h(x_i) = e^{W^0\cdot S + n b^0 - n\sigma_b^2 - \sigma_W^2 Q/d}$ with $S = \sum_i x_i$ and $Q = \sum_i |x_i|^2$. The engine's Gaussian integral over one coordinate $w_0$ of $W^0$ and the bias $b_0 = b^0$ gives the exponent $\tfrac12 \sigma_W^2 S^2/d + \tfrac12 n^2\sigma_b^2$; the $d$ coordinates of $W^0$ are independent with the same variance, so $S^2$ becomes $|S|^2$",
            Notation.Expectation(InputWeight, Notation.Expectation(Bias, Ex.Exp(exponent))), gaussMoment, units));

        // 8.–10. ReLU at σ_b = 0, d = 1, positive inputs: μ_n = ½ E[w^n] Π x
        Expr ReluMoment(IReadOnlyList<int> points) =>
            Engine.Expand(Number.Half * Wick.Expectation(Ex.Pow(InputWeight, Ex.Num(points.Count)), InputWeight, SigmaW2) * Product.Of(points.Select(i => (Expr)X(i))));
        var relu4 = ReluMoment(p4);
        ImmutableArray<Assumption> relu = [Assumption.IndependentUnits, Assumption.ScaleCovariantRelu];
        steps.Add(new("ReLU moments at zero bias",
            @"With $\sigma_b = 0$, $d = 1$ and $x_i > 0$, $h(x_i) = x_i\,\mathrm{relu}(w_0)$, so $\mu_n = \tfrac12\mathbb{E}[w_0^n]\prod_i x_i$ with $w_0 \sim \mathcal{N}(0, \sigma_W^2)$ (half the Wick moment: on the other half of the line $w_0 < 0$)",
            Mu(p4), relu4, relu, "⇒"));

        Expr ReluSubstitute(Expr e) => Engine.Expand(Structure.BottomUp(e, n => n switch
        {
            Symbol { Name: "mu" } s => ReluMoment([.. s.Subscripts.Select(i => (int)((Number)i).Value.Numerator)]),
            Symbol { Name: "k" } s => ReluMoment([.. s.Subscripts.Select(i => (int)((Number)i).Value.Numerator)]),
            Symbol { Name: "K" } s => SigmaW2 * ReluMoment([.. s.Subscripts.Select(i => (int)((Number)i).Value.Numerator)]),
            _ => n,
        }));
        var zeroBias = new Func<Expr, Expr>(e => Engine.Substitute(e, SigmaB2, Number.Zero));
        var ratio4 = Engine.Normalize(zeroBias(ReluSubstitute(g4c)) / ReluSubstitute(Gp(p4)));
        steps.Add(new("ReLU four-point ratio",
            @"Substituting these moments and $K_{ij} = \sigma_W^2 k_{ij}$ into the connected four-point function and dividing by $G_4^{\mathrm{GP}} = K_{12}K_{34} + K_{13}K_{24} + K_{14}K_{23}$, every input cancels",
            Cumulant(p4) / Ex.SymSup("G", Ex.Sym("GP"), Ex.Num(4)), ratio4, relu, "⇒"));

        var g6cRelu = zeroBias(ReluSubstitute(g6c));
        var g6Gp = ReluSubstitute(Gp(p6));
        var cumulantsRelu = new Func<IReadOnlyList<int>, Expr>(b => b.Count switch
        {
            2 => ReluSubstitute(K(b[0], b[1])),
            4 => zeroBias(ReluSubstitute(Engine.Expand(Width * TermCumulant(b)))),
            _ => g6cRelu,
        });
        var ratio6 = Engine.Normalize(Engine.Expand(MomentFromCumulants(p6, cumulantsRelu) - g6Gp) / g6Gp);
        var connected6 = Engine.Normalize(g6cRelu / g6Gp);
        steps.Add(new("ReLU six-point ratio",
            @"The same substitution in the six-point deviation of eq.~\eqref{eq:nnqft-correlators:6}, with the four-point cumulants of eq.~\eqref{eq:nnqft-correlators:3}, gives a polynomial in $1/N$",
            (Ex.Sym("G", Ex.Num(6)) - Ex.SymSup("G", Ex.Sym("GP"), Ex.Num(6))) / Ex.SymSup("G", Ex.Sym("GP"), Ex.Num(6)), ratio6, relu, "⇒"));
        steps.Add(new("ReLU connected six-point ratio",
            @"Its connected part alone is of order $N^{-2}$",
            Cumulant(p6) / Ex.SymSup("G", Ex.Sym("GP"), Ex.Num(6)), connected6, relu, "⇒"));

        return new Derivation(Name, "Finite-width networks: exact correlators from set partitions",
            @"The readout terms of a one-hidden-layer network are independent, so the joint cumulants of its output are $N$ times those of one term. From the Wick moments of the readout weight and the Möbius sum over set partitions the engine obtains $G_2 = K$ exactly, the connected four-point function $G_{4,c} = (\sigma_W^4/N)[3\mu_4 - \sum_3 \tilde K\tilde K]$, the connected six-point function of order $N^{-2}$, the Gauss-net moments in closed form and, for the ReLU-net at zero bias, $\Delta G_4/G_4^{\mathrm{GP}} = 5/N$ and $\Delta G_6/G_6^{\mathrm{GP}} = 15/N + 44/N^2$ (docs/theory.md \S9.2).",
            steps.ToImmutable(), "G_4c", g4c)
        {
            Introduction = @"Halverson, Maiti and Stoner (arXiv:2008.08601) describe an ensemble of finite-width networks as a non-Gaussian process: the infinite-width limit is the Gaussian process with the NNGP kernel $K$, and the connected correlators of order $N^{1-k}$ at $2k$ points measure the departure from it. For one hidden layer the departure is exactly computable, because the output $f = \sum_j W^1_j h_j + b^1$ is a sum of independent, identically distributed terms (F1). This appendix derives the correlators at distinct points $x_1, \dots, x_6$ in terms of the one-neuron moments $\mu_n$ and the one-neuron kernel $k_{ij} = \tilde K(x_i, x_j)$, with $K_{ij} = \sigma_b^2 + \sigma_W^2 k_{ij}$ and $C_{i\dots}$ the joint cumulants of $f$; the same formulas hold at coincident points. The numerical library evaluates them at every tuple of inputs with $\mu_n$ in closed form (Gauss-net) or by quadrature (ReLU, Erf), and the Monte Carlo of actual networks checks them (docs/theory.md \S9.2--9.4).",
            ResultLatex = @"G_{4,c}",
            Quantities =
            [
                new(TwoPoint, two, @"The two-point function, equal to the GP kernel at every width"),
                new(SixPointConnected, g6c, @"The connected six-point function $G_{6,c}$"),
                new(SixPointDeviation, deviation, @"The six-point deviation from the GP in terms of the cumulants"),
                new(GaussMoment, gaussMoment, @"The Gauss-net moment $\mu_n$ with $|S|^2 = |\sum_i x_i|^2$ and $Q = \sum_i |x_i|^2$"),
                new(ReluFourPointRatio, ratio4, @"The ReLU-net ($\sigma_b = 0$, $d = 1$) four-point ratio $\Delta G_4/G_4^{\mathrm{GP}}$"),
                new(ReluSixPointRatio, ratio6, @"The ReLU-net six-point ratio $(G_6 - G_6^{\mathrm{GP}})/G_6^{\mathrm{GP}}$"),
                new(ReluSixPointConnectedRatio, connected6, @"The ReLU-net connected six-point ratio $G_{6,c}/G_6^{\mathrm{GP}}$"),
            ],
        };
    }
}
