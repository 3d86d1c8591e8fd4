using System.Text.Json;
using Xunit;

namespace NngpRg.Cli.Tests;

public class DeriveCommandTests
{
    [Fact]
    public void Json_has_steps_and_a_result_that_parses_back()
    {
        var r = CliRunner.Run("derive", "gaussian-step", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("gaussian-step", doc.RootElement.GetProperty("name").GetString());
        var steps = doc.RootElement.GetProperty("steps");
        Assert.True(steps.GetArrayLength() >= 5);
        foreach (var s in steps.EnumerateArray())
            foreach (var field in new[] { "title", "rule", "before", "after", "latex" })
                Assert.False(string.IsNullOrWhiteSpace(s.GetProperty(field).GetString()), field);
        var result = NngpRg.Sym.Parse(doc.RootElement.GetProperty("result").GetProperty("infix").GetString()!);
        Assert.Equal(NngpRg.Sym.Parse("-lambda_kappa"), result);
    }

    [Fact]
    public void All_writes_one_document_per_derivation_atomically()
    {
        var dir = Path.Combine(Path.GetTempPath(), "nngp-derive-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("derive", "--all", "--out", dir);
            Assert.Equal(0, r.ExitCode);
            var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToArray();
            Assert.Equal(NngpRg.Core.Derivations.Derivations.Names.Length, files.Length);
            Assert.Equal(8, files.Length);
            Assert.All(files, f => Assert.EndsWith(".tex", f));
            Assert.All(Directory.GetFiles(dir), f => Assert.Contains("\\begin{document}", File.ReadAllText(f)));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    // derivations/README.md documents `derive --all --out derivations` as the way to regenerate the checked-in documents:
    // the command must write exactly those files, byte for byte.
    [Fact]
    public void All_to_a_folder_reproduces_the_checked_in_documents()
    {
        string? root = null;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null && root is null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NngpRg.Symbolic.sln"))) root = d.FullName;
        Assert.True(root is not null, $"No folder containing NngpRg.Symbolic.sln above {AppContext.BaseDirectory}: cannot find the checked-in derivations/ folder.");
        var checkedIn = Path.Combine(root!, "derivations");
        var dir = Path.Combine(Path.GetTempPath(), "nngp-derive-" + Guid.NewGuid().ToString("N"));
        try
        {
            var r = CliRunner.Run("derive", "--all", "--out", dir);
            Assert.Equal(0, r.ExitCode);
            var written = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToArray();
            Assert.Equal(Directory.GetFiles(checkedIn, "*.tex").Select(Path.GetFileName).Order().ToArray(), written);
            foreach (var name in written)
                Assert.True(File.ReadAllBytes(Path.Combine(dir, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(checkedIn, name!))),
                    $"derivations/{name} differs from what `nngp-rg derive --all --out derivations` writes: regenerate it with that command (derivations/README.md).");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Unknown_name_or_both_name_and_all_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("derive", "no-such-step").ExitCode);
        Assert.Equal(2, CliRunner.Run("derive", "gaussian-step", "--all").ExitCode);
        Assert.Equal(2, CliRunner.Run("derive").ExitCode);
        Assert.Equal(2, CliRunner.Run("derive", "gaussian-step", "--format", "pdf").ExitCode);
    }
}
