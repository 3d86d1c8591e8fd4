using System.Collections.Immutable;
using NngpRg.Core.Spectra;

namespace NngpRg.Core.Experiments;

/// <summary>One fit range of an <see cref="ExponentEstimate"/> and the exponent it gave.</summary>
/// <param name="FirstMode">First mode index of the range (1-based).</param>
/// <param name="LastMode">Last mode index of the range.</param>
/// <param name="Value">The exponent fitted over this range.</param>
/// <param name="StandardError">Its OLS standard error.</param>
public readonly record struct FitRangeEstimate(int FirstMode, int LastMode, double Value, double StandardError);

/// <summary>
/// A spectral exponent fitted over a primary mode range, with an error bar that includes the choice of range
/// (docs/theory.md §7, eq. 7.9): σ = √(σ_OLS² + σ_range²), σ_OLS the OLS standard error over the primary range and
/// σ_range the sample standard deviation of the exponents over all ranges of <see cref="FitRanges.Around"/>.
/// </summary>
/// <param name="Value">The exponent over the primary range.</param>
/// <param name="OlsStandardError">σ_OLS of the primary range.</param>
/// <param name="RangeSpread">σ_range: standard deviation over the ranges (0 when only one range is admissible).</param>
/// <param name="Ranges">Every range used, the primary one first.</param>
public sealed record ExponentEstimate(double Value, double OlsStandardError, double RangeSpread, ImmutableArray<FitRangeEstimate> Ranges)
{
    /// <summary>√(σ_OLS² + σ_range²).</summary>
    public double StandardError => Math.Sqrt(OlsStandardError * OlsStandardError + RangeSpread * RangeSpread);

    /// <summary>The primary range.</summary>
    public FitRangeEstimate Primary => Ranges[0];
}

/// <summary>
/// The fit ranges an exponent is estimated over, and the two estimators of the experiment (docs/theory.md §7): the
/// kernel's α from λ̂_k ≈ A k^{−(1+α)} (eq. 7.7) and the target's β from the cumulative label power
/// T(κ) = Σ_{k&gt;κ} y_k² ≈ B' κ^{−(β−1)} (eq. 7.8).
/// </summary>
public static class FitRanges
{
    /// <summary>The scale factors applied to each end of the primary range: ½, 1, 2.</summary>
    public static readonly ImmutableArray<double> Scales = [0.5, 1, 2];

    /// <summary>
    /// The ranges [⌈s·first⌉, ⌊t·last⌋] for s, t ∈ {½, 1, 2}, kept when 1 ≤ first', last' ≤ <paramref name="maxMode"/> and
    /// last' ≥ max(first' + 2, 4·first') (at least three modes and a factor 4 in k); the primary range comes first and is
    /// always kept. Duplicates are removed.
    /// </summary>
    /// <exception cref="ArgumentException">The primary range itself is invalid (first &lt; 1, last &lt; first + 2 or last &gt; maxMode).</exception>
    public static ImmutableArray<(int First, int Last)> Around(int first, int last, int maxMode)
    {
        if (first < 1 || last < first + 2 || last > maxMode)
            throw new ArgumentException($"FitRanges: the primary range {first}..{last} must satisfy 1 ≤ first, last ≥ first + 2 and last ≤ {maxMode}.", nameof(first));
        var ranges = new List<(int, int)> { (first, last) };
        foreach (double s in Scales)
            foreach (double t in Scales)
            {
                int a = (int)Math.Ceiling(s * first), b = (int)Math.Floor(t * last);
                if (a < 1 || b > maxMode || b < a + 2 || b < 4 * a || ranges.Contains((a, b))) continue;
                ranges.Add((a, b));
            }
        return [.. ranges];
    }

    /// <summary>
    /// α over the ranges of <see cref="Around"/>: OLS of ln λ̂_k on ln k (slope −(1+α), docs/theory.md §7 eq. 7.7).
    /// The primary range must fit (positive eigenvalues, α &gt; 0); a secondary range that cannot be fitted is left out.
    /// </summary>
    /// <exception cref="ArgumentException">The primary range cannot be fitted.</exception>
    public static ExponentEstimate SpectrumExponent(IReadOnlyList<double> eigenvalues, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        var spectrum = Spectrum.FromEigenvalues(eigenvalues);
        return Estimate(Around(first, last, eigenvalues.Count), r =>
        {
            var fit = PowerLawFit.Fit(spectrum, r.First, r.Last);
            return (fit.Law.Alpha, fit.AlphaStandardError);
        });
    }

    /// <summary>
    /// β over the ranges of <see cref="Around"/> (modes ≤ N − 1): OLS of ln T(κ) on ln κ with T(κ) = Σ_{k&gt;κ} y_k², slope
    /// −(β − 1) (docs/theory.md §7 eq. 7.8). The tail is used rather than the single powers y_k², whose relative scatter is
    /// of order one per mode (one projection each) and which can vanish; the tail averages over all later modes.
    /// </summary>
    /// <exception cref="ArgumentException">A negative or non-finite power, or a primary range where T(κ) is not positive.</exception>
    public static ExponentEstimate TargetExponent(IReadOnlyList<double> targetPower, int first, int last)
    {
        var tail = CumulativeTail(targetPower);
        return Estimate(Around(first, last, targetPower.Count - 1), r =>
        {
            var x = new double[r.Last - r.First + 1];
            var y = new double[x.Length];
            for (int kappa = r.First; kappa <= r.Last; kappa++)
            {
                if (!(tail[kappa] > 0))
                    throw new ArgumentException($"FitRanges: the label power beyond mode {kappa} is {tail[kappa]:R}; a log–log fit of T(κ) needs it positive over {r.First}..{r.Last}.", nameof(targetPower));
                x[kappa - r.First] = Math.Log(kappa);
                y[kappa - r.First] = Math.Log(tail[kappa]);
            }
            var line = PowerLawFit.Line(x, y);
            return (1 - line.Slope, line.SlopeStandardError);
        });
    }

    /// <summary>T(κ) = Σ_{k&gt;κ} y_k² for κ = 0 … K (entry κ; T(K) = 0), summed from the smallest powers up.</summary>
    /// <exception cref="ArgumentException">A negative or non-finite power.</exception>
    public static ImmutableArray<double> CumulativeTail(IReadOnlyList<double> targetPower)
    {
        ArgumentNullException.ThrowIfNull(targetPower);
        int n = targetPower.Count;
        var tail = new double[n + 1];
        var sum = new CompensatedSum();
        for (int k = n; k >= 1; k--)
        {
            double p = targetPower[k - 1];
            if (!double.IsFinite(p) || p < 0)
                throw new ArgumentException($"FitRanges: y_{k}² = {p:R}; label powers must be finite and ≥ 0.", nameof(targetPower));
            sum.Add(p);
            tail[k - 1] = sum.Value;
        }
        return [.. tail];
    }

    private static ExponentEstimate Estimate(ImmutableArray<(int First, int Last)> ranges, Func<(int First, int Last), (double Value, double Se)> fit)
    {
        var estimates = ImmutableArray.CreateBuilder<FitRangeEstimate>();
        for (int i = 0; i < ranges.Length; i++)
        {
            (double value, double se) result;
            if (i == 0) result = fit(ranges[i]);  // the primary range must fit: its error propagates
            else
            {
                try { result = fit(ranges[i]); }
                catch (ArgumentException) { continue; }  // a secondary range past a zero eigenvalue or with α ≤ 0 adds no information
            }
            estimates.Add(new FitRangeEstimate(ranges[i].First, ranges[i].Last, result.value, result.se));
        }
        var values = estimates.Select(e => e.Value).ToArray();
        double spread = 0;
        if (values.Length > 1)
        {
            double mean = values.Average();
            spread = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        }
        return new ExponentEstimate(estimates[0].Value, estimates[0].StandardError, spread, estimates.ToImmutable());
    }
}
