using System.Collections.Immutable;
using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Theory;

/// <summary>One data size on a predicted learning curve.</summary>
/// <param name="Eta">η.</param>
/// <param name="RgMse">Renormalized-EK test MSE (docs/theory.md §3).</param>
/// <param name="SelfConsistentMse">Self-consistent (eigenlearning) test MSE E₀[Σ(1 − L)²y² + noise] (docs/theory.md §5).</param>
/// <param name="KappaStar">The flow's stopping point κ*.</param>
/// <param name="RunningRidge">σ_c²(κ*).</param>
/// <param name="KappaEff">The self-consistent ridge κ_eff.</param>
/// <param name="NextOrder">The O(λ²) prediction (docs/theory.md §8), when the curve was computed at next order.</param>
/// <param name="Rule">Where the flow was allowed to stop (level edge, mode edge, crossing).</param>
public readonly record struct LearningCurvePoint(double Eta, double RgMse, double SelfConsistentMse, double KappaStar, double RunningRidge, double KappaEff,
    NextOrderPrediction? NextOrder = null, StoppingRule Rule = StoppingRule.ModeEdge);

/// <summary>Predicted test MSE against η for both theories.</summary>
/// <param name="BareRidge">σ².</param>
/// <param name="Threshold">The flow's learnability threshold T.</param>
/// <param name="Points">One point per η, in the order given.</param>
public sealed record LearningCurve(double BareRidge, double Threshold, ImmutableArray<LearningCurvePoint> Points)
{
    /// <summary>Scaling fit of the RG curve over [etaMin, etaMax].</summary>
    public ScalingFit FitRg(double etaMin, double etaMax) =>
        LearningCurves.FitExponent(Points.Select(p => p.Eta).ToArray(), Points.Select(p => p.RgMse).ToArray(), etaMin, etaMax);

    /// <summary>Scaling fit of the O(λ²) kept-mode curve over [etaMin, etaMax].</summary>
    /// <exception cref="InvalidOperationException">When the curve was computed at leading order.</exception>
    public ScalingFit FitNextOrder(double etaMin, double etaMax) =>
        LearningCurves.FitExponent(Points.Select(p => p.Eta).ToArray(),
            Points.Select(p => p.NextOrder?.Next.Mse ?? throw new InvalidOperationException("LearningCurve.FitNextOrder: the curve was computed at leading order.")).ToArray(), etaMin, etaMax);

    /// <summary>Scaling fit of the self-consistent curve over [etaMin, etaMax].</summary>
    public ScalingFit FitSelfConsistent(double etaMin, double etaMax) =>
        LearningCurves.FitExponent(Points.Select(p => p.Eta).ToArray(), Points.Select(p => p.SelfConsistentMse).ToArray(), etaMin, etaMax);
}

/// <summary>A power-law fit MSE ≈ Prefactor · η^{−Exponent}, by least squares on log MSE against log η.</summary>
/// <param name="Exponent">The decay exponent (minus the log–log slope).</param>
/// <param name="Prefactor">e^{intercept}.</param>
/// <param name="RSquared">Coefficient of determination of the log–log line.</param>
/// <param name="EtaMin">Smallest η used.</param>
/// <param name="EtaMax">Largest η used.</param>
/// <param name="Points">Number of points in the fit.</param>
public sealed record ScalingFit(double Exponent, double Prefactor, double RSquared, double EtaMin, double EtaMax, int Points);

/// <summary>Learning curves from the RG and self-consistent theories, and their scaling exponents.</summary>
public static class LearningCurves
{
    /// <summary>count points log-spaced from min to max inclusive.</summary>
    public static ImmutableArray<double> LogGrid(double min, double max, int count)
    {
        if (!(min > 0) || !(max > min) || !double.IsFinite(max))
            throw new ArgumentOutOfRangeException(nameof(min), min, $"LearningCurves.LogGrid: need 0 < min < max < ∞ (min = {min:R}, max = {max:R}).");
        if (count < 2) throw new ArgumentOutOfRangeException(nameof(count), count, "LearningCurves.LogGrid: count must be ≥ 2.");
        var grid = new double[count];
        for (int i = 0; i < count; i++) grid[i] = min * Math.Pow(max / min, i / (count - 1.0));
        grid[^1] = max;
        return ImmutableArray.Create(grid);
    }

    /// <summary>
    /// Predicted test MSE for each η: renormalized EK (flow to κ* with threshold T, <paramref name="rhs"/> as in
    /// <see cref="GaussianFlow.Run"/>) and self-consistent theory, for the target at bare ridge σ²; at
    /// <see cref="FlowOrder.Next"/> also the O(λ²) prediction of <see cref="NextOrderTheory"/> with feature variance
    /// <paramref name="featureVariance"/> (docs/theory.md §8).
    /// </summary>
    public static LearningCurve Compute(Spectrum spectrum, TargetSpectrum target, double sigma2, IReadOnlyList<double> etas,
        double threshold = 0.5, FlowRhs? rhs = null, FlowOptions? options = null, FlowOrder order = FlowOrder.Leading, double featureVariance = 0)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(etas);
        var sums = new ModeSums(spectrum);
        var points = ImmutableArray.CreateBuilder<LearningCurvePoint>(etas.Count);
        for (int i = 0; i < etas.Count; i++)
        {
            double eta = etas[i];
            var flow = GaussianFlow.Run(spectrum, sigma2, eta, threshold, rhs, options);
            var rg = RenormalizedEk.Predict(sums, target, flow);
            var sc = SelfConsistentRidge.Solve(sums, sigma2, eta);
            var next = order == FlowOrder.Next ? NextOrderTheory.Predict(spectrum, target, flow, featureVariance) : null;
            points.Add(new LearningCurvePoint(eta, rg.Mse, sc.PredictedMse(target), flow.KappaStar, flow.RunningRidge, sc.KappaEff, next, flow.Rule));
        }
        return new LearningCurve(sigma2, threshold, points.MoveToImmutable());
    }

    /// <summary>
    /// Least-squares line through (ln η, ln MSE) over the points with etaMin ≤ η ≤ etaMax; Exponent = −slope.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 points in range, or a non-positive value in range.</exception>
    public static ScalingFit FitExponent(IReadOnlyList<double> eta, IReadOnlyList<double> mse, double etaMin, double etaMax)
    {
        ArgumentNullException.ThrowIfNull(eta);
        ArgumentNullException.ThrowIfNull(mse);
        if (eta.Count != mse.Count)
            throw new ArgumentException($"LearningCurves.FitExponent: {eta.Count} values of η but {mse.Count} of the MSE.");
        double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, lo = double.PositiveInfinity, hi = 0;
        int n = 0;
        for (int i = 0; i < eta.Count; i++)
        {
            if (!(eta[i] >= etaMin && eta[i] <= etaMax)) continue;
            if (!(eta[i] > 0) || !(mse[i] > 0))
                throw new ArgumentException($"LearningCurves.FitExponent: point {i} has η = {eta[i]:R}, MSE = {mse[i]:R}; a log–log fit needs both > 0.");
            double x = Math.Log(eta[i]), y = Math.Log(mse[i]);
            sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y;
            lo = Math.Min(lo, eta[i]); hi = Math.Max(hi, eta[i]);
            n++;
        }
        if (n < 2) throw new ArgumentException($"LearningCurves.FitExponent: only {n} point(s) with η in [{etaMin:R}, {etaMax:R}]; a fit needs 2.");
        double mx = sx / n, my = sy / n;
        double cxx = sxx / n - mx * mx, cxy = sxy / n - mx * my, cyy = syy / n - my * my;
        if (!(cxx > 0)) throw new ArgumentException("LearningCurves.FitExponent: all η in range are equal.");
        double slope = cxy / cxx;
        double r2 = cyy <= 0 ? 1 : cxy * cxy / (cxx * cyy);
        return new ScalingFit(-slope, Math.Exp(my - slope * mx), r2, lo, hi, n);
    }
}
