using System.Collections.Immutable;

namespace NngpRg.Core.Data;

/// <summary>
/// An immutable data set: n rows of d features (stored row-major, handed out as copies), optional integer labels, and a
/// description of where it came from. Equality is by content.
/// </summary>
public sealed record Dataset
{
    private readonly double[] _features;

    private Dataset(double[] features, int count, int featureCount, ImmutableArray<int>? labels, string source)
    {
        _features = features;
        Count = count;
        FeatureCount = featureCount;
        Labels = labels;
        Source = source;
    }

    /// <summary>Number of rows n.</summary>
    public int Count { get; }

    /// <summary>Number of features d per row.</summary>
    public int FeatureCount { get; }

    /// <summary>One label per row, or null when the source has none.</summary>
    public ImmutableArray<int>? Labels { get; }

    /// <summary>Where the data came from and what was done to it (file names, selections, normalization).</summary>
    public string Source { get; }

    /// <summary>Feature j of row i.</summary>
    public double this[int row, int feature] => _features[checked(row * FeatureCount + feature)];

    /// <summary>Builds a data set from a copy of <paramref name="features"/> (n × d).</summary>
    /// <exception cref="ArgumentException">A non-finite feature or a label count different from n.</exception>
    public static Dataset Create(double[,] features, IReadOnlyList<int>? labels, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(source);
        int n = features.GetLength(0), d = features.GetLength(1);
        var flat = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double v = features[i, j];
                if (!double.IsFinite(v)) throw new ArgumentException($"Dataset: feature [{i}, {j}] = {v:R} is not finite.", nameof(features));
                flat[i * d + j] = v;
            }
        if (labels is not null && labels.Count != n)
            throw new ArgumentException($"Dataset: {labels.Count} labels for {n} rows.", nameof(labels));
        return new Dataset(flat, n, d, labels is null ? null : [.. labels], source);
    }

    /// <summary>Takes ownership of a row-major array (readers and transforms only).</summary>
    internal static Dataset FromOwned(double[] features, int count, int featureCount, ImmutableArray<int>? labels, string source) =>
        new(features, count, featureCount, labels, source);

    internal ReadOnlySpan<double> RowSpan(int row) => _features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>Row i as a new array.</summary>
    public double[] Row(int row)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), row, $"Dataset: row must be in 0..{Count - 1}.");
        return RowSpan(row).ToArray();
    }

    /// <summary>The features as a new n × d matrix.</summary>
    public double[,] ToMatrix()
    {
        var m = new double[Count, FeatureCount];
        for (int i = 0; i < Count; i++)
            for (int j = 0; j < FeatureCount; j++) m[i, j] = _features[i * FeatureCount + j];
        return m;
    }

    /// <summary>The features as n new row arrays (the point form used by the kernel matrices).</summary>
    public double[][] ToRows() => [.. Enumerable.Range(0, Count).Select(Row)];

    /// <summary>Content equality: shape, features, labels and source.</summary>
    public bool Equals(Dataset? other) =>
        other is not null && Count == other.Count && FeatureCount == other.FeatureCount && Source == other.Source &&
        _features.AsSpan().SequenceEqual(other._features) &&
        (Labels is null ? other.Labels is null : other.Labels is not null && Labels.Value.SequenceEqual(other.Labels.Value));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Count, FeatureCount, Source, _features.Length > 0 ? _features[0] : 0);
}
