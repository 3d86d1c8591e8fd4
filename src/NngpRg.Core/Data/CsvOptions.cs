namespace NngpRg.Core.Data;

/// <summary>How <see cref="Csv.Read"/> reads a numeric delimited-text file.</summary>
/// <param name="HasHeader">The first non-blank line names the columns.</param>
/// <param name="LabelColumnName">The integer label column, by header name (needs a header).</param>
/// <param name="LabelColumnIndex">The integer label column, by 0-based index; at most one of name and index.</param>
/// <param name="Delimiter">The field separator.</param>
public sealed record CsvOptions(bool HasHeader = false, string? LabelColumnName = null, int? LabelColumnIndex = null, char Delimiter = ',')
{
    /// <summary>No header, no label column, comma-separated.</summary>
    public static CsvOptions Default { get; } = new();
}
