using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class PowerLawFitTests
{
    [Theory]
    [InlineData(3.0, 0.7)]
    [InlineData(0.02, 2.4)]
    public void Exact_power_law_is_recovered(double a, double alpha)
    {
        var fit = PowerLawFit.Fit(new PowerLaw(a, alpha).ToSpectrum(200), 10, 150);
        Assert.Equal(alpha, fit.Law.Alpha, 1e-11);
        Assert.Equal(1.0, fit.Law.Amplitude / a, 1e-10);
        Assert.Equal(1.0, fit.RSquared, 1e-12);
        Assert.True(fit.AlphaStandardError < 1e-10);
        // The fit also works past the explicit levels through the analytic tail.
        Assert.Equal(alpha, PowerLawFit.Fit(new PowerLaw(a, alpha).ToSpectrum(5), 10, 1000).Law.Alpha, 1e-11);
    }

    [Fact]
    public void Noisy_power_law_gives_an_estimate_within_its_error_bars()
    {
        var random = new Random(5);
        var values = Enumerable.Range(1, 400).Select(k => 2.0 * Math.Pow(k, -1.5) * Math.Exp(0.05 * (random.NextDouble() - 0.5))).ToArray();
        var fit = PowerLawFit.Fit(values.OrderByDescending(v => v).ToArray(), 20, 400);
        Assert.True(fit.AlphaStandardError > 0);
        Assert.True(Math.Abs(fit.Law.Alpha - 0.5) < 5 * fit.AlphaStandardError + 1e-3, $"α = {fit.Law.Alpha} ± {fit.AlphaStandardError}");
        Assert.InRange(fit.RSquared, 0.99, 1.0);
    }

    [Fact]
    public void Bad_ranges_and_values_are_explained()
    {
        var s = Spectrum.FromEigenvalues([1.0, 0.5, 0.2, 0.0]);
        Assert.Contains("three modes", Assert.Throws<ArgumentException>(() => PowerLawFit.Fit(s, 2, 3)).Message);
        Assert.Contains("exceeds", Assert.Throws<ArgumentException>(() => PowerLawFit.Fit(s, 1, 9)).Message);
        Assert.Contains("λ_4 = 0", Assert.Throws<ArgumentException>(() => PowerLawFit.Fit(s, 1, 4)).Message);
    }
}
