using NngpRg.Core.Bayesian;
using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Bayesian;

public class InformationShellTests
{
    [Fact]
    public void Sloppy_set_is_the_strictly_smaller_Fisher_entries_and_grows_with_the_cutoff()
    {
        double[] f = [0.3, 0, 2, 0.3, 5, 1e-9];
        Assert.Equal([1, 5], InformationShell.Sloppy(f, 0.1).ToArray());
        Assert.Equal([1, 5], InformationShell.Sloppy(f, 0.3).ToArray());  // F < Λ, not ≤
        Assert.Equal([0, 1, 3, 5], InformationShell.Sloppy(f, 0.31).ToArray());
        Assert.Equal(0.6 + 1e-9, InformationShell.SloppyInformation(f, 1), 1e-15);
        Assert.Throws<ArgumentException>(() => InformationShell.Sloppy([1, -1], 1));
        Assert.Throws<ArgumentException>(() => InformationShell.Sloppy([1, double.NaN], 1));
    }

    // The five settings of docs/theory.md §10 (B7): λ_k = k^{−2}, T = ½ (Λ = 1), (σ², η).
    public static TheoryData<double, double, long, long> PaperSettings() => new()
    {
        { 1, 100, 9, 10 },
        { 1, 1000, 31, 31 },
        { 1, 10000, 99, 100 },
        { 0.1, 1000, 95, 100 },
        { 0.01, 1000, 270, 316 },
    };

    [Theory]
    [MemberData(nameof(PaperSettings))]
    public void Information_shell_at_T_over_one_minus_T_keeps_the_flow_stopping_point(double sigma2, double eta, long kept, long bare)
    {
        var spectrum = new PowerLaw(1, 1).ToSpectrum(20_000);
        var shell = GpInformationShell.Run(spectrum, sigma2, eta, 0.5);
        var flow = GaussianFlow.Run(spectrum, sigma2, eta, 0.5);  // the project's Gaussian ridge flow, computed independently
        Assert.Equal(1, shell.InformationCutoff);
        Assert.Equal(kept, shell.KeptModes);
        Assert.Equal(kept, flow.KeptModes);
        Assert.Equal(bare, shell.KeptModesBareRidge);
        Assert.Equal(flow.RidgeShift, shell.ResampledVariance, 1e-12 * flow.RidgeShift);
        Assert.True(shell.FisherAtStop >= 1);
    }

    [Fact]
    public void Information_shell_and_flow_agree_at_random_settings_and_thresholds()
    {
        var random = new Random(17);
        var spectra = new[] { new PowerLaw(1, 1).ToSpectrum(20_000), new PowerLaw(0.3, 0.5).ToSpectrum(20_000), new PowerLaw(2, 2).ToSpectrum(5_000) };
        for (int i = 0; i < 24; i++)
        {
            var spectrum = spectra[i % spectra.Length];
            double sigma2 = Math.Pow(10, -3 + 3 * random.NextDouble()), eta = Math.Pow(10, 1 + 2.5 * random.NextDouble()), t = 0.1 + 0.8 * random.NextDouble();
            var shell = GpInformationShell.Run(spectrum, sigma2, eta, t);
            var flow = GaussianFlow.Run(spectrum, sigma2, eta, t);
            Assert.True(flow.KeptModes == shell.KeptModes, $"σ² = {sigma2}, η = {eta}, T = {t}: BRG {shell.KeptModes} vs flow {flow.KeptModes}");
            Assert.True(shell.KeptModesBareRidge >= shell.KeptModes);
        }
    }

    [Fact]
    public void An_informative_tail_is_refused()
    {
        var spectrum = new PowerLaw(1, 1).ToSpectrum(100);
        Assert.Contains("make more modes explicit", Assert.Throws<ArgumentException>(() => GpInformationShell.Run(spectrum, 1e-3, 1e4, 0.5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => GpInformationShell.CutoffOfThreshold(1));
    }
}
