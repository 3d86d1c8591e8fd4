namespace NngpRg.Core.Flows;

/// <summary>
/// Safeguarded root finding on a bracket [a, b] with f(a) f(b) ≤ 0: Brent's method (inverse quadratic
/// interpolation and secant steps, falling back to bisection whenever they do not shrink the bracket fast enough).
/// Used for event location in <see cref="DormandPrince"/> and for the self-consistent ridge of docs/theory.md §5.
/// </summary>
public static class Bracketing
{
    /// <summary>
    /// A root of <paramref name="f"/> in [a, b], to within max(absTol, relTol |x|) (plus a few ulps).
    /// The function values at the ends must have opposite signs (or one of them be zero).
    /// </summary>
    /// <exception cref="ArgumentException">The ends do not bracket a sign change, a bound or a value is not finite, or a tolerance is negative.</exception>
    /// <exception cref="ArithmeticException">f returned a non-finite value inside the bracket, or the iteration limit was reached.</exception>
    public static double Brent(Func<double, double> f, double a, double b, double absTol = 0, double relTol = 1e-15, int maxIterations = 300)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Brent(f, a, b, f(a), f(b), absTol, relTol, maxIterations);
    }

    /// <summary>As <see cref="Brent(Func{double, double}, double, double, double, double, int)"/>, with f(a) and f(b) already known.</summary>
    public static double Brent(Func<double, double> f, double a, double b, double fa, double fb, double absTol, double relTol, int maxIterations = 300)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!double.IsFinite(a) || !double.IsFinite(b))
            throw new ArgumentException($"Brent: the bracket [{a:R}, {b:R}] must have finite ends.");
        if (!(absTol >= 0) || !(relTol >= 0))
            throw new ArgumentException($"Brent: tolerances must be ≥ 0 (absTol = {absTol:R}, relTol = {relTol:R}).");
        if (!double.IsFinite(fa) || !double.IsFinite(fb))
            throw new ArgumentException($"Brent: f is not finite at the bracket ends (f({a:R}) = {fa:R}, f({b:R}) = {fb:R}).");
        if (fa == 0) return a;
        if (fb == 0) return b;
        if ((fa > 0) == (fb > 0))
            throw new ArgumentException($"Brent: [{a:R}, {b:R}] does not bracket a root: f(a) = {fa:R} and f(b) = {fb:R} have the same sign.");

        double c = a, fc = fa, d = b - a, e = d;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if ((fb > 0) == (fc > 0))
            {
                c = a; fc = fa; d = b - a; e = d;
            }
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }
            double tol = 2 * double.Epsilon + 2 * 2.220446049250313e-16 * Math.Abs(b) + 0.5 * Math.Max(absTol, relTol * Math.Abs(b));
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return b;

            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c)
                {
                    p = 2 * m * s;
                    q = 1 - s;
                }
                else
                {
                    double qa = fa / fc, r = fb / fc;
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q; else p = -p;
                // Accept the interpolation only if it lands well inside the bracket and shrinks faster than bisection.
                if (2 * p < Math.Min(3 * m * q - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d; d = p / q;
                }
                else
                {
                    d = m; e = m;
                }
            }
            else
            {
                d = m; e = m;
            }
            a = b; fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b);
            if (!double.IsFinite(fb))
                throw new ArithmeticException($"Brent: f({b:R}) = {fb:R} inside the bracket; the function must be finite there.");
        }
        throw new ArithmeticException($"Brent: no convergence in {maxIterations} iterations (last bracket [{Math.Min(b, c):R}, {Math.Max(b, c):R}]).");
    }
}
