using System.Collections.Immutable;

namespace NngpRg.Core.Data;

/// <summary>
/// MNIST's IDX files, raw or gzip-compressed (detected by content): images with magic 0x00000803 (unsigned bytes, three
/// big-endian 32-bit dimensions count × rows × columns, then the pixels) and labels with magic 0x00000801 (one dimension).
/// Pixels become features 0–255 in row-major order; labels become ints.
/// </summary>
public static class MnistIdx
{
    /// <summary>Images and labels as one data set, with <paramref name="options"/> applied.</summary>
    /// <exception cref="DataFormatException">Either file is malformed or truncated, or the counts differ.</exception>
    public static Dataset Read(string imagesPath, string labelsPath, DatasetOptions? options = null)
    {
        double[] images;
        int count, pixels;
        using (var imageFile = DataFile.Load(imagesPath)) images = ReadImagesFile(imageFile, out count, out pixels);
        using var labelFile = DataFile.Load(labelsPath);
        var labels = ReadLabelsFile(labelFile);
        if (labels.Length != count)
            throw labelFile.Error(4, $"expected {count} labels to match {Path.GetFileName(imagesPath)}, found {labels.Length}");
        return Dataset.FromOwned(images, count, pixels, labels, $"MNIST {Path.GetFileName(imagesPath)} + {Path.GetFileName(labelsPath)}").Apply(options);
    }

    /// <summary>An images file alone (no labels), with <paramref name="options"/> applied (class selection needs labels).</summary>
    /// <exception cref="DataFormatException">Malformed or truncated file.</exception>
    public static Dataset ReadImages(string imagesPath, DatasetOptions? options = null)
    {
        using var file = DataFile.Load(imagesPath);
        var images = ReadImagesFile(file, out int count, out int pixels);
        return Dataset.FromOwned(images, count, pixels, null, $"MNIST {Path.GetFileName(imagesPath)}").Apply(options);
    }

    /// <summary>A labels file alone.</summary>
    /// <exception cref="DataFormatException">Malformed or truncated file.</exception>
    public static ImmutableArray<int> ReadLabels(string labelsPath)
    {
        using var file = DataFile.Load(labelsPath);
        return ReadLabelsFile(file);
    }

    private static double[] ReadImagesFile(DataFile file, out int count, out int pixels)
    {
        var dims = Header(file, 3, "images");
        count = dims[0];
        long perImage = (long)dims[1] * dims[2];
        if (perImage > int.MaxValue / Math.Max(1, count))
            throw file.Error(4, $"expected at most {int.MaxValue} pixels in total, found {count} × {dims[1]} × {dims[2]}");
        pixels = (int)perImage;
        long offset = 4 + 4 * 3, total = count * perImage;
        var data = file.Take(offset, total, $"the pixels of {count} × {dims[1]} × {dims[2]} images");
        file.RequireEnd(offset + total, "the pixel data");
        var features = new double[total];
        for (int i = 0; i < features.Length; i++) features[i] = data[i];
        return features;
    }

    private static ImmutableArray<int> ReadLabelsFile(DataFile file)
    {
        var dims = Header(file, 1, "labels");
        long offset = 4 + 4;
        var data = file.Take(offset, dims[0], $"{dims[0]} label bytes");
        file.RequireEnd(offset + dims[0], "the labels");
        var labels = new int[dims[0]];
        for (int i = 0; i < labels.Length; i++) labels[i] = data[i];
        return [.. labels];
    }

    private static int[] Header(DataFile file, int dimensions, string kind)
    {
        var magic = file.Take(0, 4, "the 4-byte IDX magic number");
        if (magic[0] != 0 || magic[1] != 0)
            throw file.Error(0, $"expected an IDX magic number starting 00 00, found {magic[0]:X2} {magic[1]:X2}");
        if (magic[2] != 0x08)
            throw file.Error(2, $"expected data type 0x08 (unsigned byte), found 0x{magic[2]:X2}");
        if (magic[3] != dimensions)
            throw file.Error(3, $"expected {dimensions} dimension{(dimensions == 1 ? "" : "s")} for {kind} (magic 0x0000080{dimensions}), found {magic[3]}");
        var dims = new int[dimensions];
        for (int k = 0; k < dimensions; k++)
        {
            uint size = file.BigEndianUInt32(4 + 4 * k, $"the big-endian size of dimension {k}");
            if (size > int.MaxValue) throw file.Error(4 + 4 * k, $"expected a dimension size below 2^31, found {size}");
            dims[k] = (int)size;
        }
        return dims;
    }
}
