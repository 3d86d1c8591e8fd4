using NngpRg.Core.Spectra;

namespace NngpRg.Core.Tests.Derivations;

/// <summary>Gauss–Hermite quadrature for E[f(z)], z ~ N(0, 1), by Golub–Welsch on the probabilists' Jacobi matrix.</summary>
internal static class GaussHermite
{
    private static readonly (double[] Nodes, double[] Weights) Rule = Build(60);

    private static (double[], double[]) Build(int n)
    {
        var diagonal = new double[n];
        var off = Enumerable.Range(1, n - 1).Select(i => Math.Sqrt(i)).ToArray();
        var (nodes, weights) = SymmetricTridiagonal.Solve(diagonal, off);
        return (nodes, weights);
    }

    /// <summary>The n-point rule for E[f(z)], z ~ N(0, 1): nodes and weights (the weights sum to 1).</summary>
    public static (double[] Nodes, double[] Weights) RuleOf(int n) => Build(n);

    /// <summary>E[f(z)] for z ~ N(0, 1) (exact for polynomials of degree below 120).</summary>
    public static double Expect(Func<double, double> f)
    {
        double s = 0;
        for (int i = 0; i < Rule.Nodes.Length; i++) s += Rule.Weights[i] * f(Rule.Nodes[i]);
        return s;
    }
}
