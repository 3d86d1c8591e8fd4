using NngpRg.Core.Data;
using Xunit;

namespace NngpRg.Core.Tests.Data;

public class Cifar10Tests
{
    // Record r: label, then pixel p = (r + p) mod 256.
    private static byte[] Batch(params byte[] labels)
    {
        var bytes = new byte[labels.Length * Cifar10.RecordSize];
        for (int r = 0; r < labels.Length; r++)
        {
            bytes[r * Cifar10.RecordSize] = labels[r];
            for (int p = 0; p < Cifar10.PixelCount; p++) bytes[r * Cifar10.RecordSize + 1 + p] = (byte)((r + p) % 256);
        }
        return bytes;
    }

    [Fact]
    public void Reads_records_across_batches_raw_and_gzip()
    {
        using var dir = new TempDirectory();
        var data = Cifar10.Read([dir.Write("b1.bin", Batch(3, 9)), dir.WriteGzip("b2.bin.gz", Batch(0))]);
        Assert.Equal(3, data.Count);
        Assert.Equal(3072, data.FeatureCount);
        Assert.Equal([3, 9, 0], data.Labels!.Value.ToArray());
        Assert.Equal(1, data[1, 0]);
        Assert.Equal((1 + 3071) % 256, data[1, 3071]);
        Assert.Equal(255, data[0, 255]);
        Assert.Equal(0, data[2, 0]);
        Assert.Equal("CIFAR-10 b1.bin + b2.bin.gz", data.Source);
    }

    [Fact]
    public void Class_selection_and_take()
    {
        using var dir = new TempDirectory();
        var data = Cifar10.Read(dir.Write("b.bin", Batch(0, 2, 1, 0, 1)), new DatasetOptions(Take: 3, Classes: [0, 1]));
        Assert.Equal([0, 1, 0], data.Labels!.Value.ToArray());
        Assert.Equal(2, data[1, 0]);
    }

    [Fact]
    public void Truncated_record_empty_file_and_bad_label_are_reported()
    {
        using var dir = new TempDirectory();
        var full = Batch(1, 2);
        Assert.Equal("t.bin: at byte 3073: expected a 3073-byte record (1 label byte + 3072 pixel bytes), found only 3000 bytes (truncated record)",
                     Assert.Throws<DataFormatException>(() => Cifar10.Read(dir.Write("t.bin", full[..(3073 + 3000)]))).Message);
        Assert.Equal("e.bin: at byte 0: expected at least one 3073-byte record (1 label byte + 3072 pixel bytes), found an empty file",
                     Assert.Throws<DataFormatException>(() => Cifar10.Read(dir.Write("e.bin", []))).Message);
        full[3073] = 12;
        Assert.Equal("l.bin: at byte 3073: expected a label byte 0–9, found 12",
                     Assert.Throws<DataFormatException>(() => Cifar10.Read(dir.Write("l.bin", full))).Message);
    }
}
