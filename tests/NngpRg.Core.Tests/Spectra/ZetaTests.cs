using FsCheck;
using FsCheck.Fluent;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class ZetaTests
{
    [Fact]
    public void Riemann_zeta_matches_the_closed_forms_at_even_integers()
    {
        Assert.Equal(Math.PI * Math.PI / 6, Zeta.Riemann(2), 1e-14);
        Assert.Equal(Math.Pow(Math.PI, 4) / 90, Zeta.Riemann(4), 1e-14);
        Assert.Equal(Math.Pow(Math.PI, 6) / 945, Zeta.Riemann(6), 1e-14);
        // ζ(2, ½) = (2² − 1) ζ(2)
        Assert.Equal(Math.PI * Math.PI / 2, Zeta.Hurwitz(2, 0.5), 1e-13);
    }

    [Fact]
    public void Near_one_the_pole_dominates()
    {
        // ζ(s) = 1/(s − 1) + γ + O(s − 1), γ the Euler–Mascheroni constant.
        double s = 1 + 1e-6;
        Assert.Equal(1 / (s - 1) + 0.5772156649015329, Zeta.Riemann(s), 1e-5);
    }

    [Fact]
    public void Shift_recurrence_holds_for_random_arguments()
    {
        var args = Gen.Choose(0, 100_000).Two().Select(t => (S: 1.01 + 7.0 * t.Item1 / 100_000, Q: 0.05 + 60.0 * t.Item2 / 100_000));
        Prop.ForAll(args.ToArbitrary(), a =>
        {
            // ζ(s, q) − ζ(s, q + 1) = q^{−s}: crosses the branch between direct and Euler–Maclaurin summation.
            double left = Zeta.Hurwitz(a.S, a.Q), right = Zeta.Hurwitz(a.S, a.Q + 1);
            return Math.Abs(left - right - Math.Pow(a.Q, -a.S)) <= 2e-14 * left;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Large_q_matches_brute_force_plus_integral_remainder()
    {
        // Σ_{n<M} (q+n)^{−s} by brute force plus ∫ remainder with the trapezoid correction: independent of the Bernoulli code.
        double s = 2.5, q = 3.3;
        int m = 200_000;
        double direct = 0;
        for (int n = m - 1; n >= 0; n--) direct += Math.Pow(q + n, -s);
        double a = q + m;
        double remainder = Math.Pow(a, 1 - s) / (s - 1) + 0.5 * Math.Pow(a, -s) + s / 12 * Math.Pow(a, -s - 1);
        Assert.Equal(direct + remainder, Zeta.Hurwitz(s, q), 1e-14);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Zeta.Hurwitz(1, 2));
        Assert.Contains("s = 1", e.Message);
        Assert.Contains("> 1", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Zeta.Hurwitz(2, -0.5));
        Assert.Contains("q = -0.5", e.Message);
    }
}
