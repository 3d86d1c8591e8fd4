using NngpRg.Core.Data;
using Xunit;

namespace NngpRg.Core.Tests.Data;

public class MnistIdxTests
{
    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    // 3 images of 2 × 2 pixels: image i has pixels 10i + (0, 1, 2, 3).
    private static byte[] Images(int count = 3, int rows = 2, int columns = 2)
    {
        var bytes = new List<byte> { 0, 0, 8, 3 };
        bytes.AddRange(BigEndian(count));
        bytes.AddRange(BigEndian(rows));
        bytes.AddRange(BigEndian(columns));
        for (int i = 0; i < count; i++) for (int p = 0; p < rows * columns; p++) bytes.Add((byte)(10 * i + p));
        return [.. bytes];
    }

    private static byte[] Labels(params byte[] labels) => [0, 0, 8, 1, .. BigEndian(labels.Length), .. labels];

    [Fact]
    public void Reads_raw_and_gzip_files_alike()
    {
        using var dir = new TempDirectory();
        var raw = MnistIdx.Read(dir.Write("img.idx", Images()), dir.Write("lab.idx", Labels(7, 0, 1)));
        var gz = MnistIdx.Read(dir.WriteGzip("img.idx.gz", Images()), dir.WriteGzip("lab.idx.gz", Labels(7, 0, 1)));
        Assert.Equal(3, raw.Count);
        Assert.Equal(4, raw.FeatureCount);
        Assert.Equal([20.0, 21, 22, 23], raw.Row(2));
        Assert.Equal([7, 0, 1], raw.Labels!.Value.ToArray());
        Assert.Equal(raw.ToMatrix(), gz.ToMatrix());
        Assert.Equal(raw.Labels!.Value, gz.Labels!.Value.ToArray());
        Assert.Equal([7, 0, 1], MnistIdx.ReadLabels(dir.Write("l2.idx", Labels(7, 0, 1))).ToArray());
    }

    [Fact]
    public void Options_select_classes_then_take_then_normalize()
    {
        using var dir = new TempDirectory();
        var data = MnistIdx.Read(dir.Write("img.idx", Images(4)), dir.Write("lab.idx", Labels(1, 5, 0, 1)),
                                 new DatasetOptions(Take: 2, Classes: [0, 1], NormalizeToSphere: true));
        Assert.Equal([1, 0], data.Labels!.Value.ToArray());
        // Rows 0 (pixels 0..3) and 2 (20..23), centered by their mean (10..13): ∓10 in every pixel, then unit norm.
        Assert.Equal([-0.5, -0.5, -0.5, -0.5], data.Row(0));
        Assert.Equal([0.5, 0.5, 0.5, 0.5], data.Row(1));
        Assert.Contains("classes 0,1; first 2; centered", data.Source);
    }

    [Fact]
    public void Wrong_dimension_count_names_the_file_and_byte()
    {
        using var dir = new TempDirectory();
        var bad = Images();
        bad[3] = 2;
        var e = Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("mnist.idx", bad)));
        Assert.Equal("mnist.idx: at byte 3: expected 3 dimensions for images (magic 0x00000803), found 2", e.Message);
        Assert.Equal(3, e.ByteOffset);
    }

    [Fact]
    public void Wrong_magic_and_type_are_reported()
    {
        using var dir = new TempDirectory();
        var bad = Images();
        bad[0] = 0x1A;
        Assert.Equal("a.idx: at byte 0: expected an IDX magic number starting 00 00, found 1A 00",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("a.idx", bad))).Message);
        bad = Images();
        bad[2] = 0x0D;
        Assert.Equal("b.idx: at byte 2: expected data type 0x08 (unsigned byte), found 0x0D",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("b.idx", bad))).Message);
        Assert.Equal("c.idx: at byte 3: expected 1 dimension for labels (magic 0x00000801), found 3",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadLabels(dir.Write("c.idx", Images()))).Message);
    }

    [Fact]
    public void Truncated_files_report_where_the_data_ran_out()
    {
        using var dir = new TempDirectory();
        var full = Images();
        Assert.Equal("t.idx: at byte 16: expected the pixels of 3 × 2 × 2 images (12 bytes), found only 11 bytes before end of file",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("t.idx", full[..^1]))).Message);
        Assert.Equal("h.idx: at byte 8: expected the big-endian size of dimension 1 (4 bytes), found only 2 bytes before end of file",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("h.idx", full[..10]))).Message);
        Assert.Equal("e.idx: at byte 0: expected the 4-byte IDX magic number (4 bytes), found end of file",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("e.idx", []))).Message);
        // The gzip of a truncated file is a valid stream: the offset counts decompressed bytes.
        Assert.Equal("t.idx.gz (gzip; offsets in the decompressed data): at byte 16: expected the pixels of 3 × 2 × 2 images (12 bytes), found only 5 bytes before end of file",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.WriteGzip("t.idx.gz", full[..^7]))).Message);
        Assert.Equal("x.idx: at byte 28: expected end of file after the pixel data, found 1 extra byte",
                     Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("x.idx", [.. full, 9]))).Message);
    }

    [Fact]
    public void A_cut_gzip_stream_and_mismatched_counts_are_reported()
    {
        using var dir = new TempDirectory();
        var gz = TempDirectory.Gzip(Images(50, 4, 4));
        var e = Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("cut.idx.gz", gz[..(gz.Length / 2)])));
        Assert.StartsWith("cut.idx.gz (gzip; offsets in the decompressed data): at byte ", e.Message);
        Assert.Equal("l.idx: at byte 4: expected 3 labels to match i.idx, found 2",
                     Assert.Throws<DataFormatException>(() => MnistIdx.Read(dir.Write("i.idx", Images()), dir.Write("l.idx", Labels(1, 2)))).Message);
    }
}
