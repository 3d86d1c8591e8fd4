namespace NngpRg.Core.Data;

/// <summary>
/// A data file is malformed or truncated. The message reads "file: at byte offset: expected …, found …"; offsets are
/// 0-based and, for gzip-compressed files, count bytes of the decompressed content.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="detail"/> says what was expected and what was found.</summary>
    public DataFormatException(string file, long byteOffset, string detail, Exception? inner = null)
        : base($"{file}: at byte {byteOffset}: {detail}", inner)
    {
        File = file;
        ByteOffset = byteOffset;
        Detail = detail;
    }

    /// <summary>The file's name as shown in the message (with a note when the offsets are in decompressed data).</summary>
    public string File { get; }

    /// <summary>0-based offset of the offending byte.</summary>
    public long ByteOffset { get; }

    /// <summary>What was expected and what was found.</summary>
    public string Detail { get; }
}
