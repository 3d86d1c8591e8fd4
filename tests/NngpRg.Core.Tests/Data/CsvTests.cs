using System.Text;
using NngpRg.Core.Data;
using Xunit;

namespace NngpRg.Core.Tests.Data;

public class CsvTests
{
    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Header_and_label_by_name()
    {
        using var dir = new TempDirectory();
        var data = Csv.Read(dir.Write("d.csv", Text("a, label ,b\r\n1.5,3,-2\r\n\r\n0,1,4e-1\n")), new CsvOptions(HasHeader: true, LabelColumnName: "label"));
        Assert.Equal(2, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal([1.5, -2], data.Row(0));
        Assert.Equal([0, 0.4], data.Row(1));
        Assert.Equal([3, 1], data.Labels!.Value.ToArray());
    }

    [Fact]
    public void No_header_label_by_index_other_delimiter_and_bom()
    {
        using var dir = new TempDirectory();
        var data = Csv.Read(dir.Write("d.tsv", [0xEF, 0xBB, 0xBF, .. Text("7\t1\t2\n8\t3\t4")]), new CsvOptions(LabelColumnIndex: 0, Delimiter: '\t'));
        Assert.Equal([7, 8], data.Labels!.Value.ToArray());
        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 } }, data.ToMatrix());
        var plain = Csv.Read(dir.Write("p.csv", Text("1,2\n3,4\n")));
        Assert.Null(plain.Labels);
        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 } }, plain.ToMatrix());
    }

    [Fact]
    public void Errors_name_byte_line_and_column()
    {
        using var dir = new TempDirectory();
        Assert.Equal("n.csv: at byte 8: (line 2, column 1) expected a finite number, found 'abc'",
                     Assert.Throws<DataFormatException>(() => Csv.Read(dir.Write("n.csv", Text("1,2,3\n4,abc,6\n")))).Message);
        Assert.Equal("r.csv: at byte 6: (line 2) expected 3 fields, found 2",
                     Assert.Throws<DataFormatException>(() => Csv.Read(dir.Write("r.csv", Text("1,2,3\n4,5\n")))).Message);
        Assert.Equal("h.csv: at byte 0: (line 1) expected a header column named 'y', found columns 'a', 'b'",
                     Assert.Throws<DataFormatException>(() => Csv.Read(dir.Write("h.csv", Text("a,b\n1,2\n")), new CsvOptions(true, "y"))).Message);
        Assert.Equal("l.csv: at byte 5: (line 3, column 0) expected an integer label, found '1.5'",
                     Assert.Throws<DataFormatException>(() => Csv.Read(dir.Write("l.csv", Text("a,b\n\n1.5,2\n")), new CsvOptions(true, "a"))).Message);
        Assert.Equal("e.csv: at byte 4: expected at least one data row, found none",
                     Assert.Throws<DataFormatException>(() => Csv.Read(dir.Write("e.csv", Text("a,b\n")), new CsvOptions(HasHeader: true))).Message);
        Assert.Throws<ArgumentException>(() => Csv.Read(dir.Write("x.csv", Text("1\n")), new CsvOptions(LabelColumnName: "y")));
    }
}
