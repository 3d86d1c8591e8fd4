using NngpRg.Core.Bayesian;
using Xunit;

namespace NngpRg.Core.Tests.Bayesian;

public class CosNetMonteCarloTests
{
    private static readonly double[] Radii = [0, 0.5, 1, 2];

    [Theory]
    [InlineData(1, CosNetConstruction.PropagatorWeightedMomenta)]
    [InlineData(1, CosNetConstruction.UniformMomentaWithAmplitude)]
    [InlineData(3, CosNetConstruction.PropagatorWeightedMomenta)]
    [InlineData(3, CosNetConstruction.UniformMomentaWithAmplitude)]
    public void Finite_networks_have_the_cutoff_propagator_full_and_with_the_shell_removed(int d, CosNetConstruction construction)
    {
        var theory = new FreeScalar(d, 1, 10);
        var net = new CosNet(theory, construction, 200);
        var mc = CosNetMonteCarlo.Covariance(net, Radii, 4000, seed: 11, shellInner: 5);
        for (int i = 0; i < Radii.Length; i++)
        {
            // Exact covariances by quadrature (checked against the reference values elsewhere); 4 s.e. per comparison.
            double full = CutoffPropagator.At(theory, Radii[i]), kept = CutoffPropagator.At(theory.WithCutoff(5), Radii[i]);
            double zFull = (mc.Full[i].Mean - full) / mc.Full[i].StandardError, zKept = (mc.Kept[i].Mean - kept) / mc.Kept[i].StandardError;
            Assert.True(Math.Abs(zFull) < 4, $"r = {Radii[i]}: full {mc.Full[i].Mean} ± {mc.Full[i].StandardError} vs G_R = {full}");
            Assert.True(Math.Abs(zKept) < 4, $"r = {Radii[i]}: kept {mc.Kept[i].Mean} ± {mc.Kept[i].StandardError} vs G_k = {kept}");
            // The standard errors are honest: for a Gaussian field Var[φ(0)φ(r)] = G(0)² + G(r)² (Isserlis), up to O(1/N).
            double gaussian = Math.Sqrt((Math.Pow(CutoffPropagator.At(theory, 0), 2) + full * full) / 4000);
            Assert.InRange(mc.Full[i].StandardError / gaussian, 0.85, 1.25);
        }
        // The kept fraction of units is P(|w| < k).
        Assert.True(Math.Abs(mc.KeptUnits.Mean - net.InsideFraction(5)) < 4 * mc.KeptUnits.StandardError, $"{mc.KeptUnits.Mean} vs {net.InsideFraction(5)}");
    }

    [Fact]
    public void The_removed_shell_is_visible_in_the_variance()
    {
        // d = 3: G_10(0) − G_5(0) = 0.248 is many standard errors; the kept network must not match G_R.
        var theory = new FreeScalar(3, 1, 10);
        var mc = CosNetMonteCarlo.Covariance(new CosNet(theory, CosNetConstruction.UniformMomentaWithAmplitude, 100), [0], 2000, 3, 5);
        Assert.True(CutoffPropagator.At(theory, 0) - mc.Kept[0].Mean > 10 * mc.Kept[0].StandardError);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_threads_and_follow_the_seed()
    {
        var net = new CosNet(new FreeScalar(1, 1, 10), CosNetConstruction.PropagatorWeightedMomenta, 50);
        var one = CosNetMonteCarlo.Covariance(net, Radii, 300, 5, 5, threads: 1);
        var two = CosNetMonteCarlo.Covariance(net, Radii, 300, 5, 5, threads: 2);
        var other = CosNetMonteCarlo.Covariance(net, Radii, 300, 6, 5, threads: 2);
        Assert.Equal(one.Full.ToArray(), two.Full.ToArray());
        Assert.Equal(one.Kept.ToArray(), two.Kept.ToArray());
        Assert.NotEqual(one.Full[0].Mean, other.Full[0].Mean);
    }

    [Theory]
    [InlineData(1, CosNetConstruction.PropagatorWeightedMomenta)]
    [InlineData(3, CosNetConstruction.PropagatorWeightedMomenta)]
    [InlineData(1, CosNetConstruction.UniformMomentaWithAmplitude)]
    [InlineData(3, CosNetConstruction.UniformMomentaWithAmplitude)]
    public void Momentum_norms_invert_the_radial_distribution_function(int d, CosNetConstruction construction)
    {
        var net = new CosNet(new FreeScalar(d, 0.8, 7), construction, 1);
        foreach (double u in new[] { 1e-9, 1e-4, 0.01, 0.2, 0.5, 0.77, 0.999999 })
        {
            double p = net.SampleNorm(u);
            Assert.InRange(p, 0, 7);
            // P(|w| < p) by the closed forms of the momentum law, independent of the sampler's inversion.
            double cdf = net.InsideFraction(p);
            Assert.Equal(u, cdf, 1e-10 * Math.Max(1, u / 1e-6));
        }
    }

    [Theory]
    [InlineData(1, CosNetConstruction.PropagatorWeightedMomenta, 10.0)]
    [InlineData(3, CosNetConstruction.PropagatorWeightedMomenta, 10.0)]
    [InlineData(3, CosNetConstruction.PropagatorWeightedMomenta, 0.8)]
    [InlineData(1, CosNetConstruction.UniformMomentaWithAmplitude, 10.0)]
    [InlineData(3, CosNetConstruction.UniformMomentaWithAmplitude, 10.0)]
    public void Sampled_units_follow_the_momentum_law(int d, CosNetConstruction construction, double cutoff)
    {
        // Empirical P(|w| < k) of 40000 units (by rejection or inversion, whichever the net uses) against the closed form,
        // within 4 binomial standard errors; the direction is uniform (E w₁² = E|w|²/d).
        var net = new CosNet(new FreeScalar(d, 1, cutoff), construction, 1);
        var random = new Random(9);
        var units = Enumerable.Range(0, 40_000).Select(_ => net.SampleNeuron(random)).ToArray();
        foreach (double fraction in new[] { 0.05, 0.2, 0.5, 0.8 })
        {
            double k = fraction * cutoff, p = net.InsideFraction(k);
            double empirical = units.Count(u => u.Norm < k) / 40_000.0;
            Assert.True(Math.Abs(empirical - p) < 4 * Math.Sqrt(p * (1 - p) / 40_000), $"k = {k}: {empirical} vs {p}");
        }
        double w1 = units.Average(u => u.W1 * u.W1), norm2 = units.Average(u => u.Norm * u.Norm);
        Assert.Equal(norm2 / d, w1, 0.03 * norm2 / d);
        Assert.All(units, u => Assert.Equal(u.Norm * u.Norm, u.W1 * u.W1 + u.W2 * u.W2 + u.W3 * u.W3, 1e-9 * Math.Max(1, u.Norm * u.Norm)));
    }

    [Fact]
    public void Amplitude_variance_makes_the_network_variance_the_field_variance()
    {
        // E φ(0)² = N (σ_a²/N) E[g²]/2 = G_R(0): by one-dimensional quadrature of E[g²] over the momentum law.
        foreach (var construction in new[] { CosNetConstruction.PropagatorWeightedMomenta, CosNetConstruction.UniformMomentaWithAmplitude })
        {
            var theory = new FreeScalar(1, 1.5, 6);
            var net = new CosNet(theory, construction, 10);
            double meanG2 = construction == CosNetConstruction.PropagatorWeightedMomenta ? 1 : Math.Atan(6 / 1.5) / 1.5 / 6;  // (1/R)∫₀^R dp/(p²+m²)
            Assert.Equal(CutoffPropagator.AtOrigin(theory), net.AmplitudeVariance * meanG2 / 2, 1e-14);
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var theory = new FreeScalar(1, 1, 10);
        Assert.Throws<ArgumentException>(() => new CosNet(theory.WithCutoff(double.PositiveInfinity), CosNetConstruction.PropagatorWeightedMomenta, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosNet(theory, CosNetConstruction.PropagatorWeightedMomenta, 0));
        var net = new CosNet(theory, CosNetConstruction.PropagatorWeightedMomenta, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => CosNetMonteCarlo.Covariance(net, Radii, 1, 1));
        Assert.Contains("k = 12", Assert.Throws<ArgumentException>(() => CosNetMonteCarlo.Covariance(net, Radii, 10, 1, 12)).Message);
        Assert.Contains("exceeds the bound", Assert.Throws<ArgumentException>(() => CosNetMonteCarlo.Covariance(new CosNet(theory, CosNetConstruction.PropagatorWeightedMomenta, 1_000_000), Radii, 100_000, 1)).Message);
    }
}
