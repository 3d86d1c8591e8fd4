using NngpRg.Core.Spectra;

namespace NngpRg.Core.FieldTheory;

/// <summary>
/// A composite Gauss–Legendre rule on the position box [−Λ, Λ] (d = 1) for the vertex integrals (docs/theory.md (9.9)):
/// split at 0 (the ReLU kink), uniform panels of width h up to the inputs' region, then panels growing by √2 up to Λ,
/// so that the integrands, which grow (ReLU), saturate (Erf) or decay (Gauss) there, are resolved at every scale.
/// </summary>
internal sealed class VertexQuadrature
{
    /// <summary>Gauss–Legendre nodes per panel.</summary>
    public const int NodesPerPanel = 20;

    /// <summary>The nodes.</summary>
    public double[] Nodes { get; }

    /// <summary>The weights (Σ = 2Λ).</summary>
    public double[] Weights { get; }

    private static readonly SphereQuadrature Rule = SphereQuadrature.GaussGegenbauer(3, NodesPerPanel);

    /// <summary>The rule for cutoff Λ with uniform panels of width <paramref name="step"/> on [0, <paramref name="core"/>].</summary>
    public VertexQuadrature(double cutoff, double core, double step)
    {
        var edges = new List<double> { 0 };
        double end = Math.Min(cutoff, core);
        int uniform = Math.Max(1, (int)Math.Ceiling(end / step));
        for (int k = 1; k <= uniform; k++) edges.Add(end * k / uniform);
        while (edges[^1] < cutoff) edges.Add(Math.Min(cutoff, edges[^1] * Math.Sqrt(2)));
        var nodes = new List<double>();
        var weights = new List<double>();
        foreach (int sign in new[] { -1, 1 })
            for (int p = 0; p + 1 < edges.Count; p++)
            {
                double lo = edges[p], hi = edges[p + 1];
                for (int j = 0; j < Rule.Nodes.Length; j++)
                {
                    nodes.Add(sign * (lo + (hi - lo) * (Rule.Nodes[j] + 1) / 2));
                    weights.Add(Rule.Weights[j] * (hi - lo));
                }
            }
        Nodes = [.. nodes];
        Weights = [.. weights];
    }
}
