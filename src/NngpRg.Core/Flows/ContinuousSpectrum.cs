using NngpRg.Core.Spectra;

namespace NngpRg.Core.Flows;

/// <summary>
/// The eigenvalue as a smooth function λ(κ) of a continuous mode index κ ∈ [KappaMin, KappaMax], the input of the
/// continuum flow dσ²/dκ = −λ(κ) (docs/theory.md §3). Two constructions: a power law, exactly λ(κ) = A κ^{−(1+α)}; and,
/// for any level spectrum, minus the derivative of a monotone (Fritsch–Carlson) cubic Hermite interpolant of the
/// cumulative tail c(κ) = Σ_{k&gt;κ} λ_k through the level boundaries. The second makes ∫_κ^{κ'} λ = c(κ) − c(κ') exact
/// at every level boundary, so the continuum flow reproduces the discrete one there up to integration error.
/// </summary>
public sealed class ContinuousSpectrum
{
    private readonly PowerLaw? _law;
    private readonly double[]? _knots;   // κ at level boundaries, increasing
    private readonly double[]? _tail;    // c at the knots (decreasing)
    private readonly double[]? _slope;   // dc/dκ at the knots (≤ 0)

    private ContinuousSpectrum(PowerLaw law, double kappaMin, double kappaMax)
    {
        _law = law;
        KappaMin = kappaMin;
        KappaMax = kappaMax;
    }

    private ContinuousSpectrum(double[] knots, double[] tail, double[] slope)
    {
        _knots = knots;
        _tail = tail;
        _slope = slope;
        KappaMin = knots[0];
        KappaMax = knots[^1];
    }

    /// <summary>Smallest κ where λ(κ) is defined.</summary>
    public double KappaMin { get; }

    /// <summary>Largest κ where λ(κ) is defined.</summary>
    public double KappaMax { get; }

    /// <summary>λ(κ) = A κ^{−(1+α)} on [1, kappaMax] (the law's own continuation to real κ).</summary>
    public static ContinuousSpectrum FromPowerLaw(PowerLaw law, double kappaMax)
    {
        ArgumentNullException.ThrowIfNull(law);
        if (!(kappaMax > 1) || !double.IsFinite(kappaMax))
            throw new ArgumentOutOfRangeException(nameof(kappaMax), kappaMax, "ContinuousSpectrum.FromPowerLaw: kappaMax must be finite and > 1.");
        return new ContinuousSpectrum(law, 1, kappaMax);
    }

    /// <summary>
    /// λ(κ) = −c'(κ) on [0, explicit mode count], c the monotone cubic interpolant of the tail through the level
    /// boundaries (κ = 0 and the cumulative mode counts). The analytic tail only enters c as a constant.
    /// </summary>
    /// <exception cref="ArgumentException">The spectrum has no explicit modes.</exception>
    public static ContinuousSpectrum FromSpectrum(Spectrum spectrum)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        int levels = spectrum.Levels.Length;
        if (levels == 0)
            throw new ArgumentException("ContinuousSpectrum.FromSpectrum: the spectrum has no explicit levels to interpolate.", nameof(spectrum));
        var knots = new double[levels + 1];
        var tail = new double[levels + 1];
        for (int i = 0; i <= levels; i++)
        {
            knots[i] = spectrum.ModesThroughLevel(i - 1);
            tail[i] = spectrum.LevelTail(i - 1);
        }
        // Secant slopes are −λ of each level; Fritsch–Carlson derivatives keep the interpolant monotone.
        var secant = new double[levels];
        for (int i = 0; i < levels; i++) secant[i] = -spectrum.Levels[i].Eigenvalue;
        var slope = new double[levels + 1];
        slope[0] = secant[0];
        slope[levels] = secant[levels - 1];
        for (int i = 1; i < levels; i++)
        {
            double s0 = secant[i - 1], s1 = secant[i];
            if (s0 * s1 <= 0) { slope[i] = 0; continue; }
            double h0 = knots[i] - knots[i - 1], h1 = knots[i + 1] - knots[i];
            double w0 = 2 * h1 + h0, w1 = h1 + 2 * h0;
            slope[i] = (w0 + w1) / (w0 / s0 + w1 / s1);  // weighted harmonic mean (Fritsch–Butland), always monotone
        }
        return new ContinuousSpectrum(knots, tail, slope);
    }

    /// <summary>λ(κ) for κ in [KappaMin, KappaMax].</summary>
    /// <exception cref="ArgumentOutOfRangeException">κ outside the domain.</exception>
    public double Eigenvalue(double kappa)
    {
        if (!(kappa >= KappaMin && kappa <= KappaMax))
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, $"ContinuousSpectrum: κ = {kappa:R} lies outside [{KappaMin:R}, {KappaMax:R}].");
        if (_law is not null) return _law.Amplitude * Math.Pow(kappa, -(1 + _law.Alpha));
        var x = _knots!;
        int i = Array.BinarySearch(x, kappa);
        if (i >= 0) return -_slope![i];
        i = ~i - 1;  // kappa in (x[i], x[i+1])
        double h = x[i + 1] - x[i], s = (kappa - x[i]) / h;
        double delta = (_tail![i + 1] - _tail[i]) / h;
        double d0 = _slope![i], d1 = _slope[i + 1];
        // Derivative of the cubic Hermite interpolant of c on [x_i, x_{i+1}].
        double dc = (6 * s - 6 * s * s) * delta + (3 * s * s - 4 * s + 1) * d0 + (3 * s * s - 2 * s) * d1;
        return -dc;
    }
}
