using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NngpRg.Bench;

/// <summary>
/// Runs the benchmark suite in process (the package mirror cannot restore BenchmarkDotNet's generated projects).
/// Usage: <c>dotnet run -c Release --project bench/NngpRg.Bench -- [--filter *Symbolic*] [--short]</c>.
/// Results (Markdown tables with ratios against each class's baseline) land in BenchmarkDotNet.Artifacts/results.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        bool quick = args.Contains("--short");
        args = args.Where(a => a != "--short").ToArray();
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
