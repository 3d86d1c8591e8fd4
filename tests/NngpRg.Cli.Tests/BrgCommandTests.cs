using System.Text.Json;
using NngpRg.Core.Bayesian;
using Xunit;

namespace NngpRg.Cli.Tests;

public class BrgCommandTests
{
    private static readonly string[] SmallExperiment =
        ["brg", "experiment", "--ensemble", "4", "--width", "200", "--train", "40", "--test", "50", "--fisher-samples", "100", "--epochs", "100",
         "--cutoffs", "0.001,0.1,1,10,1000", "--trace-point", "5"];

    [Fact]
    public void Cosnet_json_has_the_quadrature_and_the_Monte_Carlo_within_its_errors()
    {
        var r = CliRunner.Run("brg", "cosnet", "--width", "100", "--networks", "2000", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var propagator = root.GetProperty("propagator");
        // B1: G_10(r) and G_5(r) at m = 1, d = 1 (scipy reference values).
        Assert.Equal(0.4682744826, propagator[0].GetProperty("full").GetDouble(), 1e-9);
        Assert.Equal(0.1728844348, propagator[2].GetProperty("kept").GetDouble(), 1e-9);
        Assert.Equal(0.5, propagator[0].GetProperty("continuum").GetDouble(), 1e-15);
        var mc = root.GetProperty("monteCarlo");
        Assert.Equal(new[] { "alpha0", "alpha1" }, mc.EnumerateArray().Select(m => m.GetProperty("construction").GetString()!).ToArray());
        Assert.True(root.GetProperty("worstZ").GetDouble() < 4);
        Assert.Contains("brg cosnet: done", r.Err);
    }

    [Fact]
    public void Cosnet_without_networks_is_quadrature_only_and_writes_the_csv_atomically()
    {
        var dir = Directory.CreateTempSubdirectory("brg-cli-");
        try
        {
            var path = Path.Combine(dir.FullName, "g.csv");
            var r = CliRunner.Run("brg", "cosnet", "--dim", "3", "--networks", "0", "--csv", path);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("verdict: no Monte Carlo", r.Out);
            var lines = File.ReadAllLines(path);
            Assert.Equal("construction,r,exact_full,exact_kept,mc_full,mc_full_se,mc_kept,mc_kept_se", lines[0]);
            Assert.Equal(5, lines.Length);
            Assert.Equal(0.4320777196, double.Parse(lines[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
            Assert.Single(Directory.GetFiles(dir.FullName));  // no temporary file left behind
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Shell_json_carries_the_derived_flow_and_the_identity()
    {
        var r = CliRunner.Run("brg", "shell", "--dim", "3", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var d = doc.RootElement.GetProperty("derivation");
        Assert.Equal("2*m^{2}", d.GetProperty("massFlow").GetProperty("infix").GetString());
        Assert.Equal("1/s", d.GetProperty("prefactor").GetProperty("infix").GetString());
        Assert.Equal("-3*N", d.GetProperty("widthFlow").GetProperty("infix").GetString());
        var identity = doc.RootElement.GetProperty("identity");
        Assert.Equal(0.095706645708, identity[0].GetProperty("left").GetDouble(), 1e-11);  // B4
        Assert.Equal(0.095706645708, identity[0].GetProperty("right").GetDouble(), 1e-11);
        var alpha1 = doc.RootElement.GetProperty("flows")[1];
        Assert.Equal(1000 * Math.Exp(-3 * 0.5), alpha1.GetProperty("points")[2].GetProperty("expectedWidth").GetDouble(), 1e-9);
    }

    [Fact]
    public void Fisher_json_reproduces_the_stopping_points_and_flags_alpha_zero()
    {
        var r = CliRunner.Run("brg", "fisher", "--width", "1000", "--fisher-samples", "10,1000", "--modes", "20000", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var gp = doc.RootElement.GetProperty("gp");
        Assert.True(gp.GetProperty("allAgree").GetBoolean());
        Assert.Equal([9L, 31, 99, 95, 270], gp.GetProperty("settings").EnumerateArray().Select(s => s.GetProperty("keptModes").GetInt64()).ToArray());
        Assert.Equal([10L, 31, 100, 100, 316], gp.GetProperty("settings").EnumerateArray().Select(s => s.GetProperty("keptModesBareRidge").GetInt64()).ToArray());
        var cos = doc.RootElement.GetProperty("cosnet").EnumerateArray().ToArray();
        Assert.Equal(4, cos.Length);
        Assert.False(cos[0].GetProperty("carriesMomentumInformation").GetBoolean());
        Assert.True(cos[3].GetProperty("carriesMomentumInformation").GetBoolean());
        Assert.True(cos[3].GetProperty("shells")[0].GetProperty("mismatch").GetDouble() < cos[2].GetProperty("shells")[0].GetProperty("mismatch").GetDouble());
    }

    [Fact]
    public void Fisher_table_says_that_alpha_zero_carries_no_momentum_information()
    {
        var r = CliRunner.Run("brg", "fisher", "--width", "500", "--fisher-samples", "100", "--modes", "20000");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("carries no |w| information", r.Out);
        Assert.Contains("keeps exactly the flow's κ* modes", r.Out);
    }

    [Fact]
    public void Experiment_json_plot_and_csv()
    {
        var dir = Directory.CreateTempSubdirectory("brg-cli-");
        try
        {
            string plot = Path.Combine(dir.FullName, "brg.svg"), csv = Path.Combine(dir.FullName, "brg.csv");
            var r = CliRunner.Run([.. SmallExperiment, "--format", "json", "--plot", plot, "--csv", csv]);
            Assert.Equal(0, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Out);
            var root = doc.RootElement;
            var rows = root.GetProperty("rows").EnumerateArray().ToArray();
            Assert.Equal(6, rows.Length);
            Assert.Equal(0, rows[0].GetProperty("cutoff").GetDouble());
            double mse0 = root.GetProperty("trainedMse").GetProperty("mean").GetDouble();
            Assert.Equal(mse0, rows[0].GetProperty("mse").GetProperty("mean").GetDouble());
            // Λ_C follows its stated rule on the printed rows.
            var first = rows.Skip(1).FirstOrDefault(x => x.GetProperty("mse").GetProperty("mean").GetDouble() > 2 * mse0);
            var critical = root.GetProperty("criticalCutoff");
            if (first.ValueKind == JsonValueKind.Undefined) Assert.Equal(JsonValueKind.Null, critical.ValueKind);
            else Assert.Equal(first.GetProperty("cutoff").GetDouble(), critical.GetDouble());
            Assert.Contains("2 × MSE₀", root.GetProperty("criticalRule").GetString());
            Assert.Equal("gram", root.GetProperty("settings").GetProperty("solver").GetString());
            Assert.StartsWith("<?xml", File.ReadAllText(plot));
            Assert.Equal(7, File.ReadAllLines(csv).Length);
            Assert.Contains("brg experiment: done", r.Err);
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Experiment_solvers_agree_and_the_table_names_the_rules()
    {
        var gram = CliRunner.Run([.. SmallExperiment, "--format", "csv"]);
        var sgd = CliRunner.Run([.. SmallExperiment, "--format", "csv", "--solver", "sgd"]);
        Assert.Equal(0, gram.ExitCode);
        Assert.Equal(0, sgd.ExitCode);
        double Mse(string csv, int line) => double.Parse(csv.Split('\n')[line].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
        for (int line = 1; line <= 6; line++) Assert.Equal(Mse(gram.Out, line), Mse(sgd.Out, line), 1e-8 * Mse(gram.Out, line));
        var table = CliRunner.Run(SmallExperiment);
        Assert.Contains("Λ_C = ", table.Out);
        Assert.Contains("rule of thumb: Λ = ", table.Out);
        Assert.Contains("exactly 0", table.Out);
    }

    [Fact]
    public void Experiment_with_ten_Fisher_samples_warns_about_the_silent_units()
    {
        var r = CliRunner.Run("brg", "experiment", "--ensemble", "3", "--fisher-samples", "10", "--seed", "4", "--cutoffs", "1e-4,1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: with 10 Fisher samples", r.Out);
    }

    [Theory]
    [InlineData(new[] { "brg", "cosnet", "--dim", "2" }, "--dim must be 1 or 3")]
    [InlineData(new[] { "brg", "cosnet", "--shell", "12" }, "--shell k must lie in (0, --cutoff R = 10)")]
    [InlineData(new[] { "brg", "cosnet", "--radii", "0,x" }, "--radii: field 2 'x'")]
    [InlineData(new[] { "brg", "cosnet", "--networks", "1" }, "--networks must be 0")]
    [InlineData(new[] { "brg", "cosnet", "--construction", "beta" }, "unknown construction 'beta'")]
    [InlineData(new[] { "brg", "cosnet", "--mass", "0" }, "--mass must be finite and > 0")]
    [InlineData(new[] { "brg", "shell", "--scale", "0.5" }, "--scale s must lie in [1, 1e6]")]
    [InlineData(new[] { "brg", "fisher", "--momenta", "11" }, "--momenta: value 1 = 11 must lie in (0, --cutoff R = 10)")]
    [InlineData(new[] { "brg", "fisher", "--gp-settings", "1:100,2" }, "--gp-settings: pair 2 '2'")]
    [InlineData(new[] { "brg", "fisher", "--threshold", "1" }, "--threshold must lie in (0, 1)")]
    [InlineData(new[] { "brg", "fisher", "--modes", "100", "--fisher-samples", "1", "--width", "10" }, "increase --modes, now 100")]
    [InlineData(new[] { "brg", "experiment", "--ensemble", "2" }, "--ensemble must lie in 3 … 100000")]
    [InlineData(new[] { "brg", "experiment", "--cutoffs", "1,0.5" }, "--cutoffs: value 2 = 0.5 must be larger than value 1 = 1")]
    [InlineData(new[] { "brg", "experiment", "--solver", "adam" }, "unknown solver 'adam'")]
    [InlineData(new[] { "brg", "experiment", "--trace-point", "200" }, "--trace-point must index a test point, 0 … 199")]
    [InlineData(new[] { "brg", "experiment", "--lr", "-1" }, "--lr must be finite and > 0")]
    [InlineData(new[] { "brg", "experiment", "--format", "xml" }, "unknown format 'xml'")]
    [InlineData(new[] { "brg", "experiment", "--ensemble", "100000", "--width", "100000" }, "multiply-adds")]
    public void Bad_options_exit_2_with_the_rule(string[] args, string message)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_diverging_learning_rate_is_a_user_error()
    {
        var r = CliRunner.Run([.. SmallExperiment, "--lr", "0.01"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("members reached a test MSE below", r.Err);
    }

    [Fact]
    public void Plot_into_a_directory_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("brg-cli-");
        try
        {
            var r = CliRunner.Run([.. SmallExperiment, "--plot", dir.FullName]);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("is a directory", r.Err);
        }
        finally { dir.Delete(true); }
    }

    [Theory]
    [InlineData("cosnet", "--networks")]
    [InlineData("shell", "--scale")]
    [InlineData("fisher", "--gp-settings")]
    [InlineData("experiment", "--fisher-samples")]
    public void Help_lists_the_options(string sub, string option)
    {
        var r = CliRunner.Run("brg", sub, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains(option, r.Out);
        Assert.Contains("--format", r.Out);
    }

    [Fact]
    public void Default_experiment_options_are_the_published_configuration_with_1000_Fisher_samples()
    {
        var o = new BrgExperimentOptions();
        Assert.Equal((200, 200, 1000, 2000, 1000, 1e-6), (o.TrainSamples, o.TestSamples, o.FisherSamples, o.Width, o.Epochs, o.LearningRate));
        Assert.Equal([10, 10], o.HiddenWidths.ToArray());
        Assert.Equal(25, o.Cutoffs.Length);
    }
}
