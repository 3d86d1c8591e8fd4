namespace NngpRg.Core.Spectra;

/// <summary>A least-squares power-law fit λ_k ≈ A k^{−(1+α)} with its uncertainties.</summary>
/// <param name="Law">The fitted law.</param>
/// <param name="AmplitudeStandardError">Standard error of A (delta method from ln A).</param>
/// <param name="AlphaStandardError">Standard error of α (= that of the log-log slope).</param>
/// <param name="RSquared">Coefficient of determination of the log-log regression.</param>
/// <param name="FirstMode">First mode index k of the fitted range.</param>
/// <param name="LastMode">Last mode index k of the fitted range.</param>
public sealed record PowerLawFitResult(PowerLaw Law, double AmplitudeStandardError, double AlphaStandardError, double RSquared, long FirstMode, long LastMode);

/// <summary>An ordinary least-squares line y ≈ Intercept + Slope·x with standard errors from the residual variance.</summary>
/// <param name="Slope">b.</param>
/// <param name="Intercept">a.</param>
/// <param name="SlopeStandardError">s/√S_xx.</param>
/// <param name="InterceptStandardError">s √(1/n + x̄²/S_xx).</param>
/// <param name="RSquared">1 − RSS/S_yy.</param>
/// <param name="Points">n.</param>
public readonly record struct LineFit(double Slope, double Intercept, double SlopeStandardError, double InterceptStandardError, double RSquared, int Points);

/// <summary>Fits λ_k ≈ A k^{−(1+α)} over a mid range of a spectrum (docs/theory.md (7.7)).</summary>
public static class PowerLawFit
{
    /// <summary>
    /// Ordinary least squares of ln λ_k on ln k for kmin ≤ k ≤ kmax (mode indices, from 1): slope −(1+α),
    /// intercept ln A; standard errors from the residual variance with n − 2 degrees of freedom.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 3 modes, a range outside the spectrum, a non-positive eigenvalue,
    /// or a fitted α ≤ 0.</exception>
    public static PowerLawFitResult Fit(Spectrum spectrum, long kmin, long kmax)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        if (kmin < 1 || kmax < kmin + 2)
            throw new ArgumentException($"PowerLawFit: the range kmin = {kmin}, kmax = {kmax} must satisfy 1 ≤ kmin and kmax ≥ kmin + 2 (three modes at least).", nameof(kmax));
        if (spectrum.AnalyticTail is null && kmax > spectrum.ExplicitModeCount)
            throw new ArgumentException($"PowerLawFit: kmax = {kmax} exceeds the {spectrum.ExplicitModeCount} modes of the spectrum.", nameof(kmax));
        var x = new double[kmax - kmin + 1];
        var y = new double[x.Length];
        for (long k = kmin; k <= kmax; k++)
        {
            double lambda = spectrum.Eigenvalue(k);
            if (!(lambda > 0))
                throw new ArgumentException($"PowerLawFit: λ_{k} = {lambda:R}; a log-log fit needs positive eigenvalues throughout kmin..kmax.", nameof(spectrum));
            x[k - kmin] = Math.Log(k);
            y[k - kmin] = Math.Log(lambda);
        }
        var line = Line(x, y);
        double slope = line.Slope, slopeError = line.SlopeStandardError, intercept = line.Intercept, interceptError = line.InterceptStandardError;
        double alpha = -slope - 1;
        if (!(alpha > 0))
            throw new ArgumentException($"PowerLawFit: the fitted exponent α = {alpha:R} (slope {slope:R}) is not positive; λ_k decays no faster than 1/k over {kmin}..{kmax}.", nameof(spectrum));
        double amplitude = Math.Exp(intercept);
        return new PowerLawFitResult(new PowerLaw(amplitude, alpha), amplitude * interceptError, slopeError, line.RSquared, kmin, kmax);
    }

    /// <summary>
    /// Ordinary least squares y ≈ a + b x over the points (x_i, y_i): b = S_xy/S_xx, a = ȳ − b x̄, residual variance
    /// s² = RSS/(n − 2), s.e.(b) = s/√S_xx, s.e.(a) = s √(1/n + x̄²/S_xx), R² = 1 − RSS/S_yy (1 when S_yy = 0).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 3 points, a non-finite value, or all x equal.</exception>
    public static LineFit Line(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"PowerLawFit.Line: {x.Count} abscissae but {y.Count} ordinates.", nameof(y));
        int n = x.Count;
        if (n < 3) throw new ArgumentException($"PowerLawFit.Line: {n} point(s); a line with a standard error needs 3.", nameof(x));
        double sx = 0, sy = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                throw new ArgumentException($"PowerLawFit.Line: point {i} is ({x[i]:R}, {y[i]:R}); values must be finite.", nameof(x));
            sx += x[i];
            sy += y[i];
        }
        double mx = sx / n, my = sy / n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (!(sxx > 0)) throw new ArgumentException("PowerLawFit.Line: all abscissae are equal.", nameof(x));
        double slope = sxy / sxx, intercept = my - slope * mx;
        double rss = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - intercept - slope * x[i];
            rss += r * r;
        }
        double variance = rss / (n - 2);
        return new LineFit(slope, intercept, Math.Sqrt(variance / sxx), Math.Sqrt(variance * (1.0 / n + mx * mx / sxx)),
                           syy == 0 ? 1 : 1 - rss / syy, n);
    }

    /// <summary><see cref="Fit(Spectrum, long, long)"/> on a list of eigenvalues (λ₁ first).</summary>
    public static PowerLawFitResult Fit(IReadOnlyList<double> eigenvalues, long kmin, long kmax)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        return Fit(Spectrum.FromEigenvalues(eigenvalues), kmin, kmax);
    }
}
