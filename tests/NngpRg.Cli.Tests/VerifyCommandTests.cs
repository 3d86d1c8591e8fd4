using System.Text.Json;
using NngpRg.Core.Kernels;
using Xunit;

namespace NngpRg.Cli.Tests;

public class VerifyCommandTests
{
    private static readonly string[] Small = ["verify", "--n", "300", "--test", "100", "--draws", "2", "--sigma2", "0.001", "--cutoff", "4"];

    [Fact]
    public void Json_starts_with_the_documented_fields_and_the_renormalized_ridge_wins()
    {
        var r = CliRunner.Run([.. Small, "--format", "json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(["rmsRenormalized", "rmsBare", "mse", "tail", "offDiagonalRms"], root.EnumerateObject().Take(5).Select(p => p.Name));
        Assert.Equal(["full", "renormalized", "bare"], root.GetProperty("mse").EnumerateObject().Select(p => p.Name));
        double renormalized = root.GetProperty("rmsRenormalized").GetDouble(), bare = root.GetProperty("rmsBare").GetDouble();
        Assert.True(bare > 2 * renormalized, $"bare {bare} vs renormalized {renormalized}");
        // c(4) agrees with the tail of the spectrum report computed independently (Funk–Hecke with K(1) from the diagonal map).
        var spectrum = SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(Activation.Relu, 1, 0), 1), 10, 4);
        Assert.Equal(spectrum.Levels[4].Tail, root.GetProperty("tail").GetDouble(), 1e-9);
        // Off the diagonal K_> is small compared with its diagonal c: the premise K_>(X, X) ≈ c I.
        Assert.True(root.GetProperty("offDiagonalRms").GetDouble() < 0.05 * root.GetProperty("tail").GetDouble());
        // the ratio carries a standard error, and the verdict is conditional on it and on the premise
        double improvement = root.GetProperty("improvement").GetDouble(), se = root.GetProperty("improvementStandardError").GetDouble();
        Assert.Equal(bare / renormalized, improvement, 12);
        Assert.True(se > 0 && improvement - 1 > 2 * se, $"{improvement} ± {se}");
        var premise = root.GetProperty("premise");
        // λ_5 = 0 (odd), λ_6 of the ReLU NNGP on S^9: n λ_6/σ² with n = 300
        Assert.Equal(6, premise.GetProperty("maxRemovedDegree").GetInt32());
        Assert.Equal(300 * spectrumAt6() / 1e-3, premise.GetProperty("maxRemovedSignal").GetDouble(), 1e-9);
        Assert.Equal(4, premise.GetProperty("weakestKeptDegree").GetInt32());
        Assert.Equal("holds", premise.GetProperty("status").GetString());
        Assert.Equal("better", root.GetProperty("verdictKind").GetString());
        Assert.Contains("times better than at bare σ²", root.GetProperty("verdict").GetString());
    }

    private static double spectrumAt6() => SphereSpectrum.Of(NngpKernel.Of(LayerMap.Of(Activation.Relu, 1, 0), 1), 10, 6).Levels[6].Eigenvalue;

    /// <summary>
    /// Cutoff 2 removes ℓ = 4, which is learnable (n λ_4/σ² ≈ 2.5 at n = 300): the old output read "1.0x better"; now the
    /// premise is reported as failing and no verdict is given.
    /// </summary>
    [Fact]
    public void A_failing_premise_gives_no_verdict()
    {
        var r = CliRunner.Run("verify", "--n", "300", "--test", "60", "--draws", "2", "--cutoff", "2", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("fails", root.GetProperty("premise").GetProperty("status").GetString());
        Assert.True(root.GetProperty("premise").GetProperty("maxRemovedSignal").GetDouble() > 1);
        Assert.Equal("premise-fails", root.GetProperty("verdictKind").GetString());
        Assert.StartsWith("no verdict", root.GetProperty("verdict").GetString());
        Assert.DoesNotContain("better", root.GetProperty("verdict").GetString());
    }

    /// <summary>The NTK as the regression kernel, and a deep ReLU with bias (which aborted with a NaN kernel matrix before).</summary>
    [Theory]
    [InlineData("--kernel-kind", "ntk")]
    [InlineData("--depth", "3", "--sigma-b2", "0.1")]
    public void Runs_with_the_ntk_and_deep_biased_kernels(params string[] extra)
    {
        var r = CliRunner.Run(["verify", "--n", "200", "--test", "50", "--draws", "2", "--format", "json", .. extra]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.True(double.IsFinite(doc.RootElement.GetProperty("rmsBare").GetDouble()));
        if (extra[0] == "--kernel-kind") Assert.Equal("ntk", doc.RootElement.GetProperty("settings").GetProperty("kind").GetString());
    }

    [Fact]
    public void Table_has_a_verdict_and_progress_stays_on_stderr()
    {
        var r = CliRunner.Run(Small);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("verdict: truncated kernel at σ²+c tracks the full kernel", r.Out);
        Assert.Contains("ratio rms_bare/rms_renormalized", r.Out);
        Assert.Contains("premise (removed modes unlearnable", r.Out);
        Assert.Contains("c(L) =", r.Out);
        Assert.DoesNotContain("draws of", r.Out);
        Assert.Contains("draws of n = 300", r.Err);
    }

    [Theory]
    [InlineData("--dim", "1", "--dim must be ≥ 2")]
    [InlineData("--n", "1", "--n must be ≥ 2")]
    [InlineData("--test", "0", "--test must be ≥ 1")]
    [InlineData("--sigma2", "0", "--sigma2 must be finite and > 0")]
    [InlineData("--cutoff", "-1", "--cutoff must be ≥ 0")]
    [InlineData("--draws", "1", "--draws must be ≥ 2")]
    [InlineData("--depth", "0", "--depth must be between 1 and 64")]
    [InlineData("--kernel", "tanh", "unknown kernel 'tanh'")]
    [InlineData("--format", "xml", "unknown format 'xml'")]
    [InlineData("--kernel-kind", "cntk", "unknown kind 'cntk'")]
    public void Bad_options_exit_2_with_the_rule(string option, string value, string message)
    {
        var r = CliRunner.Run("verify", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("--kernel", "arccos0", "--kernel-kind", "ntk", "arccos0 has no NTK")]
    [InlineData("--kernel", "arccos1", "--sigma-b2", "0.1", "--sigma-b2 does not apply to arccos1")]
    public void Options_that_do_not_apply_to_the_kernel_exit_2(string o1, string v1, string o2, string v2, string message)
    {
        var r = CliRunner.Run("verify", o1, v1, o2, v2);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
    }
}
