using System.Collections.Immutable;
using System.Numerics;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// Set partitions of the positions 0…n−1, the combinatorics of the moment–cumulant relations: every partition
/// (counted by the Bell numbers), the partitions whose blocks have prescribed sizes (the (4|2) and (3|3) splits of six
/// points), and the joint cumulant as the Möbius sum κ(1…n) = Σ_π (−1)^{|π|−1} (|π| − 1)! Π_{B∈π} E[Π_{i∈B} xᵢ].
/// Blocks are listed in increasing order of their smallest element, each block sorted.
/// </summary>
public static class SetPartitions
{
    /// <summary>Every partition of 0…n−1 into non-empty blocks (Bell(n) of them).</summary>
    /// <exception cref="ArgumentException">When <paramref name="n"/> is negative or above 12.</exception>
    public static IEnumerable<ImmutableArray<ImmutableArray<int>>> All(int n)
    {
        if (n is < 0 or > 12) throw new ArgumentException($"SetPartitions.All: n must lie in 0 … 12 (Bell(12) = 4213597 partitions), got {n}.", nameof(n));
        return Partition([.. Enumerable.Range(0, n)]);
    }

    private static IEnumerable<ImmutableArray<ImmutableArray<int>>> Partition(ImmutableArray<int> items)
    {
        if (items.IsEmpty)
        {
            yield return [];
            yield break;
        }
        // The block of the first element: it together with every subset of the rest.
        int first = items[0];
        var rest = items.RemoveAt(0);
        for (long mask = 0; mask < 1L << rest.Length; mask++)
        {
            var block = ImmutableArray.CreateBuilder<int>();
            var others = ImmutableArray.CreateBuilder<int>();
            block.Add(first);
            for (int j = 0; j < rest.Length; j++)
                if ((mask >> j & 1) == 1) block.Add(rest[j]); else others.Add(rest[j]);
            var head = block.ToImmutable();
            foreach (var tail in Partition(others.ToImmutable())) yield return tail.Insert(0, head);
        }
    }

    /// <summary>
    /// The partitions of 0…n−1, n = Σ sizes, whose multiset of block sizes is <paramref name="sizes"/> (e.g. [4, 2]: the 15
    /// ways to split six points into four and two; [3, 3]: the 10 ways into two triples; [2, 2, 2]: the 15 pairings).
    /// </summary>
    /// <exception cref="ArgumentException">When a size is below 1 or the total exceeds 12.</exception>
    public static IEnumerable<ImmutableArray<ImmutableArray<int>>> WithBlockSizes(IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Any(s => s < 1)) throw new ArgumentException($"SetPartitions.WithBlockSizes: block sizes must be ≥ 1, got [{string.Join(", ", sizes)}].", nameof(sizes));
        var wanted = sizes.Order().ToArray();
        return All(sizes.Sum()).Where(p => p.Select(b => b.Length).Order().SequenceEqual(wanted));
    }

    /// <summary>The Möbius weight (−1)^{k−1} (k − 1)! of a partition with k blocks in the moment-to-cumulant sum.</summary>
    public static BigInteger MoebiusWeight(int blocks)
    {
        if (blocks < 1) throw new ArgumentException($"SetPartitions.MoebiusWeight: a partition has at least one block, got {blocks}.", nameof(blocks));
        BigInteger f = BigInteger.One;
        for (int i = 2; i < blocks; i++) f *= i;
        return blocks % 2 == 1 ? f : -f;
    }
}
