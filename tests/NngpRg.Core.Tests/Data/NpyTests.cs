using System.Buffers.Binary;
using System.Text;
using NngpRg.Core.Data;
using Xunit;

namespace NngpRg.Core.Tests.Data;

public class NpyTests
{
    // Writes the .npy layout by hand: magic, version, header length (2 or 4 bytes), header padded to a multiple of 64.
    private static byte[] Npy(int major, string descr, bool fortran, string shape, byte[] data)
    {
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int prefix = 6 + 2 + (major == 1 ? 2 : 4);
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - prefix - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0 };
        if (major == 1) bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return [.. bytes];
    }

    private static byte[] Encode(string descr, double[] values)
    {
        int width = descr switch { "<f8" or "<i8" => 8, "<f4" or "<i4" => 4, _ => 1 };
        var bytes = new byte[values.Length * width];
        for (int i = 0; i < values.Length; i++)
        {
            var span = bytes.AsSpan(i * width, width);
            switch (descr)
            {
                case "<f8": BinaryPrimitives.WriteDoubleLittleEndian(span, values[i]); break;
                case "<f4": BinaryPrimitives.WriteSingleLittleEndian(span, (float)values[i]); break;
                case "<i8": BinaryPrimitives.WriteInt64LittleEndian(span, (long)values[i]); break;
                case "<i4": BinaryPrimitives.WriteInt32LittleEndian(span, (int)values[i]); break;
                default: span[0] = (byte)values[i]; break;
            }
        }
        return bytes;
    }

    private static readonly double[,] Expected = { { 1, 2, 3 }, { 4, 5, 250 } };

    [Theory]
    [InlineData(1, "<f8")]
    [InlineData(2, "<f4")]
    [InlineData(3, "<i8")]
    [InlineData(1, "<i4")]
    [InlineData(2, "|u1")]
    public void Reads_each_version_and_dtype_in_c_and_fortran_order(int major, string descr)
    {
        using var dir = new TempDirectory();
        double[] cOrder = [1, 2, 3, 4, 5, 250];
        double[] fOrder = [1, 4, 2, 5, 3, 250];
        var c = global::NngpRg.Core.Data.Npy.Read(dir.Write("c.npy", Npy(major, descr, false, "(2, 3)", Encode(descr, cOrder))));
        var f = global::NngpRg.Core.Data.Npy.Read(dir.Write("f.npy", Npy(major, descr, true, "(2, 3)", Encode(descr, fOrder))));
        Assert.Equal(Expected, c.ToMatrix());
        Assert.Equal(Expected, f.ToMatrix());
        Assert.True(f.FortranOrder);
        Assert.Equal(descr, c.Dtype);
        var v = global::NngpRg.Core.Data.Npy.Read(dir.WriteGzip("v.npy.gz", Npy(major, descr, false, "(3,)", Encode(descr, [7, 8, 9]))));
        Assert.Equal([3], v.Shape.ToArray());
        Assert.Equal(new double[,] { { 7 }, { 8 }, { 9 } }, v.ToMatrix());
    }

    [Fact]
    public void Features_with_labels_make_a_dataset()
    {
        using var dir = new TempDirectory();
        var data = global::NngpRg.Core.Data.Npy.ReadDataset(
            dir.Write("x.npy", Npy(1, "<f8", false, "(2, 3)", Encode("<f8", [1, 2, 3, 4, 5, 250]))),
            dir.Write("y.npy", Npy(1, "<i4", false, "(2,)", Encode("<i4", [1, 0]))));
        Assert.Equal(Expected, data.ToMatrix());
        Assert.Equal([1, 0], data.Labels!.Value.ToArray());
        Assert.Equal("y.npy: at byte 0: expected 2 labels to match x.npy, found 3",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.ReadDataset(
                         dir.Path + "/x.npy", dir.Write("y.npy", Npy(1, "<i4", false, "(3,)", Encode("<i4", [1, 0, 1]))))).Message);
    }

    [Fact]
    public void Malformed_files_name_the_byte_and_the_rule()
    {
        using var dir = new TempDirectory();
        var good = Npy(1, "<f8", false, "(2, 3)", Encode("<f8", [1, 2, 3, 4, 5, 6]));
        var bad = (byte[])good.Clone();
        bad[1] = (byte)'X';
        Assert.Equal("m.npy: at byte 0: expected the .npy magic string \\x93NUMPY, found bytes 9358554D5059",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("m.npy", bad))).Message);
        bad = (byte[])good.Clone();
        bad[6] = 4;
        Assert.Equal("v.npy: at byte 6: expected format version 1.0, 2.0 or 3.0, found 4.0",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("v.npy", bad))).Message);
        Assert.Equal("d.npy: at byte 20: expected dtype '<f8', '<f4', '<i8', '<i4' or '|u1', found '>f8'",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("d.npy", Npy(1, ">f8", false, "(2, 3)", new byte[48])))).Message);
        var e = Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("s.npy", Npy(1, "<f8", false, "(2, 3, 4)", new byte[192]))));
        Assert.Equal("s.npy: at byte 60: expected a 1-D or 2-D shape, found (2, 3, 4)", e.Message);
        Assert.Equal("t.npy: at byte 128: expected the data of shape (2, 3) and dtype <f8 (6 × 8 bytes) (48 bytes), found only 40 bytes before end of file",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("t.npy", good[..^8]))).Message);
        Assert.Equal("h.npy: at byte 10: expected the header dictionary (118 bytes), found only 20 bytes before end of file",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("h.npy", good[..30]))).Message);
    }

    // An .npy file whose header dict text is given verbatim (padded to 64 bytes), data after it.
    private static byte[] RawHeader(string dict, byte[] data)
    {
        int total = (10 + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - 10 - 1) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data);
        return [.. bytes];
    }

    private static string HeaderError(string dict, byte[]? data = null)
    {
        using var dir = new TempDirectory();
        return Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("h.npy", RawHeader(dict, data ?? new byte[16])))).Message;
    }

    [Fact]
    public void The_header_is_parsed_as_a_python_literal_not_matched_by_pattern()
    {
        using var dir = new TempDirectory();
        // keys inside strings are not keys: a decoy 'shape' in the descr string must not be read as the shape
        Assert.Contains("expected dtype", HeaderError("{'descr': \"'shape': (1,), '<f8\", 'fortran_order': False, 'shape': (2,)}"));
        // double quotes, escapes, a different key order and no trailing comma are all valid Python
        var ok = global::NngpRg.Core.Data.Npy.Read(dir.Write("ok.npy", RawHeader("{\"shape\": (2,), \"fortran_order\": False, \"descr\": '<f\\x38'}", Encode("<f8", [1.5, -2]))));
        Assert.Equal(2, Assert.Single(ok.Shape));
        Assert.Equal(-2, ok[1, 0]);
        // a key given twice: Python keeps the last silently; refused here
        Assert.Contains("found 'shape' twice", HeaderError("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'shape': (2,)}"));
        // numpy's own rules: a dict with exactly the three keys, of the right types
        Assert.Contains("expected the header to be a dict, found a list", HeaderError("['descr', '<f8']"));
        Assert.Contains("expected the header to be a dict, found the string", HeaderError("\"{'descr': '<f8', 'fortran_order': False, 'shape': (2,)}\""));
        Assert.Contains("found also 'extra'", HeaderError("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}"));
        Assert.Contains("expected the key 'shape'", HeaderError("{'descr': '<f8', 'fortran_order': False}"));
        Assert.Contains("'fortran_order' to be True or False, found the integer 0", HeaderError("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}"));
        // (2) is the integer 2 in Python, not a tuple
        Assert.Contains("'shape' to be a tuple of integers, found the integer 2", HeaderError("{'descr': '<f8', 'fortran_order': False, 'shape': (2)}"));
        Assert.Contains("expected a dimension in 0 … 2147483647, found -1", HeaderError("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}"));
        Assert.Contains("expected the end of the header", HeaderError("{'descr': '<f8', 'fortran_order': False, 'shape': (2,)} junk"));
        Assert.Contains("the closing ' of a string", HeaderError("{'descr': '<f8}"));
        Assert.Contains("found the name 'evil'", HeaderError("{'descr': '<f8', 'fortran_order': evil(), 'shape': (2,)}"));
    }

    [Fact]
    public void Shape_products_cannot_overflow_and_offsets_stay_non_negative()
    {
        // 2^31-1 squared times 8 bytes overflows a long; it is refused by the size rule before any multiplication wraps
        var big = HeaderError("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647)}");
        Assert.Contains("expected at most 2147483647 data bytes", big);
        Assert.Contains("expected at most 2147483647 data bytes", HeaderError("{'descr': '<f8', 'fortran_order': False, 'shape': (268435456,)}"));
        Assert.DoesNotContain("at byte -", big);
        // a version-2 header length of 2^32 - 1 ends past the file: a positive offset and a plain truncation message
        using var dir = new TempDirectory();
        byte[] v2 = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'{'];
        var e = Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("v2.npy", v2)));
        Assert.Equal("v2.npy: at byte 12: expected the header dictionary (4294967295 bytes), found only 1 byte before end of file", e.Message);
    }
}
