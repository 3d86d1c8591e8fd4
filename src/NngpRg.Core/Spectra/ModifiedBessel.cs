using NngpRg.Symbolic.Compilation;

namespace NngpRg.Core.Spectra;

/// <summary>The modified Bessel function of the first kind I_ν(x), ν ≥ 0, x ≥ 0, in log space.</summary>
public static class ModifiedBessel
{
    /// <summary>
    /// ln I_ν(x) = ν ln(x/2) − ln Γ(ν+1) + ln Σ_k (x²/4)^k / (k! (ν+1)_k). The series has positive terms (no
    /// cancellation) and is summed with rescaling, so large orders ν (thousands) and arguments up to ~10⁴ neither
    /// overflow nor underflow; its cost grows like x, which suits the sphere RBF spectra (x = 2/s, moderate s).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">ν &lt; 0 or x ≤ 0 or not finite.</exception>
    public static double LogI(double nu, double x)
    {
        if (!double.IsFinite(nu) || nu < 0)
            throw new ArgumentOutOfRangeException(nameof(nu), nu, $"ModifiedBessel.LogI: order ν = {nu:R} must be finite and ≥ 0.");
        if (!double.IsFinite(x) || x <= 0)
            throw new ArgumentOutOfRangeException(nameof(x), x, $"ModifiedBessel.LogI: argument x = {x:R} must be finite and > 0 (ln I_ν(0) is −∞ for ν > 0).");
        double quarter = x * x / 4;
        double term = 1, sum = 1, logScale = 0;
        for (int k = 1; ; k++)
        {
            term *= quarter / (k * (nu + k));
            sum += term;
            if (sum > 1e280)
            {
                sum *= 1e-280;
                term *= 1e-280;
                logScale += 280 * Math.Log(10);
            }
            // Past the peak the ratio of successive terms is < 1 and falling, so the remainder is below term/(1−ratio).
            double ratio = quarter / ((k + 1) * (nu + k + 1));
            if (ratio < 0.5 && term < 1e-17 * sum) break;
            if (k > 10_000_000)
                throw new ArgumentOutOfRangeException(nameof(x), x, $"ModifiedBessel.LogI: the series for x = {x:R} needs more than 10⁷ terms.");
        }
        return nu * Math.Log(x / 2) - SpecialFunctions.LogGamma(nu + 1) + Math.Log(sum) + logScale;
    }

    /// <summary>The exponentially scaled e^{−x} I_ν(x) (finite where I_ν itself would overflow, when the result is representable).</summary>
    public static double ScaledI(double nu, double x) => Math.Exp(LogI(nu, x) - x);
}
