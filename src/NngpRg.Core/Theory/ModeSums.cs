using NngpRg.Core.Spectra;

namespace NngpRg.Core.Theory;

/// <summary>The mode functions summed by the learning-curve theory (r = ηλ/κ).</summary>
internal enum ModeTerm
{
    /// <summary>λ/(ηλ + κ), the self-consistent ridge equation (docs/theory.md §5).</summary>
    Inverse,
    /// <summary>L² = (ηλ/(ηλ + κ))², the E₀ denominator.</summary>
    LearnabilitySquared,
    /// <summary>λ(1 − L)² = λ κ²/(ηλ + κ)², the residual of a GP-matched target.</summary>
    ResidualLambda,
}

/// <summary>
/// Sums Σ_k w(λ_k) over every mode of a spectrum: explicit levels with their multiplicities, then a power-law tail
/// λ_k = A k^{−β} (β = 1 + α). The tail is split at M, the first index with r_{M+1} = ηλ_{M+1}/κ ≤ 1/4: modes
/// K &lt; k ≤ M are summed explicitly (their eigenvalues cached), modes k &gt; M through the convergent expansion of w in
/// powers of r, each power summed exactly by a Hurwitz zeta: Σ_{k&gt;M} λ_k^{p+j} = λ_{M+1}^{p+j} S((p+j)β, M+1),
/// S(s, q) = q^s ζ(s, q). The series is cut when a term falls below 1e-17 of the sum; with ratio ≤ 1/4 the truncation
/// error is below 1e-16 relative, so the tail is exact to rounding (≈1e-15 relative, plus the explicit summation's
/// rounding, ≈ 1e-16 × number of explicit terms in the worst case). Not thread-safe (the cache grows); one instance per computation.
/// </summary>
internal sealed class ModeSums
{
    /// <summary>Most tail modes summed explicitly (the cache holds their eigenvalues).</summary>
    public const long MaxExplicitTailModes = 1L << 25;

    private readonly double[] _lambda;
    private readonly double[] _multiplicity;
    private readonly long[] _end;  // cumulative mode count at the end of each level
    private readonly PowerLaw? _law;
    private double[] _tailCache = [];

    public ModeSums(Spectrum spectrum)
    {
        Spectrum = spectrum;
        int n = spectrum.Levels.Length;
        _lambda = new double[n];
        _multiplicity = new double[n];
        _end = new long[n];
        for (int i = 0; i < n; i++)
        {
            _lambda[i] = spectrum.Levels[i].Eigenvalue;
            _multiplicity[i] = spectrum.Levels[i].Multiplicity;
            _end[i] = spectrum.ModesThroughLevel(i);
        }
        ExplicitModes = spectrum.ExplicitModeCount;
        _law = spectrum.AnalyticTail switch
        {
            null => null,
            PowerLawTail p => p.Law,
            var other => throw new ArgumentException($"ModeSums: analytic tail {other.GetType().Name} is not supported (power-law tails only).", nameof(spectrum)),
        };
    }

    public Spectrum Spectrum { get; }

    public long ExplicitModes { get; }

    public bool HasTail => _law is not null;

    /// <summary>Σ_k w(λ_k) over all modes, explicit and tail.</summary>
    public double Sum(ModeTerm term, double eta, double kappa) => Explicit(term, eta, kappa) + Tail(term, eta, kappa, ExplicitModes);

    private double Explicit(ModeTerm term, double eta, double kappa)
    {
        var lambda = _lambda;
        var m = _multiplicity;
        double sum = 0;
        switch (term)
        {
            case ModeTerm.Inverse:
                for (int i = 0; i < lambda.Length; i++) sum += m[i] * lambda[i] / (eta * lambda[i] + kappa);
                break;
            case ModeTerm.LearnabilitySquared:
                for (int i = 0; i < lambda.Length; i++)
                {
                    double x = eta * lambda[i];
                    if (x == 0) continue;
                    double l = x / (x + kappa);
                    sum += m[i] * l * l;
                }
                break;
            case ModeTerm.ResidualLambda:
                for (int i = 0; i < lambda.Length; i++)
                {
                    double x = eta * lambda[i];
                    if (x == 0) continue;
                    double r = kappa / (x + kappa);
                    sum += m[i] * lambda[i] * r * r;
                }
                break;
        }
        return sum;
    }

    /// <summary>Σ over tail modes k &gt; from (from ≥ K) of w(λ_k); 0 without a tail.</summary>
    public double Tail(ModeTerm term, double eta, double kappa, long from)
    {
        if (_law is null) return 0;
        if (term == ModeTerm.ResidualLambda && kappa == 0) return 0;
        if (term == ModeTerm.LearnabilitySquared && kappa == 0) throw new ArgumentException("ModeSums: Σ L² over an infinite tail diverges at κ = 0.");
        double a = _law.Amplitude, beta = 1 + _law.Alpha;
        double needed = Math.Pow(4 * eta * a / kappa, 1 / beta);
        long m = from;
        if (needed > from)
        {
            if (needed - ExplicitModes > MaxExplicitTailModes)
                throw new ArgumentException($"ModeSums: the power-law tail would need {needed:E3} explicitly summed modes (κ = {kappa:R}, η = {eta:R}); more than {MaxExplicitTailModes}. The ridge is too small for this data size.");
            m = (long)Math.Ceiling(needed);
        }
        EnsureCache(m - ExplicitModes);
        var cache = _tailCache;
        double sum = 0;
        int start = (int)(from - ExplicitModes), stop = (int)(m - ExplicitModes);
        switch (term)
        {
            case ModeTerm.Inverse:
                for (int i = start; i < stop; i++) sum += cache[i] / (eta * cache[i] + kappa);
                break;
            case ModeTerm.LearnabilitySquared:
                for (int i = start; i < stop; i++) { double x = eta * cache[i]; double l = x / (x + kappa); sum += l * l; }
                break;
            case ModeTerm.ResidualLambda:
                for (int i = start; i < stop; i++) { double r = kappa / (eta * cache[i] + kappa); sum += cache[i] * r * r; }
                break;
        }
        return sum + Series(term, eta, kappa, m + 1.0, a, beta);
    }

    /// <summary>Σ_{k≥q} w(A k^{−β}) by the expansion in r = ηλ/κ (r ≤ 1/4 at k = q).</summary>
    private static double Series(ModeTerm term, double eta, double kappa, double q, double a, double beta)
    {
        double lambda1 = a * Math.Pow(q, -beta);
        double r1 = eta * lambda1 / kappa;
        double sum = 0, rj = 1;
        for (int j = 0; j < 400; j++, rj *= -r1)
        {
            // rj = (−r1)^j
            double term_j = term switch
            {
                ModeTerm.Inverse => rj * lambda1 * ScaledHurwitz((1 + j) * beta, q) / kappa,
                ModeTerm.LearnabilitySquared => j < 2 ? 0 : (j - 1) * rj * ScaledHurwitz(j * beta, q),
                _ => (j + 1) * rj * lambda1 * ScaledHurwitz((1 + j) * beta, q),
            };
            sum += term_j;
            if (j >= 2 && Math.Abs(term_j) <= 1e-17 * Math.Abs(sum)) break;
            if (rj == 0) break;
        }
        return sum;
    }

    /// <summary>
    /// S(s, q) = q^s ζ(s, q) = Σ_{n≥0} (q/(q+n))^s for s &gt; 1, q ≥ 1: the Hurwitz zeta scaled so it neither underflows
    /// nor overflows for large s. Direct terms until a = q + N ≥ 12 + s, then Euler–Maclaurin with Bernoulli numbers.
    /// </summary>
    internal static double ScaledHurwitz(double s, double q)
    {
        double threshold = 12 + Math.Min(s, 1e4);
        int n = q >= threshold ? 0 : (int)Math.Ceiling(threshold - q);
        double a = q + n;
        double lead = Math.Pow(q / a, s);
        var corrections = Bernoulli.EvenOverFactorial;
        double bracket = 0, rising = s, power = 1 / a;
        double main = a / (s - 1) + 0.5;
        for (int j = 1; j < corrections.Length; j++)
        {
            double t = corrections[j] * rising * power;
            bracket += t;
            if (Math.Abs(t) < 1e-18 * main) break;
            rising *= (s + 2 * j - 1) * (s + 2 * j);
            power /= a * a;
        }
        double sum = lead * (main + bracket);
        for (int k = n - 1; k >= 0; k--) sum += Math.Pow(q / (q + k), s);
        return sum;
    }

    private void EnsureCache(long length)
    {
        if (length <= _tailCache.Length) return;
        long size = Math.Max(length, Math.Min(2L * _tailCache.Length, MaxExplicitTailModes));
        var next = new double[size];
        Array.Copy(_tailCache, next, _tailCache.Length);
        double a = _law!.Amplitude, minusBeta = -(1 + _law.Alpha);
        for (long i = _tailCache.Length; i < size; i++) next[i] = a * Math.Pow(ExplicitModes + 1 + i, minusBeta);
        _tailCache = next;
    }

    /// <summary>λ of mode k (k ≥ 1): explicit levels or the tail.</summary>
    public double EigenvalueOf(long mode) => Spectrum.Eigenvalue(mode);

    /// <summary>
    /// Σ over modes k ≤ upTo of (κ/(ηλ_k + κ))² y_k² (the residual of the learnable part; docs/theory.md §1, §3, §5).
    /// Modes with λ = 0 are never learned (weight 1).
    /// </summary>
    public double ResidualPower(TargetSpectrum target, double eta, double kappa, long upTo)
    {
        double sum = 0;
        long from = 0;
        long listed = target.ModePower.Length;
        for (int i = 0; i < _lambda.Length && from < upTo; i++)
        {
            long to = Math.Min(_end[i], upTo);
            double lambda = _lambda[i];
            double x = eta * lambda;
            double w = x == 0 ? 1 : kappa / (x + kappa);
            double power = target.ListedPower(from, to);
            if (target.TailScale != 0 && to > listed) power += target.TailScale * lambda * (to - Math.Max(from, listed));
            sum += w * w * power;
            from = to;
        }
        if (from >= upTo || _law is null) return sum;
        // Tail modes: listed ones one by one, then the scaled GP-matched remainder through the series.
        long stopListed = Math.Min(listed, upTo);
        for (long k = from + 1; k <= stopListed; k++)
        {
            double lambda = _law.Eigenvalue(k);
            double w = kappa / (eta * lambda + kappa);
            sum += w * w * target.ModePower[(int)(k - 1)];
        }
        if (target.TailScale != 0 && upTo == long.MaxValue)
            sum += target.TailScale * Tail(ModeTerm.ResidualLambda, eta, kappa, Math.Max(from, listed));
        else if (target.TailScale != 0 && upTo > Math.Max(from, listed))
        {
            for (long k = Math.Max(from, listed) + 1; k <= upTo; k++)
            {
                double lambda = _law.Eigenvalue(k);
                double w = kappa / (eta * lambda + kappa);
                sum += w * w * target.TailScale * lambda;
            }
        }
        return sum;
    }
}
