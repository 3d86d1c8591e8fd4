using System.Buffers.Binary;
using System.IO.Compression;

namespace NngpRg.Core.Data;

/// <summary>
/// A data file read whole into memory, transparently gunzipped when it starts with the gzip magic bytes 1F 8B, with
/// bounds-checked readers that throw <see cref="DataFormatException"/> naming the file and the offset.
/// </summary>
internal sealed class DataFile
{
    private DataFile(string name, byte[] bytes)
    {
        Name = name;
        Bytes = bytes;
    }

    /// <summary>The name used in messages.</summary>
    public string Name { get; }

    /// <summary>The (decompressed) content.</summary>
    public byte[] Bytes { get; }

    public int Length => Bytes.Length;

    public static DataFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var raw = System.IO.File.ReadAllBytes(path);
        string name = Path.GetFileName(path);
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B) return new DataFile(name, raw);
        string shown = $"{name} (gzip; offsets in the decompressed data)";
        using var output = new MemoryStream();
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            gzip.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(shown, output.Length, $"expected valid gzip data, found a corrupt or truncated stream ({e.Message})", e);
        }
        return new DataFile(shown, output.ToArray());
    }

    public DataFormatException Error(long offset, string detail) => new(Name, offset, detail);

    /// <summary>count bytes at offset, or an error "expected {what} ({count} bytes), found {available}".</summary>
    public ReadOnlySpan<byte> Take(long offset, long count, string what)
    {
        long available = Math.Max(0, Length - offset);
        if (available < count)
            throw Error(offset, $"expected {what} ({count} byte{(count == 1 ? "" : "s")}), found {(available == 0 ? "end of file" : $"only {available} byte{(available == 1 ? "" : "s")} before end of file")}");
        return Bytes.AsSpan((int)offset, (int)count);
    }

    public uint BigEndianUInt32(long offset, string what) => BinaryPrimitives.ReadUInt32BigEndian(Take(offset, 4, what));

    /// <summary>No bytes after <paramref name="end"/>.</summary>
    public void RequireEnd(long end, string after)
    {
        if (Length > end)
            throw Error(end, $"expected end of file after {after}, found {Length - end} extra byte{(Length - end == 1 ? "" : "s")}");
    }
}
