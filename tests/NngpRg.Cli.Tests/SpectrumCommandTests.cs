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

    /// <summary>
    /// RBF on S² decays below the double range from ℓ ≈ 149 (λ_156 underflows to 0; mpmath: 3.82e−325): those levels are
    /// said to carry no relative accuracy, and a 0 there has no relative error in csv (not the 0 of an exact zero).
    /// </summary>
    [Fact]
    public void Levels_below_the_double_range_are_not_called_exact()
    {
        var table = CliRunner.Run("spectrum", "--kernel", "rbf", "--dim", "3", "--lmax", "200");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("# ℓ = 147–200: below the normal double range (gradual underflow)", table.Out);
        var csv = CliRunner.Run("spectrum", "--kernel", "rbf", "--dim", "3", "--lmax", "200", "--format", "csv");
        var lines = csv.Out.Trim().Split('\n');
        Assert.Equal("156,0,313,0,", lines[157].Trim());
        double stated = double.Parse(lines[152].Split(',')[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stated > 1, $"ℓ = 151 (λ ≈ 1.08e−312, a subnormal) stated {stated:R}");
    }

    [Fact]
    public void Power_law_tails_are_hurwitz_zeta_values()
    {
        var r = CliRunner.Run("spectrum", "--kernel", "powerlaw", "--alpha", "1", "--lmax", "3", "--format", "csv");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Trim().Split('\n');
        Assert.Equal("degree,eigenvalue,multiplicity,tail,relative_error", lines[0]);
        double tail1 = double.Parse(lines[1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.PI * Math.PI / 6 - 1, tail1, 12);
    }

    [Theory]
    [InlineData("--kernel", "tanh")]
    [InlineData("--kernel", "relu", "--dim", "1")]
    [InlineData("--kernel", "relu", "--lmax", "-1")]
    [InlineData("--kernel", "relu", "--sigma-w2", "NaN")]
    [InlineData("--kernel", "powerlaw", "--alpha", "-1")]
    [InlineData("--kernel", "arccos1", "--sigma-w2", "2")]
    [InlineData("--kernel", "arccos2", "--sigma-b2", "0.1")]
    [InlineData("--kernel", "arccos0", "--kernel-kind", "ntk")]
    [InlineData("--kernel", "relu", "--kernel-kind", "cntk")]
    [InlineData("--kernel", "relu", "--lmax", "5000")]
    [InlineData("--kernel", "powerlaw", "--kernel-kind", "ntk")]
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
        Assert.Equal("series", root.GetProperty("route").GetString());
        double trace = root.GetProperty("sumRule").GetProperty("trace").GetDouble();
        double remainder = root.GetProperty("sumRule").GetProperty("remainder").GetDouble();
        Assert.Equal(0.5, trace, 15);
        double below = 1 / (2 * Math.PI) + 0.25;
        for (int k = 1; k <= 3; k++) below += (Central(k - 1) - Central(k)) / ((2 * k - 1) * 2 * Math.PI);
        double bound = trace - below;
        Assert.True(remainder >= 0 && remainder <= bound && remainder >= 0.95 * bound, $"remainder {remainder:R}, Σ_(j>6) b_j = {bound:R}");
        Assert.True(remainder / trace < 6e-3, $"relative remainder {remainder / trace:R}");
        foreach (var level in root.GetProperty("levels").EnumerateArray())
            Assert.True(level.GetProperty("eigenvalue").GetDouble() >= 0 && level.GetProperty("relativeError").GetDouble() < 1e-10);
    }

    private static (double Eigenvalue, double Relative)[] Csv(string output) =>
        [.. output.Trim().Split('\n').Skip(1).Select(line => line.Split(',')).Select(f => (Parse(f[1]), Parse(f[4])))];

    private static double Parse(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The reported defect (ReLU, d = 10): --lmax 70 instead of 30 switched routes, moved λ_30 by 2.5 % and λ_40 by 17 %, and
    /// printed 0 from ℓ = 60 on. Now the eigenvalues are the same for both, and match 60-digit quadrature (mpmath,
    /// tests/NngpRg.Core.Tests/Reference/sphere_spectra.py) within the stated relative error, which is below 1e−10.
    /// </summary>
    [Fact]
    public void Relu_eigenvalues_do_not_depend_on_lmax_and_carry_their_accuracy()
    {
        var short_ = CliRunner.Run("spectrum", "--kernel", "relu", "--dim", "10", "--lmax", "30", "--format", "csv");
        var long_ = CliRunner.Run("spectrum", "--kernel", "relu", "--dim", "10", "--lmax", "100", "--format", "csv");
        Assert.Equal(0, short_.ExitCode);
        Assert.Equal(0, long_.ExitCode);
        var a = Csv(short_.Out);
        var b = Csv(long_.Out);
        for (int l = 0; l <= 30; l++) Assert.Equal(a[l].Eigenvalue, b[l].Eigenvalue);
        // reference values (25 digits) from the mpmath script
        foreach (var (l, reference) in new[] { (30, 6.654978997768159681982823e-14), (40, 2.942496542541127690579481e-15), (60, 3.218425132606846035518791e-17), (100, 9.392386762612862544626782e-20) })
        {
            Assert.True(b[l].Relative < 1e-10, $"ℓ = {l}: stated {b[l].Relative:E2}");
            Assert.True(Math.Abs(b[l].Eigenvalue / reference - 1) <= b[l].Relative, $"ℓ = {l}: {b[l].Eigenvalue:R} vs {reference:R} (stated {b[l].Relative:E2})");
        }
    }

    /// <summary>RBF on S² printed 0 from ℓ = 14 on; it is the Bessel closed form e^{−1} I_{ℓ+1/2}(1) Γ(3/2) √2 (values from mpmath).</summary>
    [Fact]
    public void Rbf_on_the_two_sphere_follows_the_bessel_closed_form()
    {
        var r = CliRunner.Run("spectrum", "--kernel", "rbf", "--dim", "3", "--lmax", "40", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("bessel", doc.RootElement.GetProperty("route").GetString());
        var levels = doc.RootElement.GetProperty("levels");
        foreach (var (l, reference) in new[] { (13, 1.753382486394422236797031e-15), (14, 6.03943511179498640713522e-17), (40, 5.727349921996526020792473e-62) })
        {
            double value = levels[l].GetProperty("eigenvalue").GetDouble(), relative = levels[l].GetProperty("relativeError").GetDouble();
            Assert.True(relative < 1e-12 && Math.Abs(value / reference - 1) <= relative, $"ℓ = {l}: {value:R} ± {relative:E2} vs {reference:R}");
        }
    }

    /// <summary>arccosN is the Cho–Saul kernel: k₁(1) = 1, and on S² λ₀ = 3/8, λ₁ = 1/6 (relu keeps the ReLU NNGP, 3/16 and 1/12).</summary>
    [Fact]
    public void Arccos1_is_the_cho_saul_kernel()
    {
        var r = CliRunner.Run("spectrum", "--kernel", "arccos1", "--dim", "3", "--lmax", "4", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var levels = doc.RootElement.GetProperty("levels");
        Assert.Equal(3.0 / 8, levels[0].GetProperty("eigenvalue").GetDouble(), 14);
        Assert.Equal(1.0 / 6, levels[1].GetProperty("eigenvalue").GetDouble(), 14);
        Assert.Equal(1.0, doc.RootElement.GetProperty("sumRule").GetProperty("trace").GetDouble());
    }

    /// <summary>The NTK: trace Θ(1) = K(1) + K̇(1) K⁰(1) = 1/2 + 1/2 for depth-1 ReLU, and its levels sum to at most that.</summary>
    [Fact]
    public void Ntk_spectrum_has_the_ntk_trace()
    {
        var r = CliRunner.Run("spectrum", "--kernel", "relu", "--kernel-kind", "ntk", "--dim", "10", "--lmax", "20", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("ntk", doc.RootElement.GetProperty("kind").GetString());
        var sum = doc.RootElement.GetProperty("sumRule");
        Assert.Equal(1.0, sum.GetProperty("trace").GetDouble(), 15);
        Assert.InRange(sum.GetProperty("remainder").GetDouble(), 0, 0.1);
        Assert.Contains("relu NTK, depth 1", CliRunner.Run("spectrum", "-k", "relu", "--kernel-kind", "ntk", "-n", "2").Out);
    }

    [Fact]
    public void Table_header_names_the_route_and_the_kernel()
    {
        var r = CliRunner.Run("spectrum", "-k", "erf", "-d", "3", "-n", "4");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("route series", r.Out.Split('\n')[0]);
        Assert.Contains("rel.error", r.Out);
        Assert.Contains("Cho–Saul", CliRunner.Run("spectrum", "-k", "arccos2", "-n", "2").Out);
    }
}
