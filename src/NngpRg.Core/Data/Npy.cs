using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace NngpRg.Core.Data;

/// <summary>
/// NumPy .npy files (format versions 1.0, 2.0 and 3.0), raw or gzip-compressed: magic "\x93NUMPY", version bytes, a
/// little-endian header length (2 bytes in 1.0, 4 bytes in 2.0/3.0), a Python-dict header
/// {'descr': …, 'fortran_order': …, 'shape': (…)} parsed as a Python literal with numpy's checks (<see cref="NpyHeader"/>),
/// then the data. Supported: dtypes &lt;f8, &lt;f4, &lt;i8, &lt;i4, |u1
/// (and the equivalent &lt;u1); C and Fortran order; 1-D and 2-D shapes. Typical use: features or kernel matrices
/// exported from JAX/NumPy with numpy.save.
/// </summary>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads an array.</summary>
    /// <exception cref="DataFormatException">Bad magic, unsupported version or dtype, malformed header, a shape that is not
    /// 1-D or 2-D, truncated data, trailing bytes, or a non-finite value.</exception>
    public static NpyArray Read(string path)
    {
        using var file = DataFile.Load(path);
        var magic = file.Take(0, 6, "the .npy magic string \\x93NUMPY");
        if (!magic.SequenceEqual(Magic))
            throw file.Error(0, $"expected the .npy magic string \\x93NUMPY, found bytes {Convert.ToHexString(magic)}");
        var version = file.Take(6, 2, "the format version (major, minor)");
        int major = version[0], minor = version[1];
        if (major is < 1 or > 3 || minor != 0)
            throw file.Error(6, $"expected format version 1.0, 2.0 or 3.0, found {major}.{minor}");
        int lengthBytes = major == 1 ? 2 : 4;
        var lengthSpan = file.Take(8, lengthBytes, "the little-endian header length");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthSpan) : BinaryPrimitives.ReadUInt32LittleEndian(lengthSpan);
        long headerOffset = 8 + lengthBytes;
        var headerBytes = file.Take(headerOffset, headerLength, "the header dictionary");
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);

        NpyHeaderFields fields;
        try { fields = NpyHeader.Parse(header); }
        catch (NpyHeader.Error e) { throw file.Error(headerOffset + ByteOffset(header, e.Position, major), $"{e.Message} in the header {Quote(header)}"); }
        string descr = fields.Descr;
        int width = descr switch
        {
            "<f8" or "<i8" => 8,
            "<f4" or "<i4" => 4,
            "|u1" or "<u1" => 1,
            _ => throw file.Error(headerOffset + ByteOffset(header, fields.DescrPosition, major),
                                  $"expected dtype '<f8', '<f4', '<i8', '<i4' or '|u1', found '{descr}'"),
        };
        bool fortran = fields.FortranOrder;
        string shapeText = string.Join(", ", fields.Shape) + (fields.Shape.Length == 1 ? "," : "");
        long shapeOffset = headerOffset + ByteOffset(header, fields.ShapePosition, major);
        if (fields.Shape.Length is < 1 or > 2)
            throw file.Error(shapeOffset, $"expected a 1-D or 2-D shape, found ({shapeText})");
        var shape = fields.Shape.Select(d => (int)d).ToArray();

        long dataOffset = headerOffset + headerLength;
        // each dimension is below 2^31, so the product of two fits a long; the byte count is checked before multiplying
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count > int.MaxValue / width)
            throw file.Error(shapeOffset, $"expected at most {int.MaxValue} data bytes, found shape ({shapeText}) of {descr}");
        var data = file.Take(dataOffset, count * width, $"the data of shape ({shapeText}) and dtype {descr} ({count} × {width} bytes)");
        file.RequireEnd(dataOffset + count * width, "the data");

        var raw = new double[count];
        for (int i = 0; i < count; i++)
        {
            var bytes = data.Slice(i * width, width);
            raw[i] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(bytes),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                _ => bytes[0],
            };
            if (!double.IsFinite(raw[i]))
                throw file.Error(dataOffset + (long)i * width, $"expected a finite value (element {i}), found {raw[i]:R}");
        }
        int rows = shape[0], columns = shape.Length == 2 ? shape[1] : 1;
        var values = raw;
        if (fortran && shape.Length == 2)
        {
            // Fortran order stores column j contiguously: element (i, j) at j·rows + i.
            values = new double[count];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) values[i * columns + j] = raw[j * rows + i];
        }
        return new NpyArray(values, [.. shape], descr, fortran, Path.GetFileName(path));
    }

    /// <summary>
    /// A data set from a features array (2-D: rows are points; 1-D: one feature per row) and optional labels (1-D, integer
    /// dtype or integral floats), with <paramref name="options"/> applied.
    /// </summary>
    /// <exception cref="DataFormatException">Either file is malformed, the label count differs, or a label is not an integer.</exception>
    public static Dataset ReadDataset(string featuresPath, string? labelsPath = null, DatasetOptions? options = null)
    {
        var features = Read(featuresPath);
        ImmutableArray<int>? labels = null;
        string source = $"NumPy {features.Source}";
        if (labelsPath is not null)
        {
            var l = Read(labelsPath);
            if (l.Shape.Length != 1)
                throw new DataFormatException(l.Source, 0, $"expected a 1-D label array, found shape ({string.Join(", ", l.Shape)})");
            if (l.Rows != features.Rows)
                throw new DataFormatException(l.Source, 0, $"expected {features.Rows} labels to match {features.Source}, found {l.Rows}");
            var values = new int[l.Rows];
            for (int i = 0; i < values.Length; i++)
            {
                double v = l[i, 0];
                if (v != Math.Floor(v) || v < int.MinValue || v > int.MaxValue)
                    throw new DataFormatException(l.Source, 0, $"expected integer labels, found {v:R} at element {i}");
                values[i] = (int)v;
            }
            labels = [.. values];
            source += $" + {l.Source}";
        }
        return Dataset.FromOwned(features.ToFlatArray(), features.Rows, features.Columns, labels, source).Apply(options);
    }

    // The byte offset of character `position` of the header (Latin-1 in versions 1 and 2, UTF-8 in version 3).
    private static long ByteOffset(string header, int position, int major) =>
        major == 3 ? Encoding.UTF8.GetByteCount(header.AsSpan(0, Math.Min(position, header.Length))) : position;

    private static string Quote(string header)
    {
        var trimmed = header.Trim();
        return trimmed.Length > 200 ? trimmed[..200] + "…" : trimmed;
    }
}
