using NngpRg.Core.FieldTheory;
using Xunit;

namespace NngpRg.Tests;

public class NnqftFacadeTests
{
    private static readonly IReadOnlyList<double>[] Four = [[0.2], [0.4], [0.6], [0.8]];

    [Fact]
    public void Facade_gives_the_relu_correlators_coupling_and_monte_carlo()
    {
        var relu = Nnqft.Network(NetworkKind.Relu);
        Assert.Equal(0, relu.SigmaB);
        Assert.All(Nnqft.Correlators(relu, Four, 4), p => Assert.Equal(5, p.FirstOrder, 10));
        Assert.Equal(-25 / (2 * 20 * Math.Pow(100, 5)), Nnqft.Coupling(relu, 20, Four, 100).Lambda, 1e-20);
        var mc = Nnqft.MonteCarlo(relu, 5, Four, 20_000, 3);
        var m4 = mc.Of(DeviationKind.FourPoint);
        Assert.Equal(1, m4.Exact!.Value, 12);
        Assert.True(Math.Abs(m4.Measured.Mean - 1) < 4 * m4.Measured.StandardError + 0.05, $"{m4.Measured}");
        Assert.Throws<ArgumentException>(() => Nnqft.Network(NetworkKind.Erf, sigmaW: 0));
        Assert.Contains("diverges", Assert.Throws<ArgumentException>(() => Nnqft.Coupling(relu, 20, Four, double.PositiveInfinity)).Message);
    }
}
