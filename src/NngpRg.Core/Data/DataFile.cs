using System.Buffers.Binary;
using System.IO.Compression;

namespace NngpRg.Core.Data;

/// <summary>
/// A data file read lazily, transparently gunzipped when it starts with the gzip magic bytes 1F 8B, with bounds-checked
/// readers that throw <see cref="DataFormatException"/> naming the file and the offset. Only the bytes a reader asks for
/// are read or decompressed: a format whose header states its size (IDX, .npy) never holds more than that size plus one
/// byte, however much a compressed stream would expand to, and a whole-file read (CSV, CIFAR-10) is capped by the gzip
/// trailer's stated size. Only regular files are read (a device such as /dev/zero never ends).
/// </summary>
internal sealed class DataFile : IDisposable
{
    /// <summary>The largest content a data file may have: the largest .NET byte array.</summary>
    public static readonly long MaxContent = Array.MaxLength;

    private readonly FileStream _file;
    private readonly Stream _content;
    private readonly long? _rawLength;      // known up front for an uncompressed file
    private readonly uint? _gzipSize;       // the gzip trailer's ISIZE: decompressed size mod 2^32 (of the last member)
    private byte[] _buffer = [];
    private int _filled;
    private bool _ended;

    private DataFile(string name, FileStream file, Stream content, long? rawLength, uint? gzipSize)
    {
        Name = name;
        _file = file;
        _content = content;
        _rawLength = rawLength;
        _gzipSize = gzipSize;
    }

    /// <summary>The name used in messages.</summary>
    public string Name { get; }

    /// <summary>Opens <paramref name="path"/>; reads nothing but the first two bytes (the gzip test) yet.</summary>
    /// <exception cref="DataFormatException">The path is not a regular file.</exception>
    public static DataFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        var type = FileTypes.Of(path);
        if (type is not (FileType.Regular or FileType.Missing))
            throw new DataFormatException(name, 0, $"expected a regular file, found {FileTypes.Describe(type)} ({path})");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        try
        {
            long length = file.Length;
            Span<byte> magic = stackalloc byte[2];
            int got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            if (got < 2 || magic[0] != 0x1F || magic[1] != 0x8B) return new DataFile(name, file, file, length, null);
            uint? size = null;
            if (length >= 18)
            {
                Span<byte> trailer = stackalloc byte[4];
                file.Position = length - 4;
                file.ReadExactly(trailer);
                file.Position = 0;
                size = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            }
            return new DataFile($"{name} (gzip; offsets in the decompressed data)", file, new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), null, size);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!ReferenceEquals(_content, _file)) _content.Dispose();
        _file.Dispose();
    }

    public DataFormatException Error(long offset, string detail) => new(Name, offset, detail);

    /// <summary>count bytes at offset, or an error "expected {what} ({count} bytes), found {available}".</summary>
    public ReadOnlySpan<byte> Take(long offset, long count, string what)
    {
        if (offset < 0 || count < 0) throw Error(Math.Max(0, offset), $"expected {what} at a non-negative offset and length, found offset {offset}, length {count}");
        string Expected() => $"expected {what} ({count} byte{(count == 1 ? "" : "s")})";
        if (_rawLength is { } length && count > length - offset)
            throw Error(offset, $"{Expected()}, found {Available(Math.Max(0, length - offset))}");
        if (count > MaxContent - offset) throw Error(offset, $"{Expected()}, which ends past the {MaxContent} bytes a data file may hold");
        long end = offset + count;
        Fill(end);
        if (_filled < end) throw Error(offset, $"{Expected()}, found {Available(Math.Max(0, _filled - offset))}");
        return _buffer.AsSpan((int)offset, (int)count);
    }

    private static string Available(long left) =>
        left == 0 ? "end of file" : $"only {left} byte{(left == 1 ? "" : "s")} before end of file";

    public uint BigEndianUInt32(long offset, string what) => BinaryPrimitives.ReadUInt32BigEndian(Take(offset, 4, what));

    /// <summary>No bytes after <paramref name="end"/> (for a gzip file: no decompressed bytes, and nothing after its member).</summary>
    public void RequireEnd(long end, string after)
    {
        if (_rawLength is { } length)
        {
            if (length > end) throw Error(end, $"expected end of file after {after}, found {length - end} extra byte{(length - end == 1 ? "" : "s")}");
            return;
        }
        Fill(end);
        if (_filled > end || (!_ended && ReadOneMore()))
            throw Error(end, $"expected end of data after {after}, found more decompressed data");
        CheckGzipEnd(end);
    }

    /// <summary>The whole content, for formats that do not state their size (CSV, CIFAR-10 batches).</summary>
    public byte[] ReadAll()
    {
        long limit = MaxContent;
        if (_rawLength is { } length)
        {
            if (length > limit) throw Error(0, $"expected at most {limit} bytes, found a file of {length} bytes");
            limit = length;
        }
        else if (_gzipSize is { } size) limit = Math.Min(limit, size);
        Fill(limit, grow: true);
        if (!_ended && ReadOneMore())
            throw Error(limit, _rawLength is null
                ? $"expected the {limit} decompressed bytes the gzip trailer states, found more data"
                : $"expected end of file after {limit} bytes, found more data");
        if (_rawLength is null) CheckGzipEnd(_filled);
        return _filled == _buffer.Length ? _buffer : _buffer[.._filled];
    }

    // At the end of the decompressed data, the trailer's ISIZE must equal the size: anything else means bytes after the
    // member (which the decompressor skips silently) or a second member.
    private void CheckGzipEnd(long size)
    {
        if (_gzipSize is { } stated && stated != (uint)size)
            throw Error(size, $"expected the file to end with the trailer of its single gzip member (stating {size} decompressed bytes), " +
                              $"found trailing bytes or a further member (the last 4 bytes state {stated}); decompress the file and check it");
        if (_gzipSize is null) throw Error(size, "expected a complete gzip member with its 8-byte trailer, found a file shorter than 18 bytes");
    }

    private bool ReadOneMore()
    {
        Span<byte> one = stackalloc byte[1];
        int got = Read(one);
        if (got == 0) _ended = true;
        return got > 0;
    }

    private int Read(Span<byte> target)
    {
        try { return _content.Read(target); }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(Name, _filled, $"expected valid gzip data, found a corrupt or truncated stream ({e.Message})", e);
        }
    }

    // Reads until at least `needed` bytes are held or the content ends. A reader's request sizes the buffer exactly; a
    // whole-file read (grow) doubles it, so memory stays within twice the content whatever a trailer states.
    private void Fill(long needed, bool grow = false)
    {
        if (needed <= _filled || _ended) return;
        while (_filled < needed)
        {
            if (_filled == _buffer.Length)
            {
                long capacity = grow ? Math.Min(needed, Math.Max(1L << 20, 2L * _buffer.Length)) : needed;
                Array.Resize(ref _buffer, (int)capacity);
            }
            int got = Read(_buffer.AsSpan(_filled, Math.Min(_buffer.Length - _filled, 1 << 20)));
            if (got == 0) { _ended = true; return; }
            _filled += got;
        }
    }
}
