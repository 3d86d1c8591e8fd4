using System.Buffers.Binary;
using System.IO.Compression;
using NngpRg.Core.Data;
using Xunit;

namespace NngpRg.Core.Tests.Data;

/// <summary>Hostile files: decompression bombs, bytes after a gzip member, devices that never end.</summary>
public class DataFileTests
{
    // IDX images: 2 images of 2 × 2 pixels, then `extra` zero bytes.
    private static byte[] Idx(int extra)
    {
        var bytes = new byte[16 + 8 + extra];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 0x00000803);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 2);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), 2);
        for (int i = 0; i < 8; i++) bytes[16 + i] = (byte)(10 * i);
        return bytes;
    }

    private static byte[] Gzip(byte[] bytes, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level, leaveOpen: true)) gzip.Write(bytes);
        return buffer.ToArray();
    }

    [Fact]
    public void A_decompression_bomb_is_read_only_as_far_as_the_header_claims()
    {
        using var dir = new TempDirectory();
        // 64 MB of zeros after the 24 bytes the header claims compress to about 64 KB
        var bomb = dir.Write("bomb.idx.gz", Gzip(Idx(64 << 20), CompressionLevel.SmallestSize));
        Assert.True(new FileInfo(bomb).Length < 1 << 20);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(bomb));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("bomb.idx.gz (gzip; offsets in the decompressed data): at byte 24: expected end of data after the pixel data, found more decompressed data", e.Message);
        // the decompressor's own buffers and the 24 claimed bytes: far below the 64 MB the stream expands to
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Bytes_after_a_gzip_member_are_refused_like_bytes_after_a_raw_file()
    {
        using var dir = new TempDirectory();
        var gz = Gzip(Idx(0));
        Assert.Equal(8, MnistIdx.ReadImages(dir.Write("ok.idx.gz", gz)).FeatureCount * 2);
        var e = Assert.Throws<DataFormatException>(() => MnistIdx.ReadImages(dir.Write("tail.idx.gz", [.. gz, .. "garbage"u8])));
        Assert.Contains("at byte 24: expected the file to end with the trailer of its single gzip member (stating 24 decompressed bytes), found trailing bytes", e.Message);
        // a whole-file format (CSV) alike
        var csv = Gzip("0,1.5\n1,2.5\n"u8.ToArray());
        Assert.Equal(2, Csv.Read(dir.Write("ok.csv.gz", csv)).Count);
        e = Assert.Throws<DataFormatException>(() => Csv.Read(dir.Write("tail.csv.gz", [.. csv, 1, 2, 3])));
        Assert.Contains("found trailing bytes or a further member", e.Message);
    }

    [Fact]
    public void A_whole_file_read_stops_at_the_size_the_gzip_trailer_states()
    {
        using var dir = new TempDirectory();
        var gz = Gzip(new byte[1 << 20]);
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), 1000);  // a forged ISIZE
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFormatException>(() => Csv.Read(dir.Write("forged.csv.gz", gz)));
        Assert.Equal("forged.csv.gz (gzip; offsets in the decompressed data): at byte 1000: expected the 1000 decompressed bytes the gzip trailer states, found more data", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 3 << 20);
    }

    [Fact]
    public void Devices_are_refused_before_any_read()
    {
        foreach (var read in new Action[] { () => MnistIdx.ReadImages("/dev/zero"), () => Csv.Read("/dev/zero"), () => Npy.Read("/dev/zero"), () => Cifar10.Read("/dev/zero") })
            Assert.Equal("zero: at byte 0: expected a regular file, found a character device (/dev/zero)", Assert.Throws<DataFormatException>(read).Message);
        Assert.Equal(FileType.CharacterDevice, FileTypes.Of("/dev/null"));
        Assert.Equal(FileType.Directory, FileTypes.Of("/tmp"));
        Assert.Equal(FileType.Missing, FileTypes.Of("/no/such/file"));
    }
}
