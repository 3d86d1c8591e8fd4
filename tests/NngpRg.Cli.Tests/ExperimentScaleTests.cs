using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace NngpRg.Cli.Tests;

/// <summary><c>experiment</c> at scale: the eigensolver choice, the memory account and the up-front memory error.</summary>
public sealed class ExperimentScaleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nngp-rg-scale-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 400 rows: label, then 12 features with decaying scales and a class shift on the first
    private string Csv()
    {
        var random = new Random(5);
        var sb = new StringBuilder();
        for (int i = 0; i < 400; i++)
        {
            int label = i % 2;
            sb.Append(label.ToString(CultureInfo.InvariantCulture));
            for (int j = 0; j < 12; j++)
            {
                double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                sb.Append(',').Append((g / (j + 1) + (j == 0 ? label : 0)).ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        var path = Path.Combine(_dir, "data.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static readonly string[] Fast = ["--format", "csv", "--n", "300", "--eta-grid", "20,40,80", "--draws", "2", "--output-format", "json"];

    [Fact]
    public void All_modes_report_two_matrices_the_estimate_and_the_residuals()
    {
        var r = CliRunner.Run(["experiment", "--data", Csv(), .. Fast]);
        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        var memory = root.GetProperty("memory");
        Assert.Equal(2.0, memory.GetProperty("trackedPeakInMatrices").GetDouble());
        Assert.Equal(2L * 8 * 300 * 300, memory.GetProperty("trackedPeakBytes").GetInt64());
        Assert.True(memory.GetProperty("estimatedPeakBytes").GetInt64() >= memory.GetProperty("trackedPeakBytes").GetInt64());
        Assert.True(memory.GetProperty("availableBytes").GetInt64() > 0);
        var solver = root.GetProperty("eigensolver");
        Assert.Equal("full", solver.GetProperty("method").GetString());
        Assert.True(solver.GetProperty("maxResidual").GetDouble() < 1e-12);
        Assert.True(root.GetProperty("timings").GetProperty("diagonalization").GetDouble() >= 0);
        Assert.Contains("experiment: diagonalization 40/100", r.Err); // after the tridiagonal reduction
    }

    [Fact]
    public void Top_k_reports_iterations_residuals_and_one_matrix_plus_blocks()
    {
        var r = CliRunner.Run(["experiment", "--data", Csv(), .. Fast, "--top-k", "40"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var root = JsonDocument.Parse(r.Out).RootElement;
        var solver = root.GetProperty("eigensolver");
        Assert.Equal("top-K", solver.GetProperty("method").GetString());
        Assert.True(solver.GetProperty("converged").GetBoolean());
        Assert.Equal(40, solver.GetProperty("residuals").GetArrayLength());
        Assert.True(solver.GetProperty("maxResidual").GetDouble() <= solver.GetProperty("tolerance").GetDouble() * root.GetProperty("modes")[0].GetProperty("eigenvalue").GetDouble());
        Assert.Equal(1 + 4.0 * 90 / 300, root.GetProperty("memory").GetProperty("trackedPeakInMatrices").GetDouble(), 1e-12);
        Assert.Contains("--top-k", root.GetProperty("inputRidgeNote").GetString());
        Assert.Contains("experiment: diagonalization 0/300", r.Err);
        var table = CliRunner.Run(["experiment", "--data", Csv(), .. Fast[..^2], "--top-k", "40"]);
        Assert.Contains("eigensolver: leading K = 40 modes by subspace iteration", table.Out);
    }

    [Fact]
    public void Bad_top_k_and_an_impossible_N_are_user_errors()
    {
        var csv = Csv();
        var r = CliRunner.Run(["experiment", "--data", csv, .. Fast, "--top-k", "300"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--top-k K must satisfy 2 ≤ K < N = 300, got 300", r.Err);
        var range = CliRunner.Run(["experiment", "--data", csv, .. Fast, "--top-k", "11"]); // default fit range 10..12
        Assert.Equal(2, range.ExitCode);
        Assert.Contains("the fit range 10..12 must satisfy 1 ≤ first, last ≥ first + 2 and last ≤ K = 11 (the computed modes, --top-k)", range.Err);
    }

    [Fact]
    public void N_beyond_one_array_stops_before_any_work_on_real_MNIST()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "data", "mnist");
        string images = Path.Combine(dir, "train-images-idx3-ubyte"), labels = Path.Combine(dir, "train-labels-idx1-ubyte");
        Assert.True(File.Exists(images), $"needs the real MNIST files in {Path.GetFullPath(dir)}: run bash scripts/fetch-mnist.sh (or bash .ci/setup)");
        var r = CliRunner.Run(["experiment", "--data", images, "--labels", labels, "--format", "idx", "--n", "50000", "--eta-grid", "1000"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("N = 50000: the N × N kernel matrix has 2 500 000 000 entries", r.Err);
        Assert.Contains("N must be ≤ 46340", r.Err);
        Assert.DoesNotContain("kernel matrix 0/", r.Err);
    }
}
