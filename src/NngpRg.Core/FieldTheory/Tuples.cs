using System.Collections.Immutable;

namespace NngpRg.Core.FieldTheory;

/// <summary>The index tuples i₁ ≤ … ≤ i_n over p input points, in lexicographic order: C(p + n − 1, n) of them (126 and 462 for n = 4, 6 at p = 6).</summary>
public static class Tuples
{
    /// <summary>Every non-decreasing n-tuple of 0 … p − 1.</summary>
    /// <exception cref="ArgumentException">p &lt; 1 or n &lt; 1.</exception>
    public static ImmutableArray<ImmutableArray<int>> Sorted(int points, int n)
    {
        if (points < 1 || n < 1) throw new ArgumentException($"Tuples.Sorted: need p ≥ 1 points and n ≥ 1 indices, got p = {points}, n = {n}.");
        var all = ImmutableArray.CreateBuilder<ImmutableArray<int>>();
        var current = new int[n];
        void Fill(int position, int start)
        {
            if (position == n) { all.Add([.. current]); return; }
            for (int i = start; i < points; i++) { current[position] = i; Fill(position + 1, i); }
        }
        Fill(0, 0);
        return all.ToImmutable();
    }

    /// <summary>The tuple as text, 1-based: (1,1,2,4).</summary>
    public static string Format(IReadOnlyList<int> tuple) => "(" + string.Join(",", tuple.Select(i => i + 1)) + ")";
}
