using NngpRg.Core.Spectra;

namespace NngpRg.Core.Kernels;

/// <summary>
/// Funk–Hecke eigenvalues from Taylor coefficients with relative accuracy (docs/theory.md §6.5, (6.14)–(6.16)):
/// λ_ℓ = Σ_{s≥0} b_{ℓ+2s} c_{ℓ,s}, c_{ℓ,s} = (ℓ+2s)! Γ(d/2)/(2^{ℓ+2s} s! Γ(ℓ+s+d/2)), a sum of non-negative terms. The part
/// j ≤ J comes from the computed coefficients (<see cref="DotProductSeries"/>); the part j &gt; J, slowly convergent for kernels
/// that are not smooth at t = ±1, is summed from the asymptotics of b_j:
/// <list type="bullet">
/// <item>Arc-cosine maps (ReLU, Cho–Saul, their NTKs): K(t) has Puiseux expansions Σ_k A_k (1 ∓ t)^{β₀+k} at t = ±1 with
/// β₀ = n + ½ (degree n; n − ½ for the NTK), so on each parity of j, b_j = Σ_k E_k g_{β₀+k}(j) + O(j^{−β₀−1−m}) with
/// g_β(j) = [t^j](1 − t)^β = Γ(j − β)/(Γ(−β) j!). The E_k are fitted by least squares to b_j on J/2 ≤ j ≤ J, and the tail of
/// each term is a closed form: Σ_{j&gt;J} g_β(j) c_{ℓ,(j−ℓ)/2} = λ_ℓ[(1 − t)^β] − Σ_{j≤J} g_β(j) c_{ℓ,(j−ℓ)/2}
/// (<see cref="FunkHecke.OfOneMinusTPower"/>). Its error estimate is the change when one term fewer is fitted.</item>
/// <item>Otherwise only a bound: the tail is at most M·max_{j&gt;J} c_{ℓ,(j−ℓ)/2} with M ≥ Σ_{j&gt;J} b_j — for kernels analytic
/// beyond the unit disc M = K(R) R^{−J}/(R − 1) (Cauchy with Pringsheim: max_{|t|=R} |K| = K(R) for b_j ≥ 0), else the parity
/// mass (K(1) ± K(−1))/2 − Σ_{j≤J} b_j. The midpoint of [S, S + bound] is reported with half the bound as its error.</item>
/// </list>
/// </summary>
internal static class SeriesEigenvalues
{
    /// <summary>Terms of the asymptotic fit of b_j.</summary>
    public const int FitTerms = 4;

    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>What summed the tail j &gt; J of one level.</summary>
    public enum TailMethod
    {
        /// <summary>The computed coefficients suffice (the tail bound is below rounding).</summary>
        Negligible,
        /// <summary>Fitted asymptotic series with closed-form tails.</summary>
        Asymptotic,
        /// <summary>Only the rigorous bound: midpoint reported.</summary>
        Bound,
    }

    /// <summary>λ_0 … λ_maxDegree with absolute error estimates and how each tail was summed.</summary>
    /// <param name="series">b_0 … b_J.</param>
    /// <param name="dimension">d ≥ 2.</param>
    /// <param name="maxDegree">ℓ_max ≥ 0.</param>
    /// <param name="leadingExponent">β₀ of the singular terms (1 ∓ t)^{β₀+k}, or null when unknown.</param>
    /// <param name="atMinusOne">K(−1) (for the parity masses).</param>
    /// <param name="beyondOne">K(R) for real R &gt; 1 when K is analytic beyond the unit disc (NaN or ∞ past its radius), else null.</param>
    public static (double[] Values, double[] Errors, TailMethod[] Tails) Compute(
        DotProductSeries series, int dimension, int maxDegree, double? leadingExponent, double atMinusOne, Func<double, double>? beyondOne)
    {
        var b = series.Coefficients;
        int jmax = series.MaxIndex;
        double atOne = series.AtOne;

        // Bounds on the coefficient mass beyond J, per parity.
        var mass = new double[2];
        double roundingMass = 0;
        var partialMass = new CompensatedSum[2];
        for (int j = 0; j <= jmax; j++)
        {
            partialMass[j % 2].Add(b[j]);
            roundingMass += b[j] * series.RelativeError(j);
        }
        double cauchy = beyondOne is null ? double.PositiveInfinity : CauchyTailMass(beyondOne, jmax);
        for (int p = 0; p < 2; p++)
        {
            double parity = (atOne + (p == 0 ? atMinusOne : -atMinusOne)) / 2;
            double measured = Math.Max(0, parity - partialMass[p].Value) + roundingMass + 8 * Epsilon * Math.Abs(atOne);
            mass[p] = Math.Min(measured, cauchy);
        }

        // The asymptotic fit of each parity: E_k for m and m − 1 terms.
        double[][]? g = null;
        var fits = new double[2][][];
        if (leadingExponent is { } beta0)
        {
            g = new double[FitTerms][];
            for (int k = 0; k < FitTerms; k++) g[k] = Binomial(beta0 + k, jmax);
            for (int p = 0; p < 2; p++) fits[p] = [Fit(b, g, p, FitTerms), Fit(b, g, p, FitTerms - 1)];
        }
        var closed = leadingExponent is { } beta
            ? Enumerable.Range(0, FitTerms).Select(k => FunkHecke.OfOneMinusTPower(beta + k, dimension, maxDegree)).ToArray()
            : null;

        var values = new double[maxDegree + 1];
        var errors = new double[maxDegree + 1];
        var tails = new TailMethod[maxDegree + 1];
        double half = dimension / 2.0, logC0 = 0;
        for (int l = 0; l <= maxDegree; l++)
        {
            if (l > 0) logC0 += Math.Log(l / (dimension + 2.0 * l - 2));
            int p = l % 2;
            var sum = new CompensatedSum();
            double rounding = 0;
            var partial = new CompensatedSum[FitTerms];
            var magnitude = new double[FitTerms];
            double logC = logC0;
            for (int s = 0; l + 2 * s <= jmax; s++)
            {
                int j = l + 2 * s;
                if (b[j] > 0)
                {
                    double term = Math.Exp(Math.Log(b[j]) + logC);
                    sum.Add(term);
                    rounding += term * series.RelativeError(j);
                }
                if (g is not null)
                    for (int k = 0; k < FitTerms; k++)
                    {
                        if (g[k][j] == 0) continue;
                        double term = Math.Sign(g[k][j]) * Math.Exp(Math.Log(Math.Abs(g[k][j])) + logC);
                        partial[k].Add(term);
                        magnitude[k] += Math.Abs(term);
                    }
                logC += Math.Log((l + 2.0 * s + 1) * (l + 2.0 * s + 2) / (4.0 * (s + 1) * (half + l + s)));
            }
            double head = sum.Value;
            rounding += 4 * Epsilon * head;
            double bound = mass[p] * MaxWeightBeyond(dimension, l, jmax);
            double tail = 0, tailError = bound;
            var method = TailMethod.Bound;
            if (bound <= Epsilon * head)
            {
                method = TailMethod.Negligible;
                tailError = bound;
            }
            else if (g is not null && closed is not null)
            {
                double full = 0, reduced = 0, tailRounding = 0;
                for (int k = 0; k < FitTerms; k++)
                {
                    var (log, sign) = closed[k][l];
                    double total = sign == 0 ? 0 : sign * Math.Exp(log);
                    double tau = total - partial[k].Value;
                    double tauRounding = Epsilon * (Math.Abs(total) * (l + 16 + 2 * Math.Abs(log)) + 4 * magnitude[k]);
                    full += fits[p][0][k] * tau;
                    if (k < FitTerms - 1) reduced += fits[p][1][k] * tau;
                    tailRounding += Math.Abs(fits[p][0][k]) * tauRounding;
                }
                double fitError = Math.Abs(full - reduced) + tailRounding + Math.Abs(full) * 16 * series.RelativeError(jmax);
                // the fitted tail must respect the rigorous bounds 0 ≤ tail ≤ bound, else only the bound is reported
                if (full >= -fitError && full <= bound + fitError && fitError < bound)
                {
                    tail = Math.Max(0, full);
                    tailError = fitError;
                    method = TailMethod.Asymptotic;
                }
            }
            if (method == TailMethod.Bound)
            {
                tail = bound / 2;
                tailError = bound / 2;
            }
            values[l] = head + tail;
            errors[l] = rounding + tailError + (StructuralZero(b, l) ? 0 : SphereSpectrum.UnderflowFloor);
            tails[l] = method;
        }
        return (values, errors, tails);
    }

    /// <summary>
    /// Whether λ_ℓ vanishes exactly because the parity of ℓ of K is a polynomial of degree &lt; ℓ: b_j = 0 for every j ≥ ℓ of
    /// that parity, after a last non-zero coefficient of normal size (or none). Coefficients that decay into the subnormal range
    /// and then read 0 have underflowed (RBF, erf: b_j ~ 1/j!), and their λ_ℓ is positive, not zero.
    /// </summary>
    internal static bool StructuralZero(System.Collections.Immutable.ImmutableArray<double> b, int l)
    {
        int j = l;
        for (; j < b.Length; j += 2)
            if (b[j] != 0) return false;
        for (j = l - 2; j >= 0; j -= 2)
            if (b[j] != 0) return b[j] >= SphereSpectrum.UnderflowFloor * 4503599627370496.0; // 2^52 above the floor: not decayed into underflow
        return true;
    }

    /// <summary>g_β(j) = [t^j](1 − t)^β for j = 0 … J: g(0) = 1, g(j+1) = g(j)(j − β)/(j + 1).</summary>
    internal static double[] Binomial(double beta, int jmax)
    {
        var g = new double[jmax + 1];
        g[0] = 1;
        for (int j = 0; j < jmax; j++) g[j + 1] = g[j] * (j - beta) / (j + 1);
        return g;
    }

    // Least squares b_j ≈ Σ_{k<m} E_k g_k(j) over J/2 ≤ j ≤ J of one parity, in relative terms (rows divided by g_0(j)),
    // with columns scaled to unit maximum, by modified Gram–Schmidt.
    private static double[] Fit(System.Collections.Immutable.ImmutableArray<double> b, double[][] g, int parity, int terms)
    {
        int jmax = b.Length - 1;
        var rows = new List<int>();
        for (int j = jmax / 2; j <= jmax; j++)
            if (j % 2 == parity && g[0][j] != 0) rows.Add(j);
        var result = new double[FitTerms];
        if (rows.Count < 2 * terms || rows.All(j => b[j] == 0)) return result;
        int n = rows.Count;
        var a = new double[terms][];
        var scale = new double[terms];
        for (int k = 0; k < terms; k++)
        {
            a[k] = new double[n];
            for (int i = 0; i < n; i++) a[k][i] = g[k][rows[i]] / g[0][rows[i]];
            scale[k] = a[k].Max(Math.Abs);
            for (int i = 0; i < n; i++) a[k][i] /= scale[k];
        }
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = b[rows[i]] / g[0][rows[i]];
        var r = new double[terms, terms];
        var qy = new double[terms];
        for (int k = 0; k < terms; k++)
        {
            for (int i = 0; i < k; i++)
            {
                double dot = 0;
                for (int row = 0; row < n; row++) dot += a[i][row] * a[k][row];
                r[i, k] = dot;
                for (int row = 0; row < n; row++) a[k][row] -= dot * a[i][row];
            }
            double norm = Math.Sqrt(a[k].Sum(v => v * v));
            r[k, k] = norm;
            for (int row = 0; row < n; row++) a[k][row] /= norm;
            double projection = 0;
            for (int row = 0; row < n; row++) projection += a[k][row] * y[row];
            qy[k] = projection;
            for (int row = 0; row < n; row++) y[row] -= projection * a[k][row];
        }
        for (int k = terms - 1; k >= 0; k--)
        {
            double v = qy[k];
            for (int i = k + 1; i < terms; i++) v -= r[k, i] * result[i];
            result[k] = v / r[k, k];
        }
        for (int k = 0; k < terms; k++) result[k] /= scale[k];
        return result;
    }

    // Σ_{j>J} b_j ≤ K(R) R^{−J}/(R − 1) for the best R among 1 + 2^{−i} and 2^i where K(R) is finite.
    private static double CauchyTailMass(Func<double, double> beyondOne, int jmax)
    {
        double best = double.PositiveInfinity;
        var radii = Enumerable.Range(1, 24).Select(i => 1 + Math.Pow(2, -i)).Concat(Enumerable.Range(0, 21).Select(i => Math.Pow(2, i)));
        foreach (double r in radii)
        {
            double k = beyondOne(r);
            if (!double.IsFinite(k) || k <= 0) continue;
            double log = Math.Log(k) - jmax * Math.Log(r) - Math.Log(r - 1) + Math.Log(1 + 1e-12);
            best = Math.Min(best, Math.Exp(log));
        }
        return best;
    }

    /// <summary>
    /// max over s with ℓ + 2s &gt; J of c_{ℓ,s}. The ratio c_{ℓ,s+1}/c_{ℓ,s} − 1 has the sign of (2 − 2d)s + (ℓ+1)(ℓ+2) − 2d − 4ℓ,
    /// decreasing in s, so c rises to one peak and then falls: the maximum is at max(first s, peak).
    /// </summary>
    internal static double MaxWeightBeyond(int dimension, int l, int maxIndex)
    {
        int first = l > maxIndex ? 0 : (maxIndex - l) / 2 + 1;
        double peak = ((l + 1.0) * (l + 2) - 2.0 * dimension - 4.0 * l) / (2.0 * dimension - 2);
        int target = Math.Max(first, (int)Math.Max(0, Math.Ceiling(peak)));
        double logC = 0, half = dimension / 2.0;
        for (int i = 1; i <= l; i++) logC += Math.Log(i / (dimension + 2.0 * i - 2));
        for (int s = 0; s < target; s++)
            logC += Math.Log((l + 2.0 * s + 1) * (l + 2.0 * s + 2) / (4.0 * (s + 1) * (half + l + s)));
        return Math.Exp(logC);
    }
}
