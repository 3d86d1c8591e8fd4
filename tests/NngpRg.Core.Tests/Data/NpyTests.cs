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
        Assert.Equal("d.npy: at byte 11: expected dtype '<f8', '<f4', '<i8', '<i4' or '|u1', found '>f8'",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("d.npy", Npy(1, ">f8", false, "(2, 3)", new byte[48])))).Message);
        var e = Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("s.npy", Npy(1, "<f8", false, "(2, 3, 4)", new byte[192]))));
        Assert.Equal("s.npy: at byte 51: expected a 1-D or 2-D shape, found (2, 3, 4)", e.Message);
        Assert.Equal("t.npy: at byte 128: expected the data of shape (2, 3) and dtype <f8 (6 × 8 bytes) (48 bytes), found only 40 bytes before end of file",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("t.npy", good[..^8]))).Message);
        Assert.Equal("h.npy: at byte 10: expected the header dictionary (118 bytes), found only 20 bytes before end of file",
                     Assert.Throws<DataFormatException>(() => global::NngpRg.Core.Data.Npy.Read(dir.Write("h.npy", good[..30]))).Message);
    }
}
