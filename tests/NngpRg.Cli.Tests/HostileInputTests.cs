using System.Globalization;
using System.Text;
using Xunit;

namespace NngpRg.Cli.Tests;

/// <summary>
/// A battery of hostile inputs through every command: each must be refused with exit code 2 and a one-line-per-cause
/// message that starts with "error:", names a CLI option or the input, and carries no stack trace, no .NET parameter name
/// and no internal-error report.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nngp-rg-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv()
    {
        var sb = new StringBuilder();
        var random = new Random(3);
        for (int i = 0; i < 60; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{i % 2},{random.NextDouble():R},{random.NextDouble():R},{random.NextDouble():R}\n");
        var path = Path.Combine(_dir, "data.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    public static TheoryData<string[], string> Inputs() => new()
    {
        // numbers: invariant culture, commas refused, integers are digits
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0,001", "--eta", "100"], "--sigma2 '0,001': a comma" },
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--eta", "1,000"], "--eta '1,000'" },
        { ["verify", "--draws", "1e9"], "--draws '1e9'" },
        { ["verify", "--n", "1.5"], "--n '1.5'" },
        { ["spectrum", "-k", "relu", "--depth", "99999999999"], "--depth '99999999999'" },
        { ["curve", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--points", "1e3"], "--points '1e3'" },
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--eta", "NaN"], "--eta" },
        { ["brg", "shell", "--mass", "0,5"], "--mass '0,5'" },
        // non-finite results and values beyond double precision
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1e308", "--sigma2", "0.01", "--eta", "100"], "--alpha 1e308" },
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1e-300", "--sigma2", "0.01", "--eta", "100"], "--alpha must be at least" },
        { ["curve", "--spectrum", "powerlaw", "--alpha", "1e308", "--sigma2", "0.01"], "--alpha 1e308" },
        { ["spectrum", "-k", "relu", "--dim", "2147483647"], "--dim 2147483647" },
        { ["spectrum", "-k", "powerlaw", "--alpha", "1e-300"], "--alpha must be at least" },
        { ["spectrum", "-k", "relu", "--sigma-w2", "1e308"], "--sigma-w2 1e308" },
        { ["flow", "--kernel", "relu", "--dim", "2147483647", "--sigma2", "0.01", "--eta", "100"], "--dim 2147483647" },
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "1e308", "--eta", "1e308"], "--sigma2 1e308" },
        { ["verify", "--sigma-w2", "1e308", "-n", "20", "--test", "5"], "--sigma-w2 1e308" },
        { ["brg", "cosnet", "--radii", "0,NaN", "--networks", "0"], "--radii: field 2 'NaN'" },
        { ["nnqft", "correlators", "--sw", "0,5"], "--sw '0,5': a comma" },
        { ["nnqft", "correlators", "--out", "/dev/null"], "--out '/dev/null' is a character device" },
        { ["nnqft", "mc", "--sw", "1e-300", "--networks", "20"], "the result is not finite (measurements[0].measured.mean = NaN): --sw 1e-300" },
        { ["nnqft", "correlators", "--inputs", "1e-320,1"], "the result is not finite (orders[1].meanAbsFirstOrder = NaN): --inputs 1e-320,1" },
        // σ_w² = 0: the input layer ignores the inputs
        { ["spectrum", "-k", "relu", "--sigma-w2", "0"], "--sigma-w2 must be > 0" },
        { ["verify", "--sigma-w2", "0"], "--sigma-w2 must be > 0" },
        // unbounded work
        { ["spectrum", "-k", "powerlaw", "--lmax", "100000000"], "--lmax must be at most 1000000" },
        { ["spectrum", "-k", "relu", "--lmax", "100000"], "--lmax must be at most" },
        { ["verify", "--cutoff", "100000"], "--cutoff must be at most" },
        { ["verify", "--draws", "1000000000"], "--draws must be at most 10000" },
        { ["verify", "-n", "3000", "--test", "200", "--draws", "10000"], "more than the limit of 3E+12" },
        { ["verify", "--dim", "2147483647", "-n", "1000"], "--dim 2147483647 needs about" },
        { ["curve", "--spectrum", "powerlaw", "--alpha", "1", "--modes", "50000000", "--sigma2", "0.01", "--points", "20"], "--points 20 with --modes 50000000: 1E+09 mode-steps, more than the limit of 2E+08" },
        { ["sym", "expand", "(x+1)^100000"], "about 100001 terms, more than the limit of 100000" },
        { ["sym", "simplify", "(x+y+1)^1000"], "more than the limit of 100000" },
        { ["sym", "expand", "(x+1)^20000"], "digits, more than the limit of 20000000" },
        { ["sym", "diff", "x", "--wrt", "x", "--times", "-1"], "--times must be at least 1" },
        // paths and files
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--eta", "100", "--plot", "/dev/null"], "--plot '/dev/null' is a character device" },
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--eta", "100", "--plot", ""], "--plot: the file name is empty" },
        { ["flow", "--spectrum", "file:/dev/zero", "--sigma2", "0.01", "--eta", "100"], "is a character device, not a regular file of eigenvalues" },
        { ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--eta", "100", "--target", "/dev/zero"], "--target '/dev/zero' is a character device" },
        { ["brg", "experiment", "--csv", "/dev/null"], "--csv '/dev/null' is a character device" },
        { ["experiment", "--data", "/dev/zero", "--format", "idx", "--labels", "/dev/zero"], "--data '/dev/zero' is a character device" },
        { ["experiment", "--data", "/no/such/file.npy", "--format", "npy"], "--data '/no/such/file.npy': no such file" },
        { ["derive", "gaussian-step", "--out", ""], "--out: the folder name is empty" },
        { ["derive", "gaussian-step", "--out", "/dev/null"], "--out '/dev/null' is a character device, not a folder" },
        { ["derive", "--all", "--bogus"], "unknown option '--bogus'" },
        { ["derive", "no-such-derivation"], "unknown derivation" },
        { ["verify", "--test", "0"], "--test must be ≥ 1" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Hostile_inputs_are_refused_with_exit_2_and_a_precise_message(string[] args, string expected)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode} for {string.Join(' ', args)}: {r.Err}");
        Clean(r.Err);
        Assert.Contains(expected, r.Err);
    }

    /// <summary>A run past two seconds reports progress on stderr, and one extrapolated past its time limit is refused.</summary>
    [Fact]
    public void Long_derivative_runs_report_progress_and_are_refused_by_their_extrapolated_time()
    {
        var r = CliRunner.Run("sym", "diff", "exp(x^2)", "--wrt", "x", "--times", "100000");
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(@"sym diff: derivative \d+/100000, \d+ nodes \(\d+\.\d s\)", r.Err);
        Assert.Contains("error: --times 100000: the derivatives grow by about", r.Err);
        Assert.Contains("more than the limit of 60 s; ask for fewer derivatives.", r.Err);
        // a polynomial's derivatives reach 0: done at once whatever --times says
        r = CliRunner.Run("sym", "diff", "x^3 + x", "--wrt", "x", "--times", "100000");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("0", r.Out.Trim());
    }

    /// <summary>Hostile inputs of the experiment, which need a data file.</summary>
    [Fact]
    public void Hostile_experiment_options_are_refused_with_exit_2_before_any_work()
    {
        var data = Csv();
        string[] common = ["experiment", "--data", data, "--format", "csv"];
        (string[] Extra, string Expected)[] cases =
        [
            (["--sigma2", "0,01"], "--sigma2 '0,01': a comma"),
            (["--sigma-w2", "0"], "--sigma-w2 must be > 0"),
            (["--draws", "1000000000"], "--draws must be at most 10000"),
            (["--test", "0"], "--test must be ≥ 1 test point, got 0"),
            (["--test", "-5"], "--test must be ≥ 1 test point, got -5"),
            (["--n", "1000000", "--eta-grid", "100000,200000", "--draws", "50"], "more than the limit of 3E+12"),
            (["--n", "40", "--eta-grid", "10,20", "--sigma2", "1e-320"], ""),
            (["--out", "/dev/null"], "--out '/dev/null' is a character device, not a folder"),
            (["--test", "2147483647"], "--test 2147483647 exceeds --n 1000"),
            (["--n", "40", "--eta-grid", "10,20", "--draws", "2", "--sigma2", "1e308"], "--sigma2 1e308 is beyond what double precision carries"),
        ];
        foreach (var (extra, expected) in cases)
        {
            var r = CliRunner.Run([.. common, .. extra]);
            Assert.True(r.ExitCode == 2, $"exit {r.ExitCode} for {string.Join(' ', extra)}: {r.Err}");
            Clean(r.Err);
            Assert.Contains(expected, r.Err);
        }
    }

    /// <summary>verify refuses a run whose matrices exceed the free memory, naming --n and the estimate (memory given here).</summary>
    [Fact]
    public void Verify_beyond_memory_is_refused_up_front()
    {
        var settings = new Commands.VerifyCommand.Settings(Core.Kernels.Activation.Relu, 1, 10, 10_000, 200, 0.001, 4, 1, 2, 1, 0);
        var e = Assert.Throws<Infrastructure.UserError>(() => settings.Validate(availableBytes: 1e9));
        Assert.StartsWith("--n 10000 with --test 200 on S^(d-1) with --dim 10 needs about 5.7 GB", e.Message);
        Assert.Contains("more than the 1.0 GB available", e.Message);
        settings.Validate(availableBytes: 1e10);  // fits: no error
        Assert.Equal(8 * (2 * 10200.0 * 10200 + 5 * 1e8 + 2 * 10_000 * 200 + 10200 * 10), Commands.VerifyCommand.MemoryBytes(10_000, 200, 10));
    }

    // No stack trace, no .NET parameter name, no internal error; every line is an error line or the usage hint.
    private static void Clean(string err)
    {
        Assert.Contains(err.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("(Parameter '", err);
        Assert.DoesNotContain("Actual value was", err);
        Assert.DoesNotContain("internal error", err);
        Assert.DoesNotContain("Exception", err);
    }
}
