namespace NngpRg.Symbolic.Compilation;

/// <summary>Double-precision special functions used by the interpreter and by compiled delegates.</summary>
public static class SpecialFunctions
{
    /// <summary>The error function erf(x), to about 1e-15 relative (series for |x| &lt; 2.5, continued fraction beyond).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double ax = Math.Abs(x);
        if (ax < 2.5)
        {
            // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            }
            return 2 / Math.Sqrt(Math.PI) * sum;
        }
        if (ax > 6) return Math.Sign(x);
        return Math.Sign(x) * (1 - Erfc(ax));
    }

    // erfc for x ≥ 2.5 by the Lentz continued fraction erfc x = e^{−x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))).
    private static double Erfc(double x)
    {
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double an = n / 2.0;
            d = x + an * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    /// <summary>Γ(x) by the Lanczos approximation (g = 7, 9 terms), with reflection for x &lt; ½.</summary>
    public static double Gamma(double x)
    {
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        return Math.Exp(LogGamma(x));
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, about 1e-15 relative).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double a = Lanczos[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }
}
