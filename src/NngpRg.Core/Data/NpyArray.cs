using System.Collections.Immutable;

namespace NngpRg.Core.Data;

/// <summary>
/// A 1-D or 2-D array read from a NumPy .npy file, converted to double and stored in C (row-major) order whatever the
/// file's order. Values are handed out by index or as copies.
/// </summary>
public sealed record NpyArray
{
    private readonly double[] _values;

    internal NpyArray(double[] values, ImmutableArray<int> shape, string dtype, bool fortranOrder, string source)
    {
        _values = values;
        Shape = shape;
        Dtype = dtype;
        FortranOrder = fortranOrder;
        Source = source;
    }

    /// <summary>The shape: (n) or (rows, columns).</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The file's dtype descriptor, e.g. "&lt;f8".</summary>
    public string Dtype { get; }

    /// <summary>Whether the file stored the data in Fortran (column-major) order.</summary>
    public bool FortranOrder { get; }

    /// <summary>The file name.</summary>
    public string Source { get; }

    /// <summary>Number of rows: the length of a 1-D array, the first dimension of a 2-D one.</summary>
    public int Rows => Shape[0];

    /// <summary>Number of columns: 1 for a 1-D array.</summary>
    public int Columns => Shape.Length == 2 ? Shape[1] : 1;

    /// <summary>Element [i, j] (j = 0 for a 1-D array).</summary>
    public double this[int row, int column] => _values[checked(row * Columns + column)];

    /// <summary>The values in C order as a new array.</summary>
    public double[] ToFlatArray() => (double[])_values.Clone();

    /// <summary>A new Rows × Columns matrix (a 1-D array becomes one column), e.g. a kernel matrix exported from JAX.</summary>
    public double[,] ToMatrix()
    {
        var m = new double[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++) m[i, j] = _values[i * Columns + j];
        return m;
    }

    internal double[] Values => _values;

    /// <summary>Content equality.</summary>
    public bool Equals(NpyArray? other) =>
        other is not null && Shape.SequenceEqual(other.Shape) && Dtype == other.Dtype && FortranOrder == other.FortranOrder &&
        Source == other.Source && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Rows, Columns, Dtype, Source);
}
