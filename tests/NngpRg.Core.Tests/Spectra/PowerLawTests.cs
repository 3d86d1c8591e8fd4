using NngpRg.Core.Spectra;
using Xunit;

namespace NngpRg.Core.Tests.Spectra;

public class PowerLawTests
{
    [Theory]
    [InlineData(1.0, 0.5)]
    [InlineData(2.5, 1.0)]
    [InlineData(0.3, 3.0)]
    public void Tail_differences_are_the_eigenvalues(double a, double alpha)
    {
        var law = new PowerLaw(a, alpha);
        foreach (long kappa in new long[] { 0, 1, 5, 11, 12, 40, 1000, 123_456 })
            Assert.Equal(law.Eigenvalue(kappa + 1), law.Tail(kappa) - law.Tail(kappa + 1), 1e-13 * law.Tail(kappa));
    }

    [Fact]
    public void Tail_matches_compensated_brute_force_and_the_asymptote()
    {
        var law = new PowerLaw(1.7, 2.0);
        // α = 2: terms decay like k^{−3}; the remainder past 10⁶ is added by the midpoint integral.
        double sum = 0;
        for (long k = 1_000_000; k > 10; k--) sum += law.Eigenvalue(k);
        sum += 1.7 * Math.Pow(1_000_000.5, -2) / 2;
        Assert.Equal(sum, law.Tail(10), 1e-14);
        // c(κ) ≈ (A/α) κ^{−α} at large κ (docs/theory.md (3.8)).
        Assert.Equal(1, law.Tail(1_000_000) / (1.7 / 2 * Math.Pow(1_000_000, -2)), 1e-5);
        Assert.Equal(1.7 * 1.2020569031595942, law.TotalTrace, 1e-14);
    }

    [Fact]
    public void Invalid_parameters_are_rejected_with_the_rule()
    {
        Assert.Contains("must be finite and > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new PowerLaw(0, 1)).Message);
        Assert.Contains("summable", Assert.Throws<ArgumentOutOfRangeException>(() => new PowerLaw(1, -0.1)).Message);
        Assert.Contains("k = 0", Assert.Throws<ArgumentOutOfRangeException>(() => new PowerLaw(1, 1).Eigenvalue(0)).Message);
    }
}
