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
        Assert.Contains("better than at bare σ²", root.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Table_has_a_verdict_and_progress_stays_on_stderr()
    {
        var r = CliRunner.Run(Small);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("verdict: truncated kernel at σ²+c tracks the full kernel", r.Out);
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
    public void Bad_options_exit_2_with_the_rule(string option, string value, string message)
    {
        var r = CliRunner.Run("verify", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
        Assert.Equal("", r.Out);
    }
}
