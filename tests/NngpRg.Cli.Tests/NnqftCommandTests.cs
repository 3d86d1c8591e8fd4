using System.Text.Json;
using Xunit;

namespace NngpRg.Cli.Tests;

public class NnqftCommandTests
{
    [Fact]
    public void Correlators_json_has_the_relu_ratios_and_g2_equal_to_the_kernel()
    {
        var r = CliRunner.Run("nnqft", "correlators", "--width", "20", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var orders = doc.RootElement.GetProperty("orders");
        Assert.Equal(0, orders[0].GetProperty("meanRelativeDeviation").GetDouble());
        Assert.Equal(5, orders[1].GetProperty("meanAbsFirstOrder").GetDouble(), 10);
        Assert.Equal(0.25, orders[1].GetProperty("meanRelativeDeviation").GetDouble(), 12);
        Assert.Equal(126, orders[1].GetProperty("tuples").GetArrayLength());
        Assert.Equal(15, orders[2].GetProperty("meanAbsFirstOrder").GetDouble(), 9);
        Assert.Equal(44, orders[2].GetProperty("meanSecondOrder").GetDouble(), 9);
        Assert.Equal("PolarQuadrature", doc.RootElement.GetProperty("momentMethod").GetString());
    }

    [Fact]
    public void Lambda_gives_the_relu_coupling_its_running_the_tadpole_and_kappa()
    {
        var dir = Directory.CreateTempSubdirectory("nnqft-cli-");
        try
        {
            var path = Path.Combine(dir.FullName, "lambda.json");
            var r = CliRunner.Run("nnqft", "lambda", "--width", "1", "--cutoffs", "3,10,100", "--kappa", "--format", "json", "--out", path);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(r.Out, File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir.FullName));
            using var doc = JsonDocument.Parse(r.Out);
            var root = doc.RootElement;
            Assert.Equal(24, root.GetProperty("contractions").GetProperty("quartic").GetInt32());
            Assert.Equal(-12.5 / Math.Pow(3, 5), root.GetProperty("cutoffs")[0].GetProperty("meanLambda").GetDouble(), 1e-12);
            Assert.Equal(-5, root.GetProperty("running").GetProperty("slope").GetDouble(), 9);
            Assert.Equal(7.5, root.GetProperty("tadpole")[0].GetProperty("ratio").GetDouble(), 9);
            Assert.Equal(371 / (3 * Math.Pow(3, 7)), root.GetProperty("kappa")[0].GetProperty("kappa").GetDouble(), 1e-9);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Lambda_for_the_gauss_net_freezes_and_takes_a_momentum_cutoff()
    {
        var r = CliRunner.Run("nnqft", "lambda", "--net", "gauss", "--inputs", "0,0,0,0", "--width", "1", "--momentum", "2", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var cutoffs = doc.RootElement.GetProperty("cutoffs");
        double infinite = cutoffs[cutoffs.GetArrayLength() - 1].GetProperty("meanLambda").GetDouble();
        Assert.Equal(-(3 * Math.Exp(4) - 3) / (24 * Math.Sqrt(Math.PI / 2)), infinite, 9);
        Assert.Equal(2.611477972, cutoffs[0].GetProperty("meanLambda").GetDouble() / infinite, 1e-8);
        Assert.Equal(1.081495, doc.RootElement.GetProperty("momentum")[0].GetProperty("meanLambda").GetDouble() / infinite, 1e-5);
        Assert.Contains("freezes", CliRunner.Run("nnqft", "lambda", "--net", "gauss").Out);
    }

    [Fact]
    public void Mc_agrees_with_the_exact_correlators_and_reports_progress()
    {
        var r = CliRunner.Run("nnqft", "mc", "--width", "5", "--networks", "20000", "--inputs", "0.2,0.6,1.2", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.True(doc.RootElement.GetProperty("worstZ").GetDouble() < 4.5);
        var m4 = doc.RootElement.GetProperty("measurements")[1];
        Assert.Equal("m₄", m4.GetProperty("kind").GetString());
        Assert.Equal(1, m4.GetProperty("exact").GetDouble(), 12);
        Assert.Contains("nnqft mc: done", r.Err);
        var table = CliRunner.Run("nnqft", "mc", "--width", "5", "--networks", "2000", "--inputs", "0.2,0.6");
        Assert.Contains("verdict: largest |z|", table.Out);
    }

    [Fact]
    public void Experiment_fits_the_slopes_and_writes_the_plot_atomically()
    {
        var dir = Directory.CreateTempSubdirectory("nnqft-plot-");
        try
        {
            var svg = Path.Combine(dir.FullName, "deviation.svg");
            var r = CliRunner.Run("nnqft", "experiment", "--widths", "2,4,8,16", "--networks", "40000", "--inputs", "0.5,1", "--plot", svg, "--format", "json");
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var slope = doc.RootElement.GetProperty("slopes")[0];
            Assert.Equal("m₄", slope.GetProperty("kind").GetString());
            Assert.True(Math.Abs(slope.GetProperty("slope").GetDouble() + 1) < 0.25, r.Out);
            Assert.StartsWith("<svg", File.ReadAllText(svg).TrimStart().Split('\n').First(l => l.TrimStart().StartsWith("<svg")).TrimStart());
            Assert.Single(Directory.GetFiles(dir.FullName));
            Assert.Contains("width 16 done", r.Err);
        }
        finally { dir.Delete(true); }
    }

    [Theory]
    [InlineData("--net", "tanh")]
    [InlineData("--sw", "0")]
    [InlineData("--inputs", "0.1;x")]
    [InlineData("--dim", "2", "--inputs", "0.1,0.2,0.3")]
    [InlineData("--width", "0")]
    [InlineData("--format", "xml")]
    public void Bad_options_of_correlators_exit_2_with_the_rule(params string[] option)
    {
        var r = CliRunner.Run(["nnqft", "correlators", .. option]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --", r.Err);
    }

    [Fact]
    public void Relu_in_two_dimensions_gives_exact_correlators_and_the_reference_lambda()
    {
        const string inputs = "0.5,0.5;0.5,1;1,0.5;1,1";
        var c = CliRunner.Run("nnqft", "correlators", "--net", "relu", "--dim", "2", "--sb", "0", "--inputs", inputs, "--format", "json");
        Assert.Equal(0, c.ExitCode);
        var l = CliRunner.Run("nnqft", "lambda", "--net", "relu", "--dim", "2", "--sb", "0", "--inputs", inputs, "--cutoffs", "1,10", "--width", "1", "--tuple", "1,2,3,4");
        Assert.Equal(0, l.ExitCode);
        // N Λ⁶ λ at the four distinct points (independent dblquad: −16.7729), and the exact slope −6
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(l.Out, @"-16\.77\d*\s+quadrature").Count);
        Assert.Contains("-(d+4) = -6 exactly", l.Out.Replace('−', '-'));
        foreach (var refused in new[] { new[] { "--net", "relu", "--sb", "0.5" }, ["--net", "erf"] })
        {
            var r = CliRunner.Run(["nnqft", "lambda", "--dim", "2", "--inputs", inputs, .. refused]);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("Monte Carlo only", r.Err);
        }
    }

    [Fact]
    public void Impossible_requests_exit_2_with_the_reason()
    {
        var erf = CliRunner.Run("nnqft", "lambda", "--net", "erf", "--cutoffs", "inf");
        Assert.Equal(2, erf.ExitCode);
        Assert.Contains("diverges", erf.Err);
        var d2 = CliRunner.Run("nnqft", "correlators", "--net", "erf", "--dim", "2");
        Assert.Equal(2, d2.ExitCode);
        Assert.Contains("d = 1", d2.Err);
        Assert.Equal(2, CliRunner.Run("nnqft", "experiment", "--widths", "2,2").ExitCode);
        Assert.Equal(2, CliRunner.Run("nnqft", "experiment", "--plot", "a.txt").ExitCode);
        Assert.Equal(2, CliRunner.Run("nnqft", "mc", "--networks", "5").ExitCode);
        Assert.Equal(2, CliRunner.Run("nnqft", "lambda", "--tuple", "1,2,3,9").ExitCode);
        var help = CliRunner.Run("nnqft", "lambda", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--cutoffs", help.Out);
    }
}
