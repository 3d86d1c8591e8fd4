namespace NngpRg.Core.Regression;

/// <summary>A Monte Carlo mean over independent draws and its standard error s/√R (s the sample standard deviation).</summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="StandardError">s/√R with s² = Σ (v − mean)²/(R − 1).</param>
/// <param name="Draws">R ≥ 2.</param>
public readonly record struct Estimate(double Mean, double StandardError, int Draws)
{
    /// <summary>Mean and standard error of the values.</summary>
    /// <exception cref="ArgumentException">Fewer than two values (no standard error) or a non-finite value.</exception>
    public static Estimate Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
            throw new ArgumentException($"Estimate: {values.Count} draw(s) give no standard error; at least 2 are needed.", nameof(values));
        double mean = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Estimate: draw {i} is {values[i]:R}; values must be finite.", nameof(values));
            mean += values[i];
        }
        mean /= values.Count;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        return new Estimate(mean, Math.Sqrt(ss / (values.Count - 1) / values.Count), values.Count);
    }
}
