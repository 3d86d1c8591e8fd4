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

    private static double Central(int k) // binom(2k, k)/4^k
    {
        double c = 1;
        for (int i = 1; i <= k; i++) c *= (k + i) / (4.0 * i);
        return c;
    }

    /// <summary>
    /// ReLU depth 1 (σ_w² = 1): K(t) = (√(1−t²) + (π − arccos t) t)/(2π), so b_0 = 1/(2π), b_1 = 1/4 and, for k ≥ 1,
    /// b_{2k} = (binom(2k−2,k−1)/4^{k−1} − binom(2k,k)/4^k)/((2k−1)·2π). At d = 3072 the sum-rule remainder after ℓ = 6 must
    /// lie between 0 and Σ_{j&gt;6} b_j = K(1) − Σ_{j≤6} b_j (a coefficient b_j only reaches degrees ℓ ≤ j) and close to it
    /// (the weight of b_j on degree j is 1 − O(j²/d)); measured: 5.28e-3 of K(1).
    /// </summary>
    [Fact]
    public void Relu_spectrum_at_d_3072_satisfies_the_sum_rule()
    {
        var r = CliRunner.Run("spectrum", "-k", "relu", "-d", "3072", "-n", "6", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("taylor", root.GetProperty("route").GetString());
        double trace = root.GetProperty("sumRule").GetProperty("trace").GetDouble();
        double remainder = root.GetProperty("sumRule").GetProperty("remainder").GetDouble();
        Assert.Equal(0.5, trace, 15);
        double below = 1 / (2 * Math.PI) + 0.25;
        for (int k = 1; k <= 3; k++) below += (Central(k - 1) - Central(k)) / ((2 * k - 1) * 2 * Math.PI);
        double bound = trace - below;
        Assert.True(remainder >= 0 && remainder <= bound && remainder >= 0.95 * bound, $"remainder {remainder:R}, Σ_(j>6) b_j = {bound:R}");
        Assert.True(remainder / trace < 6e-3, $"relative remainder {remainder / trace:R}");
        foreach (var level in root.GetProperty("levels").EnumerateArray())
            Assert.True(level.GetProperty("eigenvalue").GetDouble() >= 0);
    }

    [Fact]
    public void Table_header_names_the_route()
    {
        var r = CliRunner.Run("spectrum", "-k", "erf", "-d", "3", "-n", "4");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("route quadrature", r.Out.Split('\n')[0]);
    }
}
