using NngpRg.Core.Derivations;
using NngpRg.Symbolic.Expressions;
using Xunit;
using static NngpRg.Core.Derivations.NnqftCouplings;

namespace NngpRg.Core.Tests.FieldTheory;

/// <summary>The engine's coupling derivation against the closed formulas.</summary>
public sealed class CouplingDerivationTests
{
    [Fact]
    public void Contraction_counts_are_24_12_576_720()
    {
        Assert.Equal((24, 12, 576, 720), ContractionCounts);
    }

    [Fact]
    public void Relu_couplings_are_the_closed_formulas()
    {
        var d = CachedDerivation;
        Expr n = NnqftCorrelators.Width, s2 = NnqftCorrelators.SigmaW2, l = Cutoff;
        Assert.True(Engine.Same(d.Quantity("ReLU lambda"), Ex.Num(-25, 2) / (n * Ex.Pow(s2, 4) * Ex.Pow(l, 5))), d.Quantity("ReLU lambda").ToString());
        Assert.True(Engine.Same(d.Quantity(ReluRunning), Ex.Num(-5)));
        Assert.True(Engine.Same(d.Quantity(ReluTadpole), Ex.Num(15, 2) / n));
        Assert.True(Engine.Same(d.Quantity(ReluSextic), Ex.Num(371, 3) / (Ex.Pow(n, 2) * Ex.Pow(s2, 6) * Ex.Pow(l, 7))), d.Quantity(ReluSextic).ToString());
        // λ = −G_4c/(24 I_4)
        Assert.True(Engine.Same(d.Result, -NnqftCorrelators.Cumulant([1, 2, 3, 4]) / (24 * VertexIntegral)));
    }

    [Fact]
    public void Gauss_vertex_integral_is_the_completed_square_and_matches_quadrature()
    {
        double a = 0.7;
        double[] x = [0.1, -0.4, 0.3, 0.5];
        var (full, center, precision) = GaussVertexCoordinate(a, x[0], x[1], x[2], x[3]);
        double s = x.Sum(), q = x.Sum(v => v * v);
        Assert.Equal(Math.Sqrt(Math.PI / (4 * a)) * Math.Exp(-a * (q - s * s / 4)), full, 1e-14);
        Assert.Equal(s / 4, center, 14);
        Assert.Equal(8 * a, precision, 14);
        double sum = 0, h = 1e-3;
        for (double y = -12; y < 12; y += h) sum += h * x.Aggregate(1.0, (p, xi) => p * Math.Exp(-a * (xi - y) * (xi - y)));
        Assert.Equal(full, sum, 1e-10);
    }
}
