using FsCheck;
using FsCheck.Fluent;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class SpectrumTests
{
    [Fact]
    public void Levels_are_sorted_decreasing_and_ties_keep_input_order()
    {
        var s = Spectrum.Create([new(0.5, 1, 7), new(2.0, 3, 1), new(0.5, 2, 4), new(1.0, 1, 9)]);
        Assert.Equal([1, 9, 7, 4], s.Levels.Select(l => l.Degree));
        Assert.Equal(7, s.ExplicitModeCount);
        Assert.Equal(3 * 2.0 + 1.0 + 0.5 + 2 * 0.5, s.TotalTrace, 1e-15);
    }

    [Fact]
    public void Mode_view_counts_a_degenerate_level_multiplicity_times()
    {
        var s = Spectrum.Create([new(2.0, 3, 0), new(1.0, 2, 1)]);
        Assert.Equal([2.0, 2.0, 2.0, 1.0, 1.0, 0.0], Enumerable.Range(1, 6).Select(k => s.Eigenvalue(k)));
        Assert.Equal(8.0, s.Tail(0));
        Assert.Equal(6.0, s.Tail(1)); // a cutoff inside a level removes only the modes past it
        Assert.Equal(2.0, s.Tail(3));
        Assert.Equal(1.0, s.Tail(4));
        Assert.Equal(0.0, s.Tail(5));
        Assert.Equal(0.0, s.Tail(50));
        Assert.Equal(2.0, s.LevelTail(0));
        Assert.Equal(1, s.LevelOfMode(4));
    }

    private static readonly Arbitrary<(double Value, int Multiplicity)[]> LevelLists =
        Gen.Choose(0, 1000).Zip(Gen.Choose(1, 4)).Select(t => (Math.Pow(t.Item1 / 1000.0, 3), t.Item2)).ArrayOf().ToArbitrary();

    [Fact]
    public void Tail_equals_brute_force_over_expanded_modes()
    {
        Prop.ForAll(LevelLists, levels =>
        {
            var s = Spectrum.Create(levels.Select((l, i) => new SpectralLevel(l.Value, l.Multiplicity, i)));
            var modes = levels.SelectMany(l => Enumerable.Repeat(l.Value, l.Multiplicity)).OrderByDescending(v => v).ToArray();
            for (int kappa = 0; kappa <= modes.Length + 1; kappa++)
            {
                double brute = modes.Skip(kappa).Sum();
                if (Math.Abs(s.Tail(kappa) - brute) > 1e-13 * (1 + brute)) return false;
                if (kappa >= 1 && kappa <= modes.Length && s.Eigenvalue(kappa) != modes[kappa - 1]) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Suffix_sums_do_not_lose_small_eigenvalues_to_a_large_one()
    {
        // 1 + 10⁴ · 1e-17: added largest first in plain floating point the small ones vanish entirely.
        var s = Spectrum.Create(new[] { new SpectralLevel(1.0, 1, 0) }.Concat(Enumerable.Range(1, 10_000).Select(i => new SpectralLevel(1e-17, 1, i))));
        Assert.Equal(1e-13, s.TotalTrace - 1.0, 1e-15);
        Assert.Equal(1e-13, s.Tail(1), 1e-27);
    }

    [Fact]
    public void Power_law_tail_continues_the_mode_ranking_exactly()
    {
        var law = new PowerLaw(2.0, 0.8);
        var s = law.ToSpectrum(10);
        Assert.Equal(10, s.ExplicitModeCount);
        foreach (long kappa in new long[] { 0, 3, 9, 10, 11, 500 })
            Assert.Equal(law.Tail(kappa), s.Tail(kappa), 1e-14 * law.Tail(kappa));
        Assert.Equal(law.Eigenvalue(25), s.Eigenvalue(25));
        Assert.Equal(2.0 * Zeta.Riemann(1.8), s.TotalTrace, 1e-13);
        Assert.Equal(0.0, law.ToSpectrum(10, withTail: false).Eigenvalue(11));
    }

    [Fact]
    public void Invalid_levels_are_named_with_index_value_and_rule()
    {
        var e = Assert.Throws<ArgumentException>(() => Spectrum.Create([new(1, 1, 0), new(-0.25, 1, 3)]));
        Assert.Contains("levels[1]", e.Message);
        Assert.Contains("-0.25", e.Message);
        Assert.Contains("≥ 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => Spectrum.Create([new(double.NaN, 1, 0)]));
        Assert.Contains("levels[0]", e.Message);
        Assert.Contains("finite", e.Message);
        e = Assert.Throws<ArgumentException>(() => Spectrum.Create([new(1, 0, 5)]));
        Assert.Contains("multiplicity 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => Spectrum.Create([new(0.001, 1, 0)], new PowerLawTail(new PowerLaw(5, 1))));
        Assert.Contains("non-increasing", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Spectrum.FromEigenvalues([1.0]).Tail(-1));
    }

    [Fact]
    public void Equality_is_by_levels_and_tail()
    {
        var a = Spectrum.FromEigenvalues([3.0, 1.0, 2.0]);
        var b = Spectrum.FromEigenvalues([3.0, 1.0, 2.0]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Spectrum.FromEigenvalues([3.0, 2.0, 1.0])); // degree labels differ
    }
}
