using System.Globalization;
using System.Text;

namespace NngpRg.Core.Data;

/// <summary>
/// Numeric CSV (UTF-8, optional BOM): one row per line (LF or CRLF), fields separated by the delimiter, surrounding spaces
/// ignored, numbers in invariant culture; blank lines are skipped; no quoting. Every row must have the same number of
/// fields. An optional integer label column is taken out of the features.
/// </summary>
public static class Csv
{
    /// <summary>Reads the file and applies <paramref name="options"/>.</summary>
    /// <exception cref="DataFormatException">A non-numeric field, a ragged row, a non-integer label, a missing label column, no data rows.</exception>
    /// <exception cref="ArgumentException">Both a label name and index, or a label name without a header.</exception>
    public static Dataset Read(string path, CsvOptions? csv = null, DatasetOptions? options = null)
    {
        csv ??= CsvOptions.Default;
        if (csv.LabelColumnName is not null && csv.LabelColumnIndex is not null)
            throw new ArgumentException("Csv.Read: give the label column by name or by index, not both.", nameof(csv));
        if (csv.LabelColumnName is not null && !csv.HasHeader)
            throw new ArgumentException($"Csv.Read: the label column '{csv.LabelColumnName}' is named but the file is read without a header.", nameof(csv));
        using var file = DataFile.Load(path);
        var bytes = file.ReadAll();
        var lines = Lines(bytes).ToList();
        int first = 0;
        int? labelColumn = csv.LabelColumnIndex;
        int? width = null;
        if (csv.HasHeader)
        {
            if (lines.Count == 0) throw file.Error(0, "expected a header line, found an empty file");
            var header = lines[0];
            var names = Split(header.Text, csv.Delimiter).Select(f => f.Text.Trim()).ToArray();
            width = names.Length;
            if (csv.LabelColumnName is { } name)
            {
                int index = Array.IndexOf(names, name);
                if (index < 0)
                    throw file.Error(header.Offset, $"(line {header.Number}) expected a header column named '{name}', found columns {string.Join(", ", names.Select(n => $"'{n}'"))}");
                labelColumn = index;
            }
            first = 1;
        }
        if (lines.Count <= first) throw file.Error(bytes.Length, "expected at least one data row, found none");

        var features = new List<double>();
        var labels = labelColumn is null ? null : new List<int>();
        width ??= Split(lines[first].Text, csv.Delimiter).Count;
        if (labelColumn is int lc && (lc < 0 || lc >= width))
            throw file.Error(lines[first].Offset, $"(line {lines[first].Number}) expected a label column index in 0..{width - 1}, found {lc}");
        for (int r = first; r < lines.Count; r++)
        {
            var line = lines[r];
            var fields = Split(line.Text, csv.Delimiter);
            if (fields.Count != width)
                throw file.Error(line.Offset, $"(line {line.Number}) expected {width} fields, found {fields.Count}");
            for (int c = 0; c < fields.Count; c++)
            {
                string text = fields[c].Text.Trim();
                long offset = line.Offset + Encoding.UTF8.GetByteCount(line.Text.AsSpan(0, fields[c].Start));
                if (c == labelColumn)
                {
                    if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int label))
                        throw file.Error(offset, $"(line {line.Number}, column {c}) expected an integer label, found '{text}'");
                    labels!.Add(label);
                    continue;
                }
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    throw file.Error(offset, $"(line {line.Number}, column {c}) expected a finite number, found '{text}'");
                features.Add(value);
            }
        }
        int d = width.Value - (labelColumn is null ? 0 : 1);
        int n = lines.Count - first;
        return Dataset.FromOwned([.. features], n, d, labels is null ? null : [.. labels], $"CSV {Path.GetFileName(path)}").Apply(options);
    }

    private readonly record struct Line(string Text, long Offset, int Number);

    private readonly record struct Field(string Text, int Start);

    // Non-blank lines with their byte offset and 1-based line number.
    private static IEnumerable<Line> Lines(byte[] bytes)
    {
        int start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        int number = 1;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            int next = end < 0 ? bytes.Length : end + 1;
            int stop = end < 0 ? bytes.Length : end;
            if (stop > start && bytes[stop - 1] == '\r') stop--;
            string text = Encoding.UTF8.GetString(bytes, start, stop - start);
            if (!string.IsNullOrWhiteSpace(text)) yield return new Line(text, start, number);
            number++;
            start = next;
        }
    }

    private static List<Field> Split(string text, char delimiter)
    {
        var fields = new List<Field>();
        int start = 0;
        while (true)
        {
            int end = text.IndexOf(delimiter, start);
            if (end < 0)
            {
                fields.Add(new Field(text[start..], start));
                return fields;
            }
            fields.Add(new Field(text[start..end], start));
            start = end + 1;
        }
    }
}
