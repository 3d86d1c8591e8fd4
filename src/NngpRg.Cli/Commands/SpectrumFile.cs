using System.Globalization;
using NngpRg.Cli.Infrastructure;
using NngpRg.Core.Spectra;

namespace NngpRg.Cli.Commands;

/// <summary>A spectrum read from a file by <see cref="SpectrumFile.Read"/>.</summary>
/// <param name="Spectrum">The listed levels (no analytic tail).</param>
/// <param name="Path">The full path of the file (never overwritten).</param>
/// <param name="Rows">Number of eigenvalue rows read.</param>
/// <param name="ClampedNegatives">Rows whose tiny negative eigenvalue (rounding of a zero eigenvalue) was set to 0.</param>
internal sealed record SpectrumFileContents(Spectrum Spectrum, string Path, int Rows, int ClampedNegatives);

/// <summary>
/// Reads the eigenvalues of a spectrum from a text or CSV file, for <c>--spectrum file:PATH</c> of <c>flow</c> and
/// <c>curve</c> (docs/theory.md §8). Rules, each checked with the file, line and column in the error:
/// <list type="bullet">
/// <item>blank lines and everything after a <c>#</c> are ignored; cells are separated by commas, or by spaces and tabs;</item>
/// <item>a file of one column needs no header (one eigenvalue per line); a file of several columns needs a header line naming
/// an <c>eigenvalue</c> column (case-insensitive) and optionally a <c>multiplicity</c> column; other columns are ignored, so the
/// <c>spectrum.csv</c> that <c>experiment --out</c> writes (k, eigenvalue, fitted, target_power) is read as it is;</item>
/// <item>eigenvalues are finite numbers in the invariant culture (a decimal point, no thousands separators), listed by
/// decreasing value; a negative value is refused unless it is within 1e-12 of the largest eigenvalue of zero (the rounding of a
/// zero eigenvalue of an empirical kernel matrix), which is set to 0 and counted;</item>
/// <item>multiplicities are integers ≥ 1 (default 1); at most 5·10⁷ modes in all.</item>
/// </list>
/// </summary>
internal static class SpectrumFile
{
    /// <summary>The largest number of modes a file may list.</summary>
    public const long MaxModes = 50_000_000;

    /// <summary>The largest file read (about 40 bytes per mode).</summary>
    public const long MaxBytes = 40 * MaxModes;

    // The option as the user wrote it, for error messages.
    private static string Where(string path) => $"--spectrum file:{path}";

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="UserError">For a missing or unreadable file, or a row that breaks a rule.</exception>
    public static SpectrumFileContents Read(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserError("--spectrum file: the file name after 'file:' is empty.");
        string full = FilePaths.RealPath(path);
        if (Directory.Exists(full)) throw new UserError($"{Where(path)}: is a folder, not a file of eigenvalues.");
        if (Core.Data.FileTypes.Of(full) == Core.Data.FileType.Missing) throw new UserError($"{Where(path)}: no such file (a text or CSV file of eigenvalues, one per line or in a column named 'eigenvalue').");
        full = FilePaths.Input(path, "--spectrum file:", "file of eigenvalues");
        string[] lines;
        try
        {
            long size = new FileInfo(full).Length;
            if (size > MaxBytes) throw new UserError($"{Where(path)}: the file has {size} bytes, more than the {MaxBytes} a list of at most {MaxModes} modes needs.");
            lines = File.ReadAllLines(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserError($"{Where(path)}: cannot read the file: {e.Message}"); }

        int eigenColumn = 0, multiplicityColumn = -1, columns = -1;
        string[]? header = null;
        var values = new List<(double Value, long Multiplicity, int Line)>();
        long modes = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            int hash = text.IndexOf('#');
            if (hash >= 0) text = text[..hash];
            text = text.Trim();
            if (text.Length == 0) continue;
            var cells = (text.Contains(',') ? text.Split(',') : text.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Select(c => c.Trim().Trim('"')).ToArray();
            int line = i + 1;
            if (columns < 0)
            {
                // the first row: a header when its first cell is not a number
                bool numeric = double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                if (!numeric)
                {
                    var names = cells.Select(c => c.ToLowerInvariant()).ToList();
                    eigenColumn = names.IndexOf("eigenvalue");
                    multiplicityColumn = names.IndexOf("multiplicity");
                    if (eigenColumn < 0)
                    {
                        if (cells.Length > 1)
                            throw new UserError($"{Where(path)}, line {line}: the header ({string.Join(", ", cells)}) has no column named 'eigenvalue'; a file of several columns must name its eigenvalue column.");
                        eigenColumn = 0;  // a one-column file with a title line
                    }
                    columns = cells.Length;
                    header = cells;
                    continue;
                }
                columns = cells.Length;
                if (columns > 1)
                    throw new UserError($"{Where(path)}, line {line}: {columns} columns but no header; a file of several columns needs a header line naming the 'eigenvalue' column (and optionally 'multiplicity').");
            }
            if (cells.Length != columns)
                throw new UserError($"{Where(path)}, line {line}: {cells.Length} column(s) where the {(header is null ? "first row has" : "header has")} {columns}.");
            var cell = cells[eigenColumn];
            string column = header is null ? "column 1" : $"column '{header[eigenColumn]}'";
            if (cell.Contains(',') || !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new UserError($"{Where(path)}, line {line}, {column}: '{cell}' is not a number (invariant culture: a decimal point, no thousands separators).");
            if (!double.IsFinite(value))
                throw new UserError($"{Where(path)}, line {line}, {column}: the eigenvalue {cell} is not finite.");
            long multiplicity = 1;
            if (multiplicityColumn >= 0)
            {
                var m = cells[multiplicityColumn];
                if (!long.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out multiplicity) || multiplicity < 1)
                    throw new UserError($"{Where(path)}, line {line}, column 'multiplicity': '{m}' must be an integer ≥ 1 (the number of modes sharing the eigenvalue).");
            }
            if (values.Count > 0 && value > values[^1].Value)
                throw new UserError($"{Where(path)}, line {line}, {column}: the eigenvalue {cell} is larger than the previous one ({values[^1].Value.ToString("R", CultureInfo.InvariantCulture)}, line {values[^1].Line}); list the modes by decreasing eigenvalue.");
            if (multiplicity > MaxModes - modes)
                throw new UserError($"{Where(path)}, line {line}: more than {MaxModes} modes; truncate the spectrum and give the rest with --tail.");
            values.Add((value, multiplicity, line));
            modes += multiplicity;
        }
        if (values.Count == 0) throw new UserError($"{Where(path)}: the file has no eigenvalues (expected one per line, or a column named 'eigenvalue').");

        double largest = values[0].Value;
        int clamped = 0;
        var levels = new List<SpectralLevel>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            var (value, multiplicity, line) = values[i];
            if (value < 0)
            {
                if (!(largest > 0) || -value > 1e-12 * largest)
                    throw new UserError($"{Where(path)}, line {line}: the eigenvalue {value.ToString("R", CultureInfo.InvariantCulture)} is negative; the eigenvalues of a positive semi-definite kernel are ≥ 0 (only values within 1e-12 of the largest eigenvalue of zero are taken as 0).");
                value = 0;
                clamped++;
            }
            levels.Add(new SpectralLevel(value, multiplicity, i));
        }
        return new SpectrumFileContents(Spectrum.Create(levels), full, values.Count, clamped);
    }
}
