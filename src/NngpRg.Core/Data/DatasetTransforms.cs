using System.Collections.Immutable;

namespace NngpRg.Core.Data;

/// <summary>Pure transforms of a <see cref="Dataset"/>; each returns a new data set and records itself in the source.</summary>
public static class DatasetTransforms
{
    /// <summary>Applies <paramref name="options"/>: class selection, then the first N rows, then sphere normalization.</summary>
    public static Dataset Apply(this Dataset data, DatasetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (options is null) return data;
        if (options.Classes is { } classes) data = data.SelectClasses(classes);
        if (options.Take is int take) data = options.Seed is int seed ? data.TakeRandom(take, seed) : data.TakeFirst(take);
        if (options.NormalizeToSphere) data = data.ToUnitSphere();
        return data;
    }

    /// <summary>The first <paramref name="count"/> rows (all of them when there are fewer).</summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0.</exception>
    public static Dataset TakeFirst(this Dataset data, int count)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Dataset.TakeFirst: the row count must be ≥ 0.");
        int n = Math.Min(count, data.Count);
        return Subset(data, Enumerable.Range(0, n), $"{data.Source}; first {n}");
    }

    /// <summary>
    /// A uniformly random subset of <paramref name="count"/> rows (all of them when there are fewer), kept in their original
    /// order: the first <paramref name="count"/> entries of a Fisher–Yates shuffle of the row indices by
    /// <c>new Random(seed)</c>, sorted. The same seed gives the same subset.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0.</exception>
    public static Dataset TakeRandom(this Dataset data, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Dataset.TakeRandom: the row count must be ≥ 0.");
        int n = Math.Min(count, data.Count);
        return Subset(data, RandomRows(data.Count, n, seed), $"{data.Source}; random {n} (seed {seed})");
    }

    /// <summary>The rows at <paramref name="rows"/> (0-based, in the order given).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index outside the data set.</exception>
    public static Dataset SelectRows(this Dataset data, IReadOnlyList<int> rows, string description)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (int r in rows)
            if ((uint)r >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(rows), r, $"Dataset.SelectRows: row {r} is outside 0..{data.Count - 1}.");
        return Subset(data, rows, $"{data.Source}; {description}");
    }

    /// <summary>count distinct indices in 0..n−1, uniformly at random, ascending.</summary>
    internal static int[] RandomRows(int n, int count, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, n);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var chosen = order[..count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>The rows whose label is one of <paramref name="classes"/>, in their original order.</summary>
    /// <exception cref="InvalidOperationException">The data set has no labels.</exception>
    public static Dataset SelectClasses(this Dataset data, IReadOnlyCollection<int> classes)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(classes);
        var labels = data.Labels ?? throw new InvalidOperationException($"Dataset.SelectClasses: {data.Source} has no labels to select classes by.");
        var keep = classes.ToHashSet();
        return Subset(data, Enumerable.Range(0, data.Count).Where(i => keep.Contains(labels[i])), $"{data.Source}; classes {string.Join(",", classes)}");
    }

    /// <summary>The mean feature vector (1/n) Σ_i x_i.</summary>
    /// <exception cref="InvalidOperationException">The data set is empty.</exception>
    public static double[] FeatureMean(this Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new InvalidOperationException($"Dataset.FeatureMean: {data.Source} has no rows.");
        var mean = new double[data.FeatureCount];
        for (int i = 0; i < data.Count; i++)
        {
            var row = data.RowSpan(i);
            for (int j = 0; j < mean.Length; j++) mean[j] += row[j];
        }
        for (int j = 0; j < mean.Length; j++) mean[j] /= data.Count;
        return mean;
    }

    /// <summary>
    /// Maps each row to S^{d−1}: x ↦ (x − c)/|x − c|, with c = <paramref name="center"/> or, when null, this data set's
    /// <see cref="FeatureMean"/>. Centering first keeps the directions informative (raw pixel vectors are all nearly
    /// parallel to the mean image); pass the training set's mean when normalizing a test set. Dot-product kernels on the
    /// sphere (docs/theory.md §6.3, §7.1) then apply.
    /// </summary>
    /// <exception cref="InvalidOperationException">A centered row is zero (it has no direction); the message names it.</exception>
    public static Dataset ToUnitSphere(this Dataset data, IReadOnlyList<double>? center = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var c = center?.ToArray() ?? (data.Count == 0 ? new double[data.FeatureCount] : data.FeatureMean());
        if (c.Length != data.FeatureCount)
            throw new ArgumentException($"Dataset.ToUnitSphere: the center has {c.Length} entries but rows have {data.FeatureCount} features.", nameof(center));
        int d = data.FeatureCount;
        var result = new double[data.Count * d];
        for (int i = 0; i < data.Count; i++)
        {
            var row = data.RowSpan(i);
            double norm2 = 0;
            for (int j = 0; j < d; j++)
            {
                double v = row[j] - c[j];
                result[i * d + j] = v;
                norm2 += v * v;
            }
            if (norm2 == 0)
                throw new InvalidOperationException($"Dataset.ToUnitSphere: row {i} of {data.Source} equals the center, so it has no direction on the sphere.");
            double inverse = 1 / Math.Sqrt(norm2);
            for (int j = 0; j < d; j++) result[i * d + j] *= inverse;
        }
        return Dataset.FromOwned(result, data.Count, d, data.Labels, $"{data.Source}; centered, on the unit sphere");
    }

    private static Dataset Subset(Dataset data, IEnumerable<int> rows, string source)
    {
        var kept = rows.ToArray();
        int d = data.FeatureCount;
        var features = new double[kept.Length * d];
        for (int k = 0; k < kept.Length; k++) data.RowSpan(kept[k]).CopyTo(features.AsSpan(k * d, d));
        ImmutableArray<int>? labels = data.Labels is { } all ? [.. kept.Select(i => all[i])] : null;
        return Dataset.FromOwned(features, kept.Length, d, labels, source);
    }
}
