using NngpRg.Core.Bayesian;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Printing;
using Xunit;

namespace NngpRg.Core.Tests.Bayesian;

public class CosNetRescalingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Engine_derives_the_prefactor_mass_and_flows(int d)
    {
        var r = CosNetRescaling.Derive(d);
        // Formula: prefactor s^{2−d}, m'² = s² m², separation r/s, dm²/dℓ = 2 m², α = 1: dN/dℓ = −d N.
        Assert.Equal(2 - d, r.PrefactorExponent);
        Assert.Equal((d - 2) / 2.0, r.FieldDimension);
        Assert.Equal("m^2*s^2", Infix.Print(r.RescaledMassSquared));
        Assert.Equal("r/s", Infix.Print(r.RescaledSeparation));
        Assert.Equal("2*m^{2}", Infix.Print(r.MassFlow));
        Assert.Equal(Ex.Mul(Ex.Num(-d), CosNetRescaling.Width), r.WidthFlow);
        // Numeric twin: the normal form equals the substituted integrand and s^{2−d}/(q² + s²m²) at random points.
        var random = new Random(7);
        for (int i = 0; i < 20; i++)
        {
            double s = 1 + 3 * random.NextDouble(), q = 5 * random.NextDouble(), m = 0.2 + 2 * random.NextDouble();
            var at = new Dictionary<Symbol, double> { [CosNetRescaling.S] = s, [CosNetRescaling.Q] = q, [CosNetRescaling.M] = m };
            double direct = Math.Pow(s, -d) / (q * q / (s * s) + m * m);
            Assert.Equal(direct, Evaluate.At(r.Substituted, at), 1e-13 * direct);
            Assert.Equal(direct, Evaluate.At(r.NormalForm, at), 1e-13 * direct);
            Assert.Equal(Math.Pow(s, 2 - d) / (q * q + s * s * m * m), direct, 1e-13 * direct);
            // m²(ℓ) = m² e^{2ℓ} and its ℓ-derivative by finite differences.
            double ell = Math.Log(s), h = 1e-5;
            double Along(double l) => Evaluate.At(r.MassSquaredAlongFlow, new Dictionary<Symbol, double> { [CosNetRescaling.Ell] = l, [CosNetRescaling.M] = m });
            Assert.Equal(m * m * s * s, Along(ell), 1e-12 * m * m * s * s);
            Assert.Equal(2 * Along(ell), (Along(ell + h) - Along(ell - h)) / (2 * h), 1e-6 * Along(ell));
        }
    }

    [Theory]
    [InlineData(1, 0.6, 0.283955799897)]
    [InlineData(1, 1.5, 0.118002716323)]
    [InlineData(3, 0.6, 0.095706645708)]
    [InlineData(3, 1.5, 0.009908296145)]
    public void Rescaling_identity_holds_at_the_reference_values(int d, double r, double expected)
    {
        // G_5(r; 1) = 2^{2−d} G_10(r/2; 2): both sides by quadrature, prefactor and mass from the derivation.
        var (left, right) = CosNetRescaling.Identity(new FreeScalar(d, 1, 10), 2, r);
        Assert.Equal(expected, left, 1e-11);
        Assert.Equal(expected, right, 1e-11);
    }

    [Fact]
    public void Rescaling_identity_holds_away_from_the_reference_points()
    {
        var random = new Random(3);
        for (int i = 0; i < 12; i++)
        {
            int d = i % 2 == 0 ? 1 : 3;
            var theory = new FreeScalar(d, 0.3 + random.NextDouble() * 2, 5 + 10 * random.NextDouble());
            double s = 1 + 4 * random.NextDouble(), r = 0.1 + 3 * random.NextDouble();
            var (left, right) = CosNetRescaling.Identity(theory, s, r);
            Assert.Equal(left, right, 1e-12 * Math.Max(1, Math.Abs(left)));
        }
    }

    [Fact]
    public void Flow_runs_the_mass_up_and_the_width_down()
    {
        foreach (var construction in new[] { CosNetConstruction.PropagatorWeightedMomenta, CosNetConstruction.UniformMomentaWithAmplitude })
        {
            var net = new CosNet(new FreeScalar(3, 0.7, 10), construction, 1000);
            var flow = CosNetRescaling.Flow(net, [0, 0.5, Math.Log(2)]);
            Assert.Equal(0.7, flow[0].Mass, 1e-15);
            Assert.Equal(0.7 * Math.Exp(0.5), flow[1].Mass, 1e-13);
            Assert.Equal(1000, flow[0].ExpectedWidth, 1e-9);
            double expected = construction == CosNetConstruction.UniformMomentaWithAmplitude
                ? 1000 / 8.0
                : 1000 * (5 - 0.7 * Math.Atan(5 / 0.7)) / (10 - 0.7 * Math.Atan(10 / 0.7));
            Assert.Equal(expected, flow[2].ExpectedWidth, 1e-9);
            // Field variance of the rescaled theory = s^{d−2} × the variance left below k = R/s.
            Assert.Equal(2 * CutoffPropagator.AtOrigin(new FreeScalar(3, 0.7, 5)), flow[2].FieldVariance, 1e-12);
        }
    }
}
