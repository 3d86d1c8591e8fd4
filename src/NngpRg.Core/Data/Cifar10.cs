namespace NngpRg.Core.Data;

/// <summary>
/// CIFAR-10 binary batches (data_batch_1.bin … test_batch.bin), raw or gzip-compressed: records of 1 label byte (0–9)
/// followed by 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32 × 32 row-major). Pixels become features 0–255
/// in the file's channel-major order.
/// </summary>
public static class Cifar10
{
    /// <summary>Bytes per record: 1 label + 3072 pixels.</summary>
    public const int RecordSize = 1 + PixelCount;

    /// <summary>Pixels per image: 3 × 32 × 32.</summary>
    public const int PixelCount = 3 * 32 * 32;

    /// <summary>One or more batch files concatenated in the given order, with <paramref name="options"/> applied.</summary>
    /// <exception cref="DataFormatException">An empty or truncated file, or a label outside 0–9.</exception>
    public static Dataset Read(IReadOnlyList<string> batchPaths, DatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batchPaths);
        if (batchPaths.Count == 0) throw new ArgumentException("Cifar10.Read: no batch files given.", nameof(batchPaths));
        var files = new List<(DataFile File, byte[] Bytes)>();
        foreach (var path in batchPaths)
        {
            using var file = DataFile.Load(path);
            var bytes = file.ReadAll();
            if (bytes.Length == 0)
                throw file.Error(0, $"expected at least one {RecordSize}-byte record (1 label byte + {PixelCount} pixel bytes), found an empty file");
            int remainder = bytes.Length % RecordSize;
            if (remainder != 0)
                throw file.Error(bytes.Length - remainder,
                    $"expected a {RecordSize}-byte record (1 label byte + {PixelCount} pixel bytes), found only {remainder} byte{(remainder == 1 ? "" : "s")} (truncated record)");
            files.Add((file, bytes));
        }
        int count = files.Sum(f => f.Bytes.Length / RecordSize);
        var features = new double[(long)count * PixelCount];
        var labels = new int[count];
        int row = 0;
        foreach (var (file, bytes) in files)
            for (int offset = 0; offset < bytes.Length; offset += RecordSize, row++)
            {
                byte label = bytes[offset];
                if (label > 9) throw file.Error(offset, $"expected a label byte 0–9, found {label}");
                labels[row] = label;
                for (int p = 0; p < PixelCount; p++) features[(long)row * PixelCount + p] = bytes[offset + 1 + p];
            }
        string source = $"CIFAR-10 {string.Join(" + ", batchPaths.Select(Path.GetFileName))}";
        return Dataset.FromOwned(features, count, PixelCount, [.. labels], source).Apply(options);
    }

    /// <summary>One batch file.</summary>
    public static Dataset Read(string batchPath, DatasetOptions? options = null) => Read([batchPath], options);
}
