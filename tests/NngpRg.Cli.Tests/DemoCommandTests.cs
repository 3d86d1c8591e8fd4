using System.Text.Json;
using Xunit;

namespace NngpRg.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public void Json_has_the_four_sections_and_the_check_confirms_the_flow()
    {
        var r = CliRunner.Run("demo", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(["derivations", "spectrum", "flow", "check"], root.EnumerateObject().Select(p => p.Name));
        var derived = root.GetProperty("derivations");
        Assert.Equal("gaussian-step", derived[0].GetProperty("name").GetString());
        Assert.Equal("-\\lambda_{\\kappa}", derived[0].GetProperty("latex").GetString());
        Assert.Equal("non-gaussian-step", derived[1].GetProperty("name").GetString());
        Assert.Contains("m_{2}", derived[1].GetProperty("latex").GetString());
        var flow = root.GetProperty("flow");
        // η = 600, σ² = 0.001 on S^9: the levels ℓ ≤ 4 (1 + 10 + 54 + 660 modes with λ > 0) are learnable.
        Assert.Equal(4, flow.GetProperty("cutoffDegree").GetInt32());
        Assert.Equal(725, flow.GetProperty("keptModes").GetInt64());
        var check = root.GetProperty("check");
        Assert.Equal(4, check.GetProperty("settings").GetProperty("cutoff").GetInt32());
        // The flow's shift c(κ*) is the spectrum's tail after ℓ = 4 (up to the degrees beyond the listed ones).
        Assert.Equal(check.GetProperty("tail").GetDouble(), flow.GetProperty("ridgeShift").GetDouble(), 1e-4);
        Assert.True(check.GetProperty("improvement").GetDouble() > 2);
        Assert.True(flow.GetProperty("learnabilityAtStop").GetDouble() >= 0.5);
    }

    [Fact]
    public void Table_prints_the_sections_and_a_verdict()
    {
        var r = CliRunner.Run("demo", "--eta", "100");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("== 0. Flow equations, derived symbolically", r.Out);
        Assert.Contains("== 1. Spectrum", r.Out);
        Assert.Contains("== 2. Gaussian ridge flow", r.Out);
        Assert.Contains("== 3. Check by exact kernel ridge regression", r.Out);
        Assert.Contains("verdict:", r.Out);
        Assert.Contains("demo: done", r.Err);
    }

    [Fact]
    public void Bad_eta_exits_2()
    {
        var r = CliRunner.Run("demo", "--eta", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--eta must be between 2 and 5000", r.Err);
    }
}
