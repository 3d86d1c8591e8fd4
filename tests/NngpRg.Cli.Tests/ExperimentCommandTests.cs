using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using NngpRg.Core.Experiments;
using Xunit;

namespace NngpRg.Cli.Tests;

public sealed class ExperimentCommandTests : IDisposable
{
    private const int Rows = 4, Columns = 5, Count = 300;
    private readonly string _dir = Directory.CreateTempSubdirectory("nngp-rg-experiment-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// 300 synthetic 4 × 5 "images": pixel j = 128 + 60 g/(j+1) (g standard normal), so the kernel spectrum decays like a
    /// power law, plus ±40 on pixel 0 by class (labels 0, 1, 2 cycling); values clamped to bytes.
    /// </summary>
    private static (byte[,] Pixels, byte[] Labels) Synthetic()
    {
        var random = new Random(17);
        var pixels = new byte[Count, Rows * Columns];
        var labels = new byte[Count];
        for (int i = 0; i < Count; i++)
        {
            labels[i] = (byte)(i % 3);
            for (int j = 0; j < Rows * Columns; j++)
            {
                double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                double v = 128 + 60 * g / (j + 1) + (j == 0 ? 40 * (labels[i] - 1) : 0);
                pixels[i, j] = (byte)Math.Clamp(Math.Round(v), 0, 255);
            }
        }
        return (pixels, labels);
    }

    private (string Images, string Labels) WriteIdx()
    {
        var (pixels, labels) = Synthetic();
        var images = new byte[16 + Count * Rows * Columns];
        BinaryPrimitives.WriteUInt32BigEndian(images.AsSpan(0), 0x00000803);
        BinaryPrimitives.WriteUInt32BigEndian(images.AsSpan(4), Count);
        BinaryPrimitives.WriteUInt32BigEndian(images.AsSpan(8), Rows);
        BinaryPrimitives.WriteUInt32BigEndian(images.AsSpan(12), Columns);
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < Rows * Columns; j++) images[16 + i * Rows * Columns + j] = pixels[i, j];
        var labelBytes = new byte[8 + Count];
        BinaryPrimitives.WriteUInt32BigEndian(labelBytes.AsSpan(0), 0x00000801);
        BinaryPrimitives.WriteUInt32BigEndian(labelBytes.AsSpan(4), Count);
        labels.CopyTo(labelBytes, 8);
        string imagesPath = Path.Combine(_dir, "images.idx"), labelsPath = Path.Combine(_dir, "labels.idx");
        File.WriteAllBytes(imagesPath, images);
        File.WriteAllBytes(labelsPath, labelBytes);
        return (imagesPath, labelsPath);
    }

    private string WriteCsv()
    {
        var (pixels, labels) = Synthetic();
        var sb = new StringBuilder();
        for (int i = 0; i < Count; i++)
            sb.Append(labels[i].ToString(CultureInfo.InvariantCulture)).Append(',')
              .AppendJoin(',', Enumerable.Range(0, Rows * Columns).Select(j => pixels[i, j].ToString(CultureInfo.InvariantCulture))).Append('\n');
        var path = Path.Combine(_dir, "data.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private static readonly string[] Fast = ["--n", "200", "--eta-grid", "20,40,80", "--draws", "2"];

    [Fact]
    public void Idx_end_to_end_writes_a_finite_report_and_the_files()
    {
        var (images, labels) = WriteIdx();
        var outDir = Path.Combine(_dir, "report");
        var r = CliRunner.Run(["experiment", "--data", images, "--labels", labels, "--format", "idx", "--classes", "0,1", .. Fast, "--out", outDir, "--output-format", "json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(200, root.GetProperty("n").GetInt32());
        Assert.Equal(20, root.GetProperty("dim").GetInt32());
        Assert.Contains("±1", root.GetProperty("targets").GetString());
        var fit = root.GetProperty("fit");
        Assert.True(fit.GetProperty("alpha").GetDouble() > 0 && double.IsFinite(fit.GetProperty("alphaStandardError").GetDouble()));
        Assert.Equal(10, root.GetProperty("modes").GetArrayLength());
        foreach (var m in root.GetProperty("modes").EnumerateArray())
            Assert.True(double.IsFinite(m.GetProperty("excessKurtosis").GetDouble()));
        Assert.Equal(6, root.GetProperty("pairs").GetArrayLength());
        Assert.Equal(3, root.GetProperty("points").GetArrayLength());
        foreach (var p in root.GetProperty("points").EnumerateArray())
            foreach (var name in new[] { "kappaStar", "runningRidge", "predictedMse", "selfConsistentMse", "measuredMse", "measuredMseStandardError" })
                Assert.True(double.IsFinite(p.GetProperty(name).GetDouble()), name);
        Assert.True(double.IsFinite(root.GetProperty("exponents").GetProperty("measured").GetDouble()));

        var markdown = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("| η | κ* |", markdown);
        Assert.Contains("![spectrum](spectrum.png)", markdown);
        Assert.Contains("![learning curve](learning_curve.png)", markdown);
        Assert.Contains("![modes](modes.png)", markdown);
        foreach (var figure in new[] { "spectrum", "label_power", "learning_curve", "modes", "kurtosis" })
        {
            var png = File.ReadAllBytes(Path.Combine(outDir, figure + ".png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            var svg = XDocument.Parse(File.ReadAllText(Path.Combine(outDir, figure + ".svg")));
            Assert.False(string.IsNullOrEmpty(svg.Root!.Elements().First(e => e.Name.LocalName == "title").Value), figure);
            Assert.DoesNotContain("NaN", File.ReadAllText(Path.Combine(outDir, figure + ".svg")));
        }
        var curveDesc = XDocument.Parse(File.ReadAllText(Path.Combine(outDir, "learning_curve.svg"))).Root!.Elements().First(e => e.Name.LocalName == "desc").Value;
        foreach (var name in new[] { ExperimentFigures.MeasuredName, ExperimentFigures.RgName, ExperimentFigures.SelfConsistentName, ExperimentFigures.EmpiricalRgName })
            Assert.Contains(name, curveDesc);
        var spectrum = File.ReadAllLines(Path.Combine(outDir, "spectrum.csv"));
        Assert.Equal("k,eigenvalue,fitted,target_power,target_tail", spectrum[0]);
        Assert.Equal(201, spectrum.Length);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(outDir, "learning_curve.csv")).Length);
        Assert.Equal(201, File.ReadAllLines(Path.Combine(outDir, "kurtosis.csv")).Length);
        var predictions = root.GetProperty("predictions").GetProperty("exponents");
        Assert.Equal(4, predictions.GetArrayLength());
        foreach (var p in predictions.EnumerateArray())
            Assert.False(string.IsNullOrEmpty(p.GetProperty("premise").GetString()));
        Assert.True(root.GetProperty("beta").GetProperty("standardError").GetDouble() > 0);
        Assert.Contains("learning curves", r.Err);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
    }

    [Fact]
    public void Csv_with_three_classes_prints_a_summary_table()
    {
        var csv = WriteCsv();
        var r = CliRunner.Run(["experiment", "--data", csv, "--format", "csv", "--label-column", "0", .. Fast]);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("one-hot over classes 0,1,2", r.Out);
        Assert.Contains("power law λ_k ≈ A k^-(1+α) over modes 10..20", r.Out);
        Assert.Contains("GP-matched, ridge-dominated: α/(1+α) =", r.Out);
        Assert.Contains("source/capacity at the running ridge", r.Out);
        Assert.DoesNotContain("experiment: kernel matrix", r.Out); // progress stays on stderr
    }

    [Fact]
    public void Truncated_idx_file_exits_2_with_the_file_and_offset()
    {
        var (images, labels) = WriteIdx();
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length - 7)]);
        var r = CliRunner.Run(["experiment", "--data", images, "--labels", labels, "--format", "idx", .. Fast]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("images.idx", r.Err);
        Assert.Contains("at byte 16", r.Err);
    }

    [Fact]
    public void Output_folder_holding_an_input_is_refused_and_the_input_is_untouched()
    {
        var csv = WriteCsv();
        var before = File.ReadAllBytes(csv);
        var r = CliRunner.Run(["experiment", "--data", csv, "--format", "csv", .. Fast, "--out", _dir]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("contains the input file", r.Err);
        Assert.Equal(before, File.ReadAllBytes(csv));
        Assert.False(File.Exists(Path.Combine(_dir, "report.md")));
        Assert.Empty(Directory.GetFiles(_dir, "*.svg"));
    }

    [Fact]
    public void Separate_test_file_one_vs_rest_ntk_and_chosen_modes()
    {
        var (images, labels) = WriteIdx();
        var r = CliRunner.Run(["experiment", "--data", images, "--labels", labels, "--test-data", images, "--test-labels", labels, "--format", "idx",
            "--targets", "one-vs-rest:2", "--kernel-kind", "ntk", "--modes", "2,5,9", "--n", "200", "--eta-grid", "50,100,200", "--test", "100",
            "--draws", "2", "--input-ridge", "off", "--output-format", "json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.StartsWith("one-vs-rest: class 2", root.GetProperty("targets").GetString());
        Assert.Contains("NTK", root.GetProperty("kernel").GetString());
        Assert.Contains("images.idx", root.GetProperty("testSource").GetString());
        Assert.Equal(100, root.GetProperty("test").GetInt32());
        Assert.Equal(new[] { 2, 5, 9 }, root.GetProperty("figureModes").GetProperty("modes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("inputRidge").ValueKind);
        Assert.Contains("disabled", root.GetProperty("inputRidgeNote").GetString());
    }

    [Theory]
    [InlineData("--targets", "one-vs-rest:x", "needs a class label")]
    [InlineData("--targets", "ovr", "unknown target encoding")]
    [InlineData("--kernel-kind", "gp", "use nngp or ntk")]
    [InlineData("--sample", "last", "use random or first")]
    [InlineData("--modes", "3", "2 to 6 modes")]
    [InlineData("--input-ridge", "yes", "expected on or off")]
    public void Bad_new_options_exit_2_with_the_rule(string option, string value, string message)
    {
        var csv = WriteCsv();
        var r = CliRunner.Run(["experiment", "--data", csv, "--format", "csv", "--n", "200", "--eta-grid", "20,40", option, value]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
    }

    [Theory]
    [InlineData("--eta-grid", "80,40", "strictly increasing")]
    [InlineData("--eta-grid", "20,x", "field 2 'x'")]
    [InlineData("--n", "10", "N must be ≥ 20")]
    [InlineData("--sigma2", "-1", "σ² must be finite and > 0")]
    [InlineData("--fit-range", "5", "--fit-range: expected two mode indices")]
    public void Bad_options_exit_2_with_the_rule(string option, string value, string message)
    {
        var csv = WriteCsv();
        var settings = new Dictionary<string, string> { ["--n"] = "200", ["--eta-grid"] = "20,40", [option] = value };
        var r = CliRunner.Run(["experiment", "--data", csv, "--format", "csv", .. settings.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Err);
    }

    [Fact]
    public void Idx_without_labels_and_unknown_formats_exit_2()
    {
        var (images, _) = WriteIdx();
        var r = CliRunner.Run(["experiment", "--data", images, "--format", "idx", .. Fast]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--format idx needs --labels", r.Err);
        r = CliRunner.Run(["experiment", "--data", images, "--format", "png", .. Fast]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown data format 'png'", r.Err);
        r = CliRunner.Run(["experiment", "--data", Path.Combine(_dir, "missing.csv"), "--format", "csv", .. Fast]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("missing.csv", r.Err);
    }
}
