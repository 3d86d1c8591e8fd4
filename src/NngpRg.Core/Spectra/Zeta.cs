namespace NngpRg.Core.Spectra;

/// <summary>The Hurwitz and Riemann zeta functions for real s &gt; 1 (tail sums of power-law spectra, docs/theory.md (3.8)).</summary>
public static class Zeta
{
    /// <summary>
    /// Hurwitz zeta ζ(s, q) = Σ_{n≥0} (q + n)^{−s} for s &gt; 1, q &gt; 0, to about 1e-14 relative.
    /// Sums the first N terms directly (smallest first) and the rest by Euler–Maclaurin with Bernoulli numbers:
    /// (q+N)^{1−s}/(s−1) + ½(q+N)^{−s} + Σ_j B_{2j}/(2j)! s(s+1)…(s+2j−2) (q+N)^{−s−2j+1}.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">s ≤ 1, q ≤ 0, or either not finite.</exception>
    public static double Hurwitz(double s, double q)
    {
        if (!double.IsFinite(s) || s <= 1)
            throw new ArgumentOutOfRangeException(nameof(s), s, $"Hurwitz zeta: s = {s:R} must be finite and > 1 (the series diverges otherwise).");
        if (!double.IsFinite(q) || q <= 0)
            throw new ArgumentOutOfRangeException(nameof(q), q, $"Hurwitz zeta: q = {q:R} must be finite and > 0.");
        // Shift until a = q + N ≥ 12 + s: the Euler–Maclaurin corrections then shrink by ≈ ((s+2j)/(2πa))² per term.
        double threshold = 12 + Math.Min(s, 1e4);
        int n = q >= threshold ? 0 : (int)Math.Ceiling(threshold - q);
        double a = q + n;

        var sum = new CompensatedSum();
        // Euler–Maclaurin corrections, added smallest first.
        var corrections = new List<double>();
        double rising = s;                // s(s+1)…(s+2j−2)
        double power = Math.Pow(a, -s - 1); // a^{−s−2j+1}
        double leading = Math.Pow(a, 1 - s) / (s - 1);
        for (int j = 1; j < Bernoulli.EvenOverFactorial.Length; j++)
        {
            double term = Bernoulli.EvenOverFactorial[j] * rising * power;
            corrections.Add(term);
            if (Math.Abs(term) < 1e-18 * leading) break;
            rising *= (s + 2 * j - 1) * (s + 2 * j);
            power /= a * a;
        }
        for (int j = corrections.Count - 1; j >= 0; j--) sum.Add(corrections[j]);
        sum.Add(0.5 * Math.Pow(a, -s));
        sum.Add(leading);
        for (int k = n - 1; k >= 0; k--) sum.Add(Math.Pow(q + k, -s));
        return sum.Value;
    }

    /// <summary>Riemann zeta ζ(s) = ζ(s, 1) for s &gt; 1.</summary>
    public static double Riemann(double s) => Hurwitz(s, 1);
}
