using System.Collections.Immutable;

namespace NngpRg.Core.Data;

/// <summary>
/// What a reader does after parsing, in this order: keep only rows whose label is in <see cref="Classes"/>, keep the first
/// <see cref="Take"/> rows (or a random <see cref="Take"/> of them when <see cref="Seed"/> is set), then map the rows to the unit sphere (<see cref="DatasetTransforms.ToUnitSphere"/>).
/// </summary>
/// <param name="Take">Keep the first N rows (after class selection); null keeps all.</param>
/// <param name="Classes">Keep rows with these labels (e.g. 0, 1); null keeps all. Needs labels.</param>
/// <param name="NormalizeToSphere">Center by the feature mean of the kept rows, then project each row to unit norm.</param>
/// <param name="Seed">When set, <see cref="Take"/> keeps a random subset (<see cref="DatasetTransforms.TakeRandom"/>) instead of the first rows.</param>
public sealed record DatasetOptions(int? Take = null, ImmutableArray<int>? Classes = null, bool NormalizeToSphere = false, int? Seed = null)
{
    /// <summary>No selection, no normalization.</summary>
    public static DatasetOptions None { get; } = new();
}
