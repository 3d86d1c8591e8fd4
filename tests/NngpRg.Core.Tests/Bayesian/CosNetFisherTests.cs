using NngpRg.Core.Bayesian;
using Xunit;

namespace NngpRg.Core.Tests.Bayesian;

public class CosNetFisherTests
{
    private static readonly FreeScalar Theory = new(1, 1, 10);

    [Fact]
    public void Amplitude_Fisher_is_the_box_average_of_the_squared_feature()
    {
        // ⟨cos²(wx + b)⟩ over x uniform on [−L/2, L/2] = 1/2 + sin(wL) cos(2b)/(2wL), in closed form.
        var net = new CosNet(Theory, CosNetConstruction.UniformMomentaWithAmplitude, 1);
        var units = new[] { new CosNeuron(0.7, 0, 0, 0.7, 0.4, 1), new CosNeuron(-3.1, 0, 0, 3.1, -2.0, 1), new CosNeuron(0.05, 0, 0, 0.05, 1.2, 1) };
        double box = 4;
        var inputs = Enumerable.Range(0, 200_001).Select(i => new[] { -box / 2 + box * i / 200_000.0 }).ToArray();  // fine grid: a quadrature of the box average
        var fisher = CosNetFisher.Amplitude(net, units, inputs, noiseVariance: 2);
        foreach (var (u, f) in units.Zip(fisher))
        {
            double average = 0.5 + Math.Sin(u.W1 * box) * Math.Cos(2 * u.Phase) / (2 * u.W1 * box);
            double expected = net.AmplitudeVariance / 2 * average / (u.Norm * u.Norm + 1);
            Assert.Equal(expected, f, 1e-4 * expected);
        }
    }

    [Fact]
    public void Information_and_momentum_cutoffs_are_inverse_maps()
    {
        var net = new CosNet(Theory, CosNetConstruction.UniformMomentaWithAmplitude, 1);
        foreach (double k in new[] { 0.3, 2, 5, 9.9 })
            Assert.Equal(k, CosNetFisher.MomentumOfCutoff(net, CosNetFisher.InformationCutoff(net, k, 0.5), 0.5), 1e-12);
        // A² = σ_a² = 2·2R/(2π) = 6.3662 (docs/theory.md §10, B6): Λ_I(5) = A²/(2·26).
        Assert.Equal(2 * 20 / (2 * Math.PI) / 52, CosNetFisher.InformationCutoff(net, 5, 1), 1e-14);
        Assert.Equal(0, CosNetFisher.MomentumOfCutoff(net, 10, 1));  // Λ_I ≥ A²/(2m²): everything removed
        Assert.Equal(10, CosNetFisher.MomentumOfCutoff(net, 1e-6, 1));
    }

    [Fact]
    public void Alpha_one_information_shell_approaches_the_momentum_shell_as_the_Fisher_sample_grows()
    {
        var net = new CosNet(Theory, CosNetConstruction.UniformMomentaWithAmplitude, 4000);
        var mismatch = new[] { 10, 100, 1000 }.Select(n => CosNetFisher.Compare(net, n, 10, 1, [5, 2], seed: 1)).ToArray();
        foreach (var c in mismatch) Assert.True(c.Correlation < -0.5, $"corr = {c.Correlation}");
        for (int s = 0; s < 2; s++)
        {
            Assert.True(mismatch[0].Shells[s].Mismatch > mismatch[1].Shells[s].Mismatch && mismatch[1].Shells[s].Mismatch > mismatch[2].Shells[s].Mismatch,
                $"k = {mismatch[0].Shells[s].Momentum}: {string.Join(", ", mismatch.Select(c => c.Shells[s].Mismatch))}");
            Assert.True(mismatch[2].Shells[s].Mismatch < 0.012, $"{mismatch[2].Shells[s].Mismatch}");
            Assert.Equal(InformationCutoffRule.MomentumMap, mismatch[2].Shells[s].Rule);
        }
        // About half the units have |w| > 5 (uniform momenta on [−10, 10]); ~5 % mismatch with 10 Fisher points (B6).
        Assert.InRange(mismatch[2].Shells[0].MomentumShellUnits, 1900, 2100);
        Assert.InRange(mismatch[0].Shells[0].Mismatch, 0.02, 0.10);
    }

    [Fact]
    public void Alpha_zero_amplitude_Fisher_carries_no_momentum_information()
    {
        var alpha0 = CosNetFisher.Compare(new CosNet(Theory, CosNetConstruction.PropagatorWeightedMomenta, 4000), 1000, 10, 1, [5], seed: 2);
        var alpha1 = CosNetFisher.Compare(new CosNet(Theory, CosNetConstruction.UniformMomentaWithAmplitude, 4000), 1000, 10, 1, [5], seed: 2);
        Assert.True(alpha0.ZeroInformation);
        Assert.False(alpha1.ZeroInformation);
        Assert.True(Math.Abs(alpha0.Correlation) < 0.05, $"corr = {alpha0.Correlation}");
        var shell = alpha0.Shells[0];
        Assert.Equal(InformationCutoffRule.CountMatched, shell.Rule);
        Assert.Equal(shell.MomentumShellUnits, shell.InformationShellUnits);
        // Even the best cutoff picks the shell at random: mismatch ≈ 2p(1 − p) with p the shell fraction.
        double p = (double)shell.MomentumShellUnits / 4000;
        Assert.InRange(shell.Mismatch, 2 * p * (1 - p) * 0.7, 2 * p * (1 - p) * 1.3);
        Assert.True(shell.Mismatch > 5 * alpha1.Shells[0].Mismatch);
    }
}
