using NngpRg.Core.Experiments;
using NngpRg.Core.Spectra;
using NngpRg.Core.Theory;
using Xunit;
using Xunit.Abstractions;

namespace NngpRg.Core.Tests.Experiments;

public class SourceCapacityTests(ITestOutputHelper output)
{
    /// <summary>
    /// The project's own learning-curve theory (renormalized EK and self-consistent ridge, <see cref="LearningCurves"/>) on
    /// λ_k = k^{−(1+α)} with the target y_k² = k^{−β} listed over 2·10⁵ modes; the exponent of the top decade of η.
    /// </summary>
    private (double Rg, double SelfConsistent, double RidgeRatio) Exponents(double alpha, double beta, double sigma2, double etaMin, double etaMax)
    {
        const int modes = 200_000;
        var spectrum = new PowerLaw(1, alpha).ToSpectrum(modes);
        var target = TargetSpectrum.FromList(Enumerable.Range(1, modes).Select(k => Math.Pow(k, -beta)));
        var curve = LearningCurves.Compute(spectrum, target, sigma2, LearningCurves.LogGrid(etaMin, etaMax, 6));
        var last = curve.Points[^1];
        var fit = (curve.FitRg(etaMin, etaMax).Exponent, curve.FitSelfConsistent(etaMin, etaMax).Exponent, (last.RunningRidge - sigma2) / sigma2);
        output.WriteLine($"α = {alpha}, β = {beta}, σ² = {sigma2}: e_RG = {fit.Item1:F4}, e_SC = {fit.Item2:F4}, c(κ*)/σ² = {fit.Item3:G3}");
        return fit;
    }

    [Theory]
    [InlineData(1.0, 2.5, 1.0)]    // (β − 1)/(1 + α) = 0.75, smoother than the GP-matched target (β > 1 + α)
    [InlineData(0.5, 2.0, 10.0)]   // 1/1.5 = 0.667
    [InlineData(1.0, 1.6, 1.0)]    // 0.3, rougher than the GP-matched target (β < 1 + α)
    [InlineData(0.5, 5.0, 10.0)]   // saturated: min(4, 3)/1.5 = 2
    public void Ridge_dominated_theory_curves_have_the_source_capacity_exponent(double alpha, double beta, double sigma2)
    {
        var (rg, sc, ratio) = Exponents(alpha, beta, sigma2, etaMin: 1e5, etaMax: 1e6);
        Assert.True(ratio < 0.01, $"not ridge-dominated: c/σ² = {ratio}");
        double expected = SourceCapacity.RidgeDominated(alpha, beta);
        Assert.Equal(expected, rg, 0.03);
        Assert.Equal(expected, sc, 0.03);
        // The GP-matched formula is wrong here unless β = 1 + α: the test can tell them apart.
        Assert.True(Math.Abs(SourceCapacity.GpMatched(alpha) - expected) > 0.1);
    }

    [Theory]
    [InlineData(1.0, 2.5)]   // β − 1 = 1.5
    [InlineData(0.5, 1.8)]   // 0.8
    public void Tail_dominated_theory_curves_have_the_ridgeless_exponent(double alpha, double beta)
    {
        var (rg, sc, ratio) = Exponents(alpha, beta, sigma2: 1e-6, etaMin: 1e3, etaMax: 1e4);
        Assert.True(ratio > 100, $"not tail-dominated: c/σ² = {ratio}");
        double expected = SourceCapacity.TailDominated(alpha, beta);
        Assert.Equal(expected, rg, 0.04);
        Assert.Equal(expected, sc, 0.04);
    }

    [Theory]
    [InlineData(1.0, 2.5, 3e-3)]
    [InlineData(0.5, 1.8, 3e-2)]
    public void Between_the_limits_the_running_ridge_slope_gives_the_exponent(double alpha, double beta, double sigma2)
    {
        // Eq. 7.6 with s = d ln σ_c²/d ln η read off the flow itself.
        const int modes = 200_000;
        var spectrum = new PowerLaw(1, alpha).ToSpectrum(modes);
        var target = TargetSpectrum.FromList(Enumerable.Range(1, modes).Select(k => Math.Pow(k, -beta)));
        var curve = LearningCurves.Compute(spectrum, target, sigma2, LearningCurves.LogGrid(1e3, 1e4, 6));
        double ratio = (curve.Points[0].RunningRidge - sigma2) / sigma2;
        Assert.InRange(ratio, 0.3, 30);  // neither limit
        double s = -LearningCurves.FitExponent([.. curve.Points.Select(p => p.Eta)], [.. curve.Points.Select(p => p.RunningRidge)], 1e3, 1e4).Exponent;
        double expected = SourceCapacity.Crossover(alpha, beta, s), rg = curve.FitRg(1e3, 1e4).Exponent;
        output.WriteLine($"α = {alpha}, β = {beta}: s = {s:F4}, c/σ² = {ratio:G3}, crossover {expected:F4}, RG {rg:F4}, limits {SourceCapacity.RidgeDominated(alpha, beta):F3}/{SourceCapacity.TailDominated(alpha, beta):F3}");
        Assert.Equal(expected, rg, 0.04);
        Assert.True(Math.Abs(rg - SourceCapacity.RidgeDominated(alpha, beta)) > 0.08 && Math.Abs(rg - SourceCapacity.TailDominated(alpha, beta)) > 0.08);
    }

    [Fact]
    public void Crossover_reduces_to_the_two_limits()
    {
        Assert.Equal(SourceCapacity.RidgeDominated(0.3, 1.7), SourceCapacity.Crossover(0.3, 1.7, 0), 14);
        Assert.Equal(SourceCapacity.TailDominated(0.3, 1.7), SourceCapacity.Crossover(0.3, 1.7, -0.3), 14);
        Assert.Equal(SourceCapacity.GpMatched(0.3), SourceCapacity.RidgeDominated(0.3, 1.3), 14);
    }

    [Fact]
    public void Delta_method_matches_the_analytic_derivatives()
    {
        // e = (β − 1)/(1 + α): ∂e/∂α = −(β − 1)/(1 + α)², ∂e/∂β = 1/(1 + α).
        double a = 0.4, b = 1.9, sa = 0.03, sb = 0.05;
        double exact = Math.Sqrt(Math.Pow((b - 1) / ((1 + a) * (1 + a)) * sa, 2) + Math.Pow(sb / (1 + a), 2));
        Assert.Equal(exact, SourceCapacity.StandardError(SourceCapacity.RidgeDominated, a, sa, b, sb), 8);
    }
}
