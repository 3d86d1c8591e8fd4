using NngpRg.Core.Spectra;

namespace NngpRg.Core.Bayesian;

/// <summary>
/// Composite Gauss–Legendre quadrature: [a, b] cut into equal panels, 20 Gauss–Legendre nodes each (the rule of
/// <see cref="SphereQuadrature.GaussGegenbauer"/> at d = 3), summed with compensation. For an integrand analytic within
/// a distance ≳ one panel width of the real segment the error is at rounding level.
/// </summary>
internal static class PanelQuadrature
{
    /// <summary>Gauss–Legendre points per panel.</summary>
    public const int NodesPerPanel = 20;

    /// <summary>Most panels one integral may use (bounds the work of a single call).</summary>
    public const int MaxPanels = 200_000;

    private static readonly SphereQuadrature Rule = SphereQuadrature.GaussGegenbauer(3, NodesPerPanel);

    /// <summary>∫_a^b f over <paramref name="panels"/> equal panels.</summary>
    public static double Integrate(Func<double, double> f, double a, double b, int panels)
    {
        if (panels < 1 || panels > MaxPanels)
            throw new ArgumentOutOfRangeException(nameof(panels), panels, $"PanelQuadrature: {panels} panels; use 1 … {MaxPanels}.");
        double h = (b - a) / panels;
        var nodes = Rule.Nodes;
        var weights = Rule.Weights;  // normalized: Σ w = 1 ↔ ∫_{−1}^{1} dt/2
        var sum = new CompensatedSum();
        for (int p = 0; p < panels; p++)
        {
            double mid = a + (p + 0.5) * h;
            double panel = 0;
            for (int j = 0; j < nodes.Length; j++) panel += weights[j] * f(mid + 0.5 * h * nodes[j]);
            sum.Add(panel * h);
        }
        return sum.Value;
    }
}
