namespace NngpRg.Core.Flows;

/// <summary>
/// Read-only feature values φ_k(x_i), N points × K modes: a row-major array, or chosen modes of a mode-major buffer (mode m at
/// [m · N + i]) read in place, so a flow over all N empirical modes needs no N × N copy.
/// </summary>
internal readonly struct FeatureMatrix
{
    private readonly double[,]? _array;
    private readonly double[]? _modeMajor;
    private readonly int[]? _modes;

    /// <summary>A view of a row-major N × K array.</summary>
    public FeatureMatrix(double[,] array)
    {
        _array = array;
        Rows = array.GetLength(0);
        Columns = array.GetLength(1);
    }

    /// <summary>Column k of the view is mode <paramref name="modes"/>[k] of the mode-major buffer of <paramref name="rows"/> points.</summary>
    public FeatureMatrix(double[] modeMajor, int rows, int[] modes)
    {
        _modeMajor = modeMajor;
        _modes = modes;
        Rows = rows;
        Columns = modes.Length;
    }

    /// <summary>N.</summary>
    public int Rows { get; }

    /// <summary>K.</summary>
    public int Columns { get; }

    /// <summary>φ_k(x_i) for column k.</summary>
    public double this[int i, int k] => _array is not null ? _array[i, k] : _modeMajor![(long)_modes![k] * Rows + i];
}
