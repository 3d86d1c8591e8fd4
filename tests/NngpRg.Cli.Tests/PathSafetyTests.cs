using System.Diagnostics;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Data;
using Xunit;

namespace NngpRg.Cli.Tests;

/// <summary>Inputs never overwritten through links, special files never replaced, output folders all-new or untouched.</summary>
public sealed class PathSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nngp-rg-paths-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string Link(string name, string target)
    {
        var path = Path.Combine(_dir, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    private static readonly string[] Flow = ["flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--eta", "100"];

    [Fact]
    public void A_plot_through_a_link_to_an_input_is_refused_and_the_input_kept()
    {
        var target = Write("target.csv", "1\n0.5\n");
        var link = Link("plot.svg", target);
        var r = CliRunner.Run([.. Flow, "--target", target, "--plot", link]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--plot '{link}' names the --target input file (through a link to {target}); refusing to overwrite an input.", r.Err);
        Assert.Equal("1\n0.5\n", File.ReadAllText(target));

        // a linked folder: data/spec.txt reached as alias/spec.txt
        var spectrum = Write("data/spec.txt", "1\n0.5\n0.25\n");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "alias"), Path.Combine(_dir, "data"));
        r = CliRunner.Run(["flow", "--spectrum", $"file:{spectrum}", "--sigma2", "0.01", "--eta", "10", "--plot", Path.Combine(_dir, "alias", "spec.txt")]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("names the --spectrum input file", r.Err);
        Assert.Equal("1\n0.5\n0.25\n", File.ReadAllText(spectrum));
        // .. after a link is taken from the link's target, as the kernel does
        Assert.Equal(Path.Combine(_dir, "data"), FilePaths.RealPath(Path.Combine(_dir, "alias", "..", "data")));
    }

    [Fact]
    public void An_output_link_to_another_file_is_written_through_and_stays_a_link()
    {
        var other = Write("figure.svg", "old");
        var link = Link("plot.svg", other);
        var r = CliRunner.Run([.. Flow, "--plot", link]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(other, new FileInfo(link).LinkTarget);
        Assert.Contains("<svg", File.ReadAllText(other));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Devices_and_pipes_are_never_replaced_by_a_regular_file()
    {
        var fifo = Path.Combine(_dir, "pipe");
        using (var p = Process.Start("mkfifo", fifo)) p.WaitForExit();
        Assert.Equal(FileType.Fifo, FileTypes.Of(fifo));
        foreach (var args in new[]
                 {
                     [.. Flow, "--plot", fifo],
                     ["brg", "cosnet", "--networks", "0", "--csv", fifo],
                     new[] { "curve", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--plot", "/dev/null" },
                 })
        {
            var r = CliRunner.Run(args);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("refusing to replace it with a regular file", r.Err);
        }
        Assert.Equal(FileType.Fifo, FileTypes.Of(fifo));
        Assert.Equal(FileType.CharacterDevice, FileTypes.Of("/dev/null"));
        // the last line of defence: the atomic writer itself
        Assert.Contains("is a named pipe (FIFO), not a regular file", Assert.Throws<UserError>(() => AtomicFile.WriteAllText(fifo, "x")).Message);
    }

    [Fact]
    public void Experiment_out_through_a_link_to_the_data_folder_is_refused()
    {
        var data = Write("inputs/data.csv", "0,1,2\n1,2,3\n");
        var alias = Path.Combine(_dir, "report");
        Directory.CreateSymbolicLink(alias, Path.Combine(_dir, "inputs"));
        var r = CliRunner.Run(["experiment", "--data", data, "--format", "csv", "--out", alias]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--out '{alias}' contains the input file", r.Err);
    }

    [Fact]
    public void Experiment_out_holding_other_files_is_refused_before_any_work()
    {
        var data = Write("data.csv", "0,1,2\n1,2,3\n");
        var notes = Write("mine/notes.txt", "keep me");
        var r = CliRunner.Run(["experiment", "--data", data, "--format", "csv", "--out", Path.GetDirectoryName(notes)!]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("exists and holds files this command does not write ('notes.txt')", r.Err);
        Assert.Equal("keep me", File.ReadAllText(notes));
        Assert.DoesNotContain("experiment: ", r.Err);  // refused before reading the data
    }

    private static IEnumerable<(string, byte[])> FailingAfterOne()
    {
        yield return ("report.md", "new"u8.ToArray());
        throw new IOException("disk full (simulated)");
    }

    [Fact]
    public void A_failed_folder_write_leaves_no_temporary_files_and_the_old_folder_untouched()
    {
        var own = ExperimentCommand_OwnFiles();
        var fresh = Path.Combine(_dir, "fresh");
        var e = Assert.Throws<UserError>(() => OutputFolder.Write(fresh, "--out", FailingAfterOne(), own));
        Assert.Contains("disk full (simulated) (nothing was written)", e.Message);
        Assert.False(Directory.Exists(fresh));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));

        var old = Write("old/report.md", "old report");
        Write("old/spectrum.csv", "k\n");
        Assert.Throws<UserError>(() => OutputFolder.Write(Path.GetDirectoryName(old)!, "--out", FailingAfterOne(), own));
        Assert.Equal("old report", File.ReadAllText(old));
        Assert.Equal(["old"], Directory.EnumerateFileSystemEntries(_dir).Select(f => Path.GetFileName(f)!).ToArray());

        // success replaces the earlier run's folder as a whole: its files not written this time are gone
        OutputFolder.Write(Path.GetDirectoryName(old)!, "--out", [("report.md", "new report"u8.ToArray())], own);
        Assert.Equal("new report", File.ReadAllText(old));
        Assert.False(File.Exists(Path.Combine(_dir, "old", "spectrum.csv")));
        Assert.Equal(["old"], Directory.EnumerateFileSystemEntries(_dir).Select(f => Path.GetFileName(f)!).ToArray());
    }

    private static IReadOnlySet<string> ExperimentCommand_OwnFiles() => Commands.ExperimentCommand.OwnFiles;
}

/// <summary>Numbers in the invariant culture for every option; messages free of .NET parameter names and control bytes.</summary>
public sealed class InputTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nngp-rg-text-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // The tree walked by reflection (the test project does not reference the parser library itself).
    private static IEnumerable<object> Items(object command, string property) => ((System.Collections.IEnumerable)command.GetType().GetProperty(property)!.GetValue(command)!).Cast<object>();

    private static IEnumerable<object> AllOptions(object command) => Items(command, "Options").Concat(Items(command, "Subcommands").SelectMany(AllOptions));

    private static T Get<T>(object o, string property) => (T)o.GetType().GetProperty(property)!.GetValue(o)!;

    [Fact]
    public void Every_numeric_option_of_the_tree_has_the_invariant_parser()
    {
        Type[] numbers = [typeof(double), typeof(int), typeof(double?), typeof(int?), typeof(long)];
        var numeric = AllOptions(CliApp.BuildRoot()).Where(o => numbers.Contains(Get<Type>(o, "ValueType"))).ToList();
        Assert.True(numeric.Count > 60, $"only {numeric.Count} numeric options found");
        foreach (var o in numeric)
        {
            var parser = o.GetType().GetProperty("CustomParser")!.GetValue(o);
            Assert.True(parser is not null, $"{Get<string>(o, "Name")} has no invariant parser");
        }
    }

    [Fact]
    public void A_decimal_comma_is_refused_and_a_decimal_point_read_exactly()
    {
        var r = CliRunner.Run("flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0,001", "--eta", "100");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --sigma2 '0,001': a comma is neither a decimal point nor a separator here; write the number with a decimal point, e.g. 0.001.", r.Err.Split('\n')[0]);
        r = CliRunner.Run("flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "1e-3", "--eta", "1000", "-f", "json");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("\"sigma2\": 0.001,", r.Out);
        Assert.Contains("\"eta\": 1000,", r.Out);
        r = CliRunner.Run("verify", "--n", "1,000");
        Assert.Equal("error: --n '1,000': a comma is not allowed in an integer.", r.Err.Split('\n')[0]);
    }

    [Fact]
    public void Control_bytes_from_a_file_are_escaped_in_messages()
    {
        var target = Path.Combine(_dir, "target.csv");
        File.WriteAllText(target, "1\n\u001b[31mred\u0007\n");
        var r = CliRunner.Run("flow", "--spectrum", "powerlaw", "--alpha", "1", "--sigma2", "0.01", "--eta", "100", "--target", target);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'\\x1B[31mred\\x07' is not a number", r.Err);
        Assert.DoesNotContain('\u001b', r.Err);
        Assert.DoesNotContain('\u0007', r.Err);
        Assert.Equal("a \\u202Eb\nc \\x9B", ErrorText.Escape("a \u202Eb\nc \u009B"));
    }

    [Fact]
    public void Dotnet_parameter_names_are_dropped_from_messages()
    {
        Assert.Equal("Hurwitz zeta: s = 1 must be > 1.", ErrorText.Clean("Hurwitz zeta: s = 1 must be > 1. (Parameter 's')\nActual value was 1."));
        Assert.Equal("bad n here", ErrorText.Clean("bad n (Parameter 'n') here"));
    }

    [Fact]
    public void A_gzip_bomb_and_a_device_given_as_data_are_refused_by_the_command()
    {
        var images = new byte[16 + 8 + (8 << 20)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(images, 0x803);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(images.AsSpan(4), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(images.AsSpan(8), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(images.AsSpan(12), 2);
        var gz = Path.Combine(_dir, "bomb.idx.gz");
        using (var file = File.Create(gz))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.SmallestSize))
            zip.Write(images);
        var r = CliRunner.Run("experiment", "--data", gz, "--labels", gz, "--format", "idx");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bomb.idx.gz (gzip; offsets in the decompressed data): at byte 24: expected end of data after the pixel data, found more decompressed data", r.Err);
        r = CliRunner.Run("experiment", "--data", "/dev/zero", "--format", "npy");
        Assert.Equal("error: --data '/dev/zero' is a character device, not a regular file.", r.Err.Trim());
    }
}
