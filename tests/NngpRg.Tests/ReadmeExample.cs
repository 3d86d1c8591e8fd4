namespace NngpRg.Tests;

/// <summary>The README's library example, verbatim between the markers (a test checks the README still shows it).</summary>
public static class ReadmeExample
{
    public static (double KappaStar, double RidgeShift, double Exponent, double RmsRenormalized, double RmsBare) Run(TextWriter console)
    {
        // README example begins
        var flow = Rg.Derive("gaussian-step");                       // derived, step by step
        console.WriteLine(flow.Latex);                               // -\lambda_{\kappa}
        var ridgeStep = flow.Compile("lambda_kappa");                // dσ²/dκ as a compiled delegate

        var kernel = Rg.Kernel("relu").Depth(2).Weights(sigmaW2: 2);
        var spectrum = kernel.Spectrum(dimension: 10, maxDegree: 20);

        var result = Rg.Flow(spectrum, sigma2: 1e-3, eta: 1000);     // stops where modes become learnable
        console.WriteLine($"kappa* = {result.KappaStar}, sigma_c^2 = {result.RunningRidge:G4}");

        var curve = Rg.LearningCurve(Rg.PowerLaw(alpha: 1), sigma2: 1, etas: Rg.LogGrid(1e3, 1e6, 12));
        var exponent = curve.FitRg(1e4, 1e6).Exponent;              // ≈ α/(1+α) = 1/2

        var check = kernel.Verify(dimension: 10, trainPoints: 300, testPoints: 100, sigma2: 1e-3, cutoff: 4);
        console.WriteLine($"renormalized {check.RmsRenormalized.Mean:G3} vs bare {check.RmsBare.Mean:G3}");
        // README example ends
        return (result.KappaStar, result.RidgeShift, exponent, check.RmsRenormalized.Mean, check.RmsBare.Mean);
    }
}
