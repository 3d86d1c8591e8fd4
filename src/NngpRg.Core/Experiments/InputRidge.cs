using System.Collections.Immutable;
using NngpRg.Core.Flows;
using NngpRg.Core.Regression;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Experiments;

/// <summary>A correlation coefficient with its large-sample standard error (1 − r²)/√(N − 1).</summary>
/// <param name="Value">Pearson's r.</param>
/// <param name="StandardError">(1 − r²)/√(N − 1).</param>
public readonly record struct Correlation(double Value, double StandardError);

/// <summary>
/// The input-dependent ridge σ²(x_i; κ) on the N sample points (docs/theory.md §4), from the first-order Edgeworth m₂ with
/// cumulants estimated on the sample (<see cref="ConditionalSecondMoment.EdgeworthEstimate"/>), and its statistics.
/// </summary>
/// <param name="Cutoff">κ: modes 1 … κ kept (in the experiment's mode numbering).</param>
/// <param name="ConstantModes">Constant modes left out of the flow (they carry no fluctuation to condition on).</param>
/// <param name="EdgeworthModes">Kept modes entering the cumulant sums: min(κ − constant modes ≤ κ, EdgeworthModes).</param>
/// <param name="BareRidge">σ².</param>
/// <param name="RidgeShift">c = Σ_{q&gt;κ} λ̂_q over the removed (non-constant) modes: the universal flow gives σ² + c everywhere.</param>
/// <param name="Mean">The sample mean of σ²(x_i) with its standard error s/√N; it must equal σ² + c up to sampling.</param>
/// <param name="StandardDeviation">The sample standard deviation of σ²(x_i).</param>
/// <param name="Minimum">min_i σ²(x_i).</param>
/// <param name="Maximum">max_i σ²(x_i).</param>
/// <param name="Quantiles">(p, σ² quantile) for p = 0.05, 0.25, 0.5, 0.75, 0.95 (linear interpolation between order statistics).</param>
/// <param name="LabelCorrelations">Correlation of σ²(x_i) with each target output y_ic.</param>
/// <param name="NormCorrelation">Correlation of σ²(x_i) with |x_i − x̄|, the input's distance from the mean before projection.</param>
/// <param name="RidgeAtPoints">σ²(x_i) for every sample point, in sample order.</param>
public sealed record InputRidgeSummary(
    int Cutoff,
    ImmutableArray<int> ConstantModes,
    int EdgeworthModes,
    double BareRidge,
    double RidgeShift,
    SampleMoment Mean,
    double StandardDeviation,
    double Minimum,
    double Maximum,
    ImmutableArray<(double P, double Value)> Quantiles,
    ImmutableArray<Correlation> LabelCorrelations,
    Correlation NormCorrelation,
    ImmutableArray<double> RidgeAtPoints)
{
    /// <summary>Truncations tried first that gave σ²(x_i) ≤ 0 somewhere (kept modes and the reason), in order.</summary>
    public ImmutableArray<string> Failures { get; init; } = [];

    /// <summary>(mean σ²(x) − (σ² + c))/s.e.: the sampling check of the mean rule.</summary>
    public double MeanRuleZ => Mean.StandardError > 0 ? (Mean.Value - BareRidge - RidgeShift) / Mean.StandardError : 0;
}

/// <summary>Runs <see cref="InputDependentFlow.Run"/> on the experiment's empirical eigenfunctions and summarizes σ²(x).</summary>
public static class InputRidge
{
    /// <summary>The quantile levels reported.</summary>
    public static readonly ImmutableArray<double> QuantileLevels = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>
    /// σ²(x_i; κ) = σ² + Σ_{q&gt;κ} λ̂_q m₂^{(q)}(x_i) with the sample-cumulant Edgeworth m₂ (docs/theory.md §4). The constant
    /// modes (<paramref name="constant"/>, 0-based) are left out of the features: the Edgeworth expansion is for centred
    /// fluctuating features, and a constant φ̂ ≈ ±1 would enter its third-cumulant term as a spurious mean shift.
    /// </summary>
    /// <exception cref="InvalidOperationException">σ²(x_i) ≤ 0 at a point (a first-order Edgeworth m₂ can be negative).</exception>
    public static InputRidgeSummary Compute(EmpiricalSpectrum spectrum, IReadOnlySet<int> constant, double sigma2, int cutoff,
        double[][] targets, IReadOnlyList<double> norms, int edgeworthModes, ILinearAlgebra? provider = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ArgumentNullException.ThrowIfNull(constant);
        int n = spectrum.SampleCount;
        var modes = Enumerable.Range(0, spectrum.ModeCount).Where(k => !constant.Contains(k)).ToArray();
        int kept = modes.Count(k => k < cutoff);
        var eigenvalues = modes.Select(k => spectrum.Eigenvalues[k]).ToArray();
        // The features are read in place from the eigenvector buffer: no N × N copy.
        var features = new FeatureMatrix(spectrum.Storage, n, modes);
        var flow = InputDependentFlow.RunOnView(features, eigenvalues, sigma2, kept, new ConditionalSecondMoment.EdgeworthEstimate(edgeworthModes), provider,
            rediagonalize: false); // only σ²(x) is reported
        var ridge = flow.RidgeAtPoints;
        double shift = 0;
        for (int j = kept; j < eigenvalues.Length; j++) shift += eigenvalues[j];
        var mean = ModeStatistics.Mean(ridge);
        double sd = mean.StandardError * Math.Sqrt(n);
        var sorted = ridge.Order().ToArray();
        var quantiles = QuantileLevels.Select(p => (p, Quantile(sorted, p))).ToImmutableArray();
        var labelCorrelations = Enumerable.Range(0, targets[0].Length).Select(c => Pearson(ridge, [.. targets.Select(t => t[c])])).ToImmutableArray();
        return new InputRidgeSummary(cutoff, [.. constant.Order().Select(k => k + 1)], Math.Min(kept, edgeworthModes), sigma2, shift, mean, sd,
            sorted[0], sorted[^1], quantiles, labelCorrelations, Pearson(ridge, norms), ridge);
    }

    /// <summary>Pearson's r of two equally long samples, with (1 − r²)/√(N − 1); r = 0 when either is constant.</summary>
    public static Correlation Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 3) throw new ArgumentException($"InputRidge.Pearson: samples of {x.Count} and {y.Count} values; need equal lengths ≥ 3.", nameof(y));
        double mx = x.Average(), my = y.Average(), sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double r = sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
        return new Correlation(r, (1 - r * r) / Math.Sqrt(x.Count - 1));
    }

    /// <summary>The p-quantile of ascending values by linear interpolation at position p (n − 1).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        double position = p * (sorted.Count - 1);
        int lo = (int)Math.Floor(position), hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}
