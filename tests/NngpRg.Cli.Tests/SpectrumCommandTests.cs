using System.Text.Json;
using Xunit;

namespace NngpRg.Cli.Tests;

public class SpectrumCommandTests
{
    [Fact]
    public void Relu_on_the_two_sphere_has_the_exact_low_levels_and_the_sum_rule()
    {
        // ReLU map with σ_w² = 1, σ_b² = 0 on S² is (1/2π)(√(1−t²) + (π − arccos t) t): λ₀ = 3/16, λ₁ = 1/12, λ₃ = 0.
        var r = CliRunner.Run("spectrum", "--kernel", "relu", "--dim", "3", "--lmax", "40", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var levels = doc.RootElement.GetProperty("levels");
        Assert.Equal(3.0 / 16, levels[0].GetProperty("eigenvalue").GetDouble(), 12);
        Assert.Equal(1.0 / 12, levels[1].GetProperty("eigenvalue").GetDouble(), 12);
        Assert.Equal(0.0, levels[3].GetProperty("eigenvalue").GetDouble(), 14);
        Assert.Equal(3.0, levels[1].GetProperty("multiplicity").GetDouble());
        var sumRule = doc.RootElement.GetProperty("sumRule");
        Assert.Equal(0.5, sumRule.GetProperty("trace").GetDouble(), 14);
        Assert.InRange(sumRule.GetProperty("remainder").GetDouble(), 0, 1e-4);
    }

    [Fact]
    public void Power_law_tails_are_hurwitz_zeta_values()
    {
        var r = CliRunner.Run("spectrum", "--kernel", "powerlaw", "--alpha", "1", "--lmax", "3", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Trim().Split('\n');
        Assert.Equal("degree,eigenvalue,multiplicity,tail", lines[0]);
        double tail1 = double.Parse(lines[1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.PI * Math.PI / 6 - 1, tail1, 12);
    }

    [Theory]
    [InlineData("--kernel", "tanh")]
    [InlineData("--kernel", "relu", "--dim", "1")]
    [InlineData("--kernel", "relu", "--lmax", "-1")]
    [InlineData("--kernel", "relu", "--sigma-w2", "NaN")]
    [InlineData("--kernel", "powerlaw", "--alpha", "-1")]
    public void Bad_parameters_exit_2_with_a_message(params string[] args)
    {
        var r = CliRunner.Run(["spectrum", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error:", r.Err);
    }
}
