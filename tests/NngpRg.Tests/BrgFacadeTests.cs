using NngpRg.Core.Bayesian;
using Xunit;

namespace NngpRg.Tests;

public class BrgFacadeTests
{
    [Fact]
    public void Facade_reaches_the_propagator_the_Monte_Carlo_the_flow_and_the_information_shell()
    {
        Assert.Equal(0.2976031119, Brg.Propagator(1, 1, 10, 0.5), 1e-9);
        Assert.Equal(Math.Exp(-1) / (4 * Math.PI), Brg.Propagator(3, 1, double.PositiveInfinity, 1), 1e-15);
        var net = Brg.CosNet(1, 1, 10, CosNetConstruction.UniformMomentaWithAmplitude, 100);
        var mc = Brg.Covariance(net, [0.5], 3000, 1, 5);
        Assert.True(Math.Abs(mc.Kept[0].Mean - 0.3206563491) < 4 * mc.Kept[0].StandardError);
        Assert.Equal(2 - 3, Brg.Rescaling(3).PrefactorExponent);
        var flow = Rg.Flow(Rg.PowerLaw(alpha: 1, explicitModes: 20_000), sigma2: 0.01, eta: 1000);
        Assert.Equal(flow.KeptModes, Brg.InformationShell(Rg.PowerLaw(alpha: 1, explicitModes: 20_000), 0.01, 1000).KeptModes);
        Assert.Throws<ArgumentOutOfRangeException>(() => Brg.Propagator(2, 1, 10, 0.5));
    }
}
