using System.Collections.Immutable;
using NngpRg.Core.Derivations;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.FieldTheory;

/// <summary>How the quartic vertex integral I₄ = ∫_Λ Π K_EFT(x_i, y) was evaluated.</summary>
public enum VertexMethod
{
    /// <summary>The Gauss-net's completed square (any d; the box [−Λ, Λ] by the error function in d = 1).</summary>
    ClosedForm,
    /// <summary>Composite Gauss–Legendre over [−Λ, Λ], split at 0 (d = 1); in d = 2 (ReLU, σ_b = 0) over the square in polar
    /// coordinates, split at the kink rays through the inputs and at the corners.</summary>
    Quadrature,
}

/// <summary>The matched quartic coupling at one cutoff.</summary>
/// <param name="Cutoff">Λ (+∞ allowed for the Gauss-net).</param>
/// <param name="Tuple">The four point indices.</param>
/// <param name="ConnectedFourPoint">G_{4,c} at width N.</param>
/// <param name="VertexIntegral">I₄.</param>
/// <param name="Lambda">λ(Λ) = −G_{4,c}/(24 I₄).</param>
/// <param name="Method">How I₄ was evaluated.</param>
public sealed record QuarticCoupling(double Cutoff, ImmutableArray<int> Tuple, double ConnectedFourPoint, double VertexIntegral, double Lambda, VertexMethod Method);

/// <summary>λ(Λ) over a grid of cutoffs and its running.</summary>
/// <param name="Points">Per cutoff, per tuple.</param>
/// <param name="Slope">Fit of log₁₀|λ̄| against log₁₀ Λ over the finite cutoffs (λ̄ the tuple mean), or null with fewer than 3.</param>
/// <param name="LocalSlopes">d ln|λ̄|/d ln Λ between consecutive finite cutoffs.</param>
public sealed record CouplingRunning(ImmutableArray<ImmutableArray<QuarticCoupling>> Points, LineFit? Slope, ImmutableArray<double> LocalSlopes);

/// <summary>The matched sextic coupling κ(Λ) at one six-tuple, with the constant λ it assumes.</summary>
/// <param name="Cutoff">Λ.</param>
/// <param name="Tuple">The six point indices.</param>
/// <param name="Lambda">The quartic coupling used in the exchange diagrams.</param>
/// <param name="ConnectedSixPoint">G_{6,c}.</param>
/// <param name="Exchange">576 λ² Σ_{(3|3)} ∬ KKK K KKK.</param>
/// <param name="VertexIntegral">I₆ = ∫_Λ Π_{i≤6} K_EFT.</param>
/// <param name="Kappa">κ = (exchange − G_{6,c})/(720 I₆).</param>
public sealed record SexticCoupling(double Cutoff, ImmutableArray<int> Tuple, double Lambda, double ConnectedSixPoint, double Exchange, double VertexIntegral, double Kappa);

/// <summary>
/// The effective couplings from the tree-level match (docs/theory.md §9.5–9.6; derivation nnqft-couplings): λ(Λ) with a
/// position-box cutoff for every architecture in d = 1 and the Gauss-net in every d at Λ = ∞, λ with a momentum cutoff on the
/// Gauss-net propagators, the one-loop tadpole of a constant λ, and κ(Λ). The combinatorial factors are the engine's
/// contraction counts.
/// </summary>
public static class TreeLevelCouplings
{
    /// <summary>Largest finite cutoff accepted.</summary>
    public const double MaxCutoff = 1e7;

    /// <summary>Momentum cutoffs accepted by <see cref="MomentumQuartic"/>: (0.05, 50].</summary>
    public const double MinMomentumCutoff = 0.05, MaxMomentumCutoff = 50;

    /// <summary>The matched λ(Λ) at one 4-tuple of the moment table's points.</summary>
    /// <exception cref="ArgumentException">N &lt; 1, Λ not &gt; 0 or above <see cref="MaxCutoff"/> (other than +∞), Λ = ∞ for ReLU or Erf (the vertex integral
    /// diverges: like Λ^{d+4} and Λ^d), d &gt; 1 with a finite Λ or a non-Gauss net, or a tuple that is not four indices.</exception>
    public static QuarticCoupling Quartic(NeuronMoments moments, int width, ImmutableArray<int> tuple, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(moments);
        if (width < 1) throw new ArgumentException($"the width N must be ≥ 1, got {width}.");
        if (tuple.Length != 4) throw new ArgumentException($"λ is matched at four points, got {tuple.Length}.");
        var (i4, method) = QuarticVertex(moments, tuple, cutoff);
        double g4c = Correlators.ScaledFourPointConnected(moments, tuple.AsSpan()) / width;
        return new QuarticCoupling(cutoff, tuple, g4c, i4, -g4c / (NnqftCouplings.ContractionCounts.Quartic * i4), method);
    }

    /// <summary>I₄ = ∫_{[−Λ,Λ]^d} Π_{i≤4} K_EFT(x_i, y) d^dy.</summary>
    public static (double Value, VertexMethod Method) QuarticVertex(NeuronMoments moments, ImmutableArray<int> tuple, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(moments);
        var a = moments.Architecture;
        CheckCutoff(a, cutoff);
        if (a.Kind == NetworkKind.Gauss) return (GaussVertex(moments, tuple, cutoff), VertexMethod.ClosedForm);
        return (BoxIntegral(moments, cutoff, y => tuple.Aggregate(1.0, (p, i) => p * Keft(moments, i, y))), VertexMethod.Quadrature);

    }

    /// <summary>I₄ by quadrature over the box (d = 1), also for the Gauss-net (to check its closed form).</summary>
    public static double QuarticVertexByQuadrature(NeuronMoments moments, ImmutableArray<int> tuple, double cutoff)
    {
        ArgumentNullException.ThrowIfNull(moments);
        CheckCutoff(moments.Architecture, cutoff);
        if (!double.IsFinite(cutoff) || moments.Architecture.InputDimension != 1)
            throw new ArgumentException("the quadrature of the vertex integral needs a finite cutoff and d = 1.");
        return BoxIntegral(moments, cutoff, y => tuple.Aggregate(1.0, (p, i) => p * Keft(moments, i, y)));
    }


    /// <summary>λ at every tuple and cutoff, with the fitted running exponent of the tuple-mean |λ| (docs/theory.md (9.10)).</summary>
    public static CouplingRunning Running(NeuronMoments moments, int width, IReadOnlyList<ImmutableArray<int>> tuples, IReadOnlyList<double> cutoffs)
    {
        ArgumentNullException.ThrowIfNull(moments);
        ArgumentNullException.ThrowIfNull(tuples);
        ArgumentNullException.ThrowIfNull(cutoffs);
        if (tuples.Count == 0 || cutoffs.Count == 0) throw new ArgumentException("give at least one tuple and one cutoff.");
        if (width < 1) throw new ArgumentException($"the width N must be ≥ 1, got {width}.");
        foreach (double c in cutoffs) CheckCutoff(moments.Architecture, c); // before the parallel loop, so the error is not wrapped
        var points = new ImmutableArray<QuarticCoupling>[cutoffs.Count];
        Parallel.For(0, cutoffs.Count, c =>
        {
            if (moments.Architecture.Kind == NetworkKind.Gauss || !double.IsFinite(cutoffs[c]))
            {
                points[c] = [.. tuples.Select(t => Quartic(moments, width, t, cutoffs[c]))];
                return;
            }
            CheckCutoff(moments.Architecture, cutoffs[c]);
            // K_EFT(x_i, y) tabulated once per cutoff, then one weighted product per tuple
            var rule = BoxRule(moments, cutoffs[c]);
            var table = Enumerable.Range(0, moments.Count).Select(i => rule.Nodes.Select(y => Keft(moments, i, y)).ToArray()).ToArray();
            points[c] = [.. tuples.Select(t =>
            {
                if (t.Length != 4) throw new ArgumentException($"λ is matched at four points, got {t.Length}.");
                var sum = new CompensatedSum();
                for (int q = 0; q < rule.Nodes.Length; q++) sum.Add(rule.Weights[q] * table[t[0]][q] * table[t[1]][q] * table[t[2]][q] * table[t[3]][q]);
                double g4c = Correlators.ScaledFourPointConnected(moments, t.AsSpan()) / width;
                return new QuarticCoupling(cutoffs[c], t, g4c, sum.Value, -g4c / (NnqftCouplings.ContractionCounts.Quartic * sum.Value), VertexMethod.Quadrature);
            })];
        });
        var finite = Enumerable.Range(0, cutoffs.Count).Where(c => double.IsFinite(cutoffs[c])).ToList();
        double Mean(int c) => points[c].Average(q => Math.Abs(q.Lambda));
        LineFit? fit = finite.Count >= 3 && finite.Select(c => cutoffs[c]).Distinct().Count() >= 2
            ? PowerLawFit.Line([.. finite.Select(c => Math.Log10(cutoffs[c]))], [.. finite.Select(c => Math.Log10(Mean(c)))]) : null;
        var local = ImmutableArray.CreateBuilder<double>();
        for (int k = 1; k < finite.Count; k++)
            local.Add(Math.Log(Mean(finite[k]) / Mean(finite[k - 1])) / Math.Log(cutoffs[finite[k]] / cutoffs[finite[k - 1]]));
        return new CouplingRunning([.. points], fit, local.ToImmutable());
    }

    /// <summary>
    /// λ with the propagators cut at |p| &lt; L instead of the vertex box (Gauss-net, d = 1; docs/theory.md (9.11)):
    /// K_L(r) = (σ_W²/π)∫₀^L √(π/a) e^{−p²/(4a)} cos(pr) dp, λ_mom(L) = −G_{4,c}/(24 ∫_ℝ Π K_L(x_i − y) dy).
    /// </summary>
    /// <exception cref="ArgumentException">Not a Gauss-net in d = 1, or L outside (0.05, 50].</exception>
    public static QuarticCoupling MomentumQuartic(NeuronMoments moments, int width, ImmutableArray<int> tuple, double momentumCutoff) =>
        MomentumQuartics(moments, width, [tuple], momentumCutoff)[0];

    /// <summary><see cref="MomentumQuartic"/> at several tuples, with the cut propagators of each input tabulated once.</summary>
    /// <exception cref="ArgumentException">Not a Gauss-net in d = 1, L outside (0.05, 50], N &lt; 1, or a tuple that is not four indices.</exception>
    public static ImmutableArray<QuarticCoupling> MomentumQuartics(NeuronMoments moments, int width, IReadOnlyList<ImmutableArray<int>> tuples, double momentumCutoff)
    {
        ArgumentNullException.ThrowIfNull(moments);
        ArgumentNullException.ThrowIfNull(tuples);
        var a = moments.Architecture;
        if (a.Kind != NetworkKind.Gauss || a.InputDimension != 1)
            throw new ArgumentException("the momentum cutoff acts on the Fourier transform of a translation-invariant propagator: Gauss-net in d = 1 only.");
        if (!(momentumCutoff > MinMomentumCutoff && momentumCutoff <= MaxMomentumCutoff))
            throw new ArgumentException($"the momentum cutoff L must lie in ({MinMomentumCutoff}, {MaxMomentumCutoff}], got {momentumCutoff:R}.");
        if (width < 1) throw new ArgumentException($"the width N must be ≥ 1, got {width}.");
        if (tuples.Any(t => t.Length != 4)) throw new ArgumentException("λ is matched at four points.");
        double exponent = a.SigmaW2 / 2;
        double amplitude = a.SigmaW2 * Math.Sqrt(Math.PI / exponent) / Math.PI;
        var xs = moments.Points.Select(p => p[0]).ToArray();
        // The cut propagator decays like sin(Lr)/r: the y-range makes the K_L⁴ tail ≲ 1e-9 of the integral.
        double range = xs.Max(Math.Abs) + 12 / Math.Sqrt(exponent) + 60 / momentumCutoff;
        double step = Math.Min(1 / Math.Sqrt(exponent), 2 / momentumCutoff);
        int yPanels = (int)Math.Ceiling(2 * range / step);
        var rule = SphereQuadrature.GaussGegenbauer(3, VertexQuadrature.NodesPerPanel);
        double h = 2 * range / yPanels;
        var nodes = new double[yPanels * rule.Nodes.Length];
        var weights = new double[nodes.Length];
        for (int panel = 0, q = 0; panel < yPanels; panel++)
            for (int j = 0; j < rule.Nodes.Length; j++, q++)
            {
                nodes[q] = -range + (panel + 0.5) * h + 0.5 * h * rule.Nodes[j];
                weights[q] = rule.Weights[j] * h;
            }
        double CutPropagator(double r)
        {
            int panels = 1 + (int)Math.Ceiling(momentumCutoff * Math.Abs(r) / Math.PI);
            return amplitude * Bayesian.PanelQuadrature.Integrate(p => Math.Exp(-p * p / (4 * exponent)) * Math.Cos(p * r), 0, momentumCutoff, panels);
        }
        var used = tuples.SelectMany(t => t).Distinct().ToArray();
        var table = new double[xs.Length][];
        Parallel.ForEach(used, i =>
        {
            var row = new double[nodes.Length];
            for (int q = 0; q < nodes.Length; q++) row[q] = CutPropagator(xs[i] - nodes[q]);
            table[i] = row;
        });
        return [.. tuples.Select(t =>
        {
            var sum = new CompensatedSum();
            for (int q = 0; q < nodes.Length; q++) sum.Add(weights[q] * table[t[0]][q] * table[t[1]][q] * table[t[2]][q] * table[t[3]][q]);
            double g4c = Correlators.ScaledFourPointConnected(moments, t.AsSpan()) / width;
            return new QuarticCoupling(momentumCutoff, t, g4c, sum.Value, -g4c / (NnqftCouplings.ContractionCounts.Quartic * sum.Value), VertexMethod.Quadrature);
        })];
    }

    /// <summary>
    /// δG₂/K at two points from the tadpole of a constant λ: −12λ∫_Λ K_EFT(x₁, y)K_EFT(y, y)K_EFT(y, x₂)/K(x₁, x₂) (d = 1;
    /// docs/theory.md (9.12)). The network itself has δG₂ = 0: the value measures what normal ordering removes.
    /// </summary>
    public static double TadpoleRatio(NeuronMoments moments, int i, int j, double cutoff, double lambda)
    {
        ArgumentNullException.ThrowIfNull(moments);
        CheckCutoff(moments.Architecture, cutoff);
        if (!double.IsFinite(cutoff)) throw new ArgumentException("the tadpole needs a finite cutoff (K(y, y) does not decay).");
        var a = moments.Architecture;
        double integral = BoxIntegral(moments, cutoff, y => Keft(moments, i, y) * a.SigmaW2 * a.NeuronKernel(y, y) * Keft(moments, j, y));
        double k = a.Kernel(moments.Points[i].AsSpan(), moments.Points[j].AsSpan());
        return -NnqftCouplings.ContractionCounts.Tadpole * lambda * integral / k;
    }

    /// <summary>
    /// κ(Λ) at a six-tuple from G_{6,c} = 576λ²Σ_{(3|3)}∬ K K K K_yz K K K − 720κ I₆ with a constant <paramref name="lambda"/>
    /// (d = 1, finite Λ; docs/theory.md (9.13)). For the ReLU-net at σ_b = 0 the matched λ is constant and κ = 371/(3N²σ_W¹²Λ⁷).
    /// </summary>
    public static SexticCoupling Sextic(NeuronMoments moments, int width, ImmutableArray<int> tuple, double cutoff, double lambda)
    {
        ArgumentNullException.ThrowIfNull(moments);
        if (tuple.Length != 6) throw new ArgumentException($"κ is matched at six points, got {tuple.Length}.");
        var a = moments.Architecture;
        CheckCutoff(a, cutoff);
        if (!double.IsFinite(cutoff) || a.InputDimension != 1) throw new ArgumentException("κ needs a finite cutoff and d = 1.");
        var rule = Rule(moments, cutoff);
        int n = rule.Nodes.Length;
        var k = new double[tuple.Length][];
        for (int t = 0; t < tuple.Length; t++)
        {
            k[t] = new double[n];
            for (int q = 0; q < n; q++) k[t][q] = Keft(moments, tuple[t], [rule.Nodes[q]]);
        }
        var kyz = new double[n, n];
        Parallel.For(0, n, p =>
        {
            for (int q = 0; q < n; q++) kyz[p, q] = a.EftPropagator([rule.Nodes[p]], [rule.Nodes[q]]);
        });
        double exchange = 0;
        foreach (var split in NngpRg.Symbolic.Probability.SetPartitions.WithBlockSizes([3, 3]))
        {
            var left = new double[n];
            var right = new double[n];
            for (int q = 0; q < n; q++)
            {
                left[q] = rule.Weights[q] * k[split[0][0]][q] * k[split[0][1]][q] * k[split[0][2]][q];
                right[q] = rule.Weights[q] * k[split[1][0]][q] * k[split[1][1]][q] * k[split[1][2]][q];
            }
            double sum = 0;
            for (int p = 0; p < n; p++)
            {
                if (left[p] == 0) continue;
                double row = 0;
                for (int q = 0; q < n; q++) row += kyz[p, q] * right[q];
                sum += left[p] * row;
            }
            exchange += sum;
        }
        var counts = NnqftCouplings.ContractionCounts;
        exchange *= counts.Exchange * lambda * lambda;
        double i6 = 0;
        for (int q = 0; q < n; q++)
        {
            double prod = rule.Weights[q];
            for (int t = 0; t < tuple.Length; t++) prod *= k[t][q];
            i6 += prod;
        }
        double g6c = Correlators.ScaledSixPointConnected(moments, tuple.AsSpan()) / ((double)width * width);
        return new SexticCoupling(cutoff, tuple, lambda, g6c, exchange, i6, (exchange - g6c) / (counts.Sextic * i6));
    }

    private static double Keft(NeuronMoments m, int i, double[] y) => m.Architecture.EftPropagator(m.Points[i].AsSpan(), y);

    private static void CheckCutoff(NetworkArchitecture a, double cutoff)
    {
        if (double.IsPositiveInfinity(cutoff))
        {
            if (a.Kind == NetworkKind.Relu) throw new ArgumentException("Λ = ∞ diverges for the ReLU-net: K_EFT grows linearly, so the vertex integral grows like Λ^(d+4). Give a finite cutoff.");
            if (a.Kind == NetworkKind.Erf) throw new ArgumentException("Λ = ∞ diverges for the Erf-net: K_EFT tends to a constant, so the vertex integral grows like Λ^d. Give a finite cutoff.");
            return;
        }
        if (!(cutoff > 0 && cutoff <= MaxCutoff)) throw new ArgumentException($"the cutoff Λ must lie in (0, {MaxCutoff:E0}] or be ∞ (Gauss-net), got {cutoff:R}.");
        if (a.InputDimension != 1 && a.Kind != NetworkKind.Gauss && !NeuronMoments.IsPlanarRelu(a))
            throw new ArgumentException($"the position-box vertex integral is computed in d = 1 (and for the ReLU-net at σ_b = 0 in d = 2, the Gauss-net in every d); got d = {a.InputDimension}.");
        if (a.InputDimension != 1 && a.Kind == NetworkKind.Gauss) throw new ArgumentException($"the Gauss-net with d = {a.InputDimension} has the vertex integral in closed form at Λ = ∞ only.");
    }

    private static VertexQuadrature Rule(NeuronMoments m, double cutoff)
    {
        double reach = m.Points.Max(p => Math.Abs(p[0]));
        double step = Math.Min(0.125, 0.25 / m.Architecture.SigmaW);
        return new VertexQuadrature(cutoff, 4 + 2 * reach, step);
    }

    /// <summary>A rule for ∫ over the box [−Λ, Λ]^d: d = 1 the composite rule of <see cref="VertexQuadrature"/>; d = 2 (ReLU, σ_b = 0) polar.</summary>
    private static (double[][] Nodes, double[] Weights) BoxRule(NeuronMoments m, double cutoff)
    {
        if (m.Architecture.InputDimension == 2) return PlanarBoxRule(m, cutoff);
        var rule = Rule(m, cutoff);
        return ([.. rule.Nodes.Select(y => new[] { y })], rule.Weights);
    }

    /// <summary>Angular Gauss–Legendre nodes per kink-free arc of the planar box rule.</summary>
    private const int PlanarArcNodes = 48;

    /// <summary>Radial Gauss–Legendre nodes of the planar box rule (exact for ρ^k, k ≤ 7).</summary>
    private const int PlanarRadialNodes = 4;

    // y = ρ(cos ψ, sin ψ), 0 ≤ ρ ≤ R(ψ) = Λ/max(|cos ψ|, |sin ψ|). At σ_b = 0 each K_EFT(x_i, y) is ρ times a function of ψ that
    // kinks where y is parallel or antiparallel to x_i; the integrands (Π of ≤ 4 propagators, or the tadpole's three) are ρ^k·g(ψ)
    // with k ≤ 4, so ρ dρ on [0, R] is exact with 4 nodes and ψ is split at the inputs' directions and the square's corners.
    private static (double[][] Nodes, double[] Weights) PlanarBoxRule(NeuronMoments m, double cutoff)
    {
        var breaks = new List<double> { 0, 2 * Math.PI };
        for (int k = 0; k < 4; k++) breaks.Add(Math.PI / 4 + k * Math.PI / 2);
        foreach (var p in m.Points)
        {
            if (p[0] == 0 && p[1] == 0) continue;
            double alpha = Math.Atan2(p[1], p[0]);
            foreach (double z in new[] { alpha, alpha + Math.PI })
            {
                double t = z % (2 * Math.PI);
                if (t < 0) t += 2 * Math.PI;
                breaks.Add(t);
            }
        }
        breaks.Sort();
        var angular = SphereQuadrature.GaussGegenbauer(3, PlanarArcNodes);
        var radial = SphereQuadrature.GaussGegenbauer(3, PlanarRadialNodes);
        var nodes = new List<double[]>();
        var weights = new List<double>();
        for (int k = 0; k + 1 < breaks.Count; k++)
        {
            double lo = breaks[k], hi = breaks[k + 1];
            if (hi - lo < 1e-15) continue;
            for (int j = 0; j < angular.Nodes.Length; j++)
            {
                double psi = lo + (hi - lo) * (angular.Nodes[j] + 1) / 2, wPsi = angular.Weights[j] * (hi - lo); // the weights sum to 1
                double c = Math.Cos(psi), sn = Math.Sin(psi), reach = cutoff / Math.Max(Math.Abs(c), Math.Abs(sn));
                for (int r = 0; r < radial.Nodes.Length; r++)
                {
                    double rho = reach * (radial.Nodes[r] + 1) / 2;
                    nodes.Add([rho * c, rho * sn]);
                    weights.Add(wPsi * radial.Weights[r] * reach * rho);
                }
            }
        }
        return ([.. nodes], [.. weights]);
    }

    private static double BoxIntegral(NeuronMoments m, double cutoff, Func<double[], double> f)
    {
        var rule = BoxRule(m, cutoff);
        var sum = new CompensatedSum();
        for (int q = 0; q < rule.Nodes.Length; q++) sum.Add(rule.Weights[q] * f(rule.Nodes[q]));
        return sum.Value;
    }

    // Π over coordinates of the engine's one-coordinate integral, times σ_W⁸; the box in d = 1 by the error function.
    private static double GaussVertex(NeuronMoments m, ImmutableArray<int> t, double cutoff)
    {
        var a = m.Architecture;
        int d = a.InputDimension;
        double exponent = a.SigmaW2 / (2 * d);
        double value = Math.Pow(a.SigmaW2, 4);
        for (int k = 0; k < d; k++)
        {
            var (full, center, precision) = NnqftCouplings.GaussVertexCoordinate(exponent, m.Points[t[0]][k], m.Points[t[1]][k], m.Points[t[2]][k], m.Points[t[3]][k]);
            double box = double.IsFinite(cutoff)
                ? 0.5 * (SpecialFunctions.Erf(Math.Sqrt(precision / 2) * (cutoff - center)) + SpecialFunctions.Erf(Math.Sqrt(precision / 2) * (cutoff + center)))
                : 1;
            value *= full * box;
        }
        return value;
    }
}
