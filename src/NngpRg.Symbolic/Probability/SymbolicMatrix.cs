using NngpRg.Symbolic.Calculus;
using NngpRg.Symbolic.Expressions;

namespace NngpRg.Symbolic.Probability;

/// <summary>
/// Determinant, inverse and products of small square matrices with symbolic entries, by cofactor (Laplace)
/// expansion, which needs no division and so stays exact for any entries. Cost grows like n!: meant for n ≤ 6.
/// Results are brought over a common denominator (entries with rational-function structure stay tidy).
/// </summary>
public static class SymbolicMatrix
{
    /// <summary>The largest dimension accepted (the cofactor expansion has n! terms).</summary>
    public const int MaxDimension = 6;

    private static int Dimension(Expr[,] a, string operation)
    {
        int n = a.GetLength(0);
        if (n != a.GetLength(1)) throw new ArgumentException($"SymbolicMatrix.{operation}: the matrix is {n}×{a.GetLength(1)}, not square.", nameof(a));
        if (n == 0 || n > MaxDimension) throw new ArgumentException($"SymbolicMatrix.{operation}: dimension {n} is outside 1…{MaxDimension}.", nameof(a));
        return n;
    }

    /// <summary>det A by expansion along the first row, over a common denominator.</summary>
    public static Expr Determinant(Expr[,] a)
    {
        int n = Dimension(a, nameof(Determinant));
        return SeriesCoefficients.Together(Laplace(a, [.. Enumerable.Range(0, n)], [.. Enumerable.Range(0, n)]));
    }

    private static Expr Laplace(Expr[,] a, int[] rows, int[] cols)
    {
        if (rows.Length == 1) return a[rows[0], cols[0]];
        var sum = new SumBuilder();
        for (int c = 0; c < cols.Length; c++)
        {
            var minor = Laplace(a, rows[1..], [.. cols.Where((_, i) => i != c)]);
            sum.Add(SeriesCoefficients.Multiply(Product.Of(c % 2 == 0 ? Number.One : Number.MinusOne, a[rows[0], cols[c]]), minor));
        }
        return SeriesCoefficients.Expand(sum.ToExpr());
    }

    /// <summary>A⁻¹ = adj(A)/det A, entries over a common denominator.</summary>
    /// <exception cref="ArgumentException">When det A is recognized as zero.</exception>
    public static Expr[,] Inverse(Expr[,] a)
    {
        int n = Dimension(a, nameof(Inverse));
        var det = Determinant(a);
        if (SeriesCoefficients.IsZero(det)) throw new ArgumentException("SymbolicMatrix.Inverse: the determinant is zero; the matrix is singular.", nameof(a));
        var inv = new Expr[n, n];
        var detInv = Power.Of(det, Number.MinusOne);
        var all = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                // (A⁻¹)ᵢⱼ = (−1)^{i+j} M_{ji} / det A
                var cofactor = n == 1 ? Number.One : Laplace(a, [.. all.Where(r => r != j)], [.. all.Where(c => c != i)]);
                inv[i, j] = SeriesCoefficients.Together(Product.Of((i + j) % 2 == 0 ? Number.One : Number.MinusOne, cofactor, detInv));
            }
        return inv;
    }

    /// <summary>The matrix product A·B.</summary>
    public static Expr[,] Multiply(Expr[,] a, Expr[,] b)
    {
        if (a.GetLength(1) != b.GetLength(0)) throw new ArgumentException($"SymbolicMatrix.Multiply: {a.GetLength(0)}×{a.GetLength(1)} times {b.GetLength(0)}×{b.GetLength(1)} does not conform.");
        var c = new Expr[a.GetLength(0), b.GetLength(1)];
        for (int i = 0; i < c.GetLength(0); i++)
            for (int j = 0; j < c.GetLength(1); j++)
                c[i, j] = SeriesCoefficients.Expand(Sum.Of(Enumerable.Range(0, a.GetLength(1)).Select(k => Product.Of(a[i, k], b[k, j]))));
        return c;
    }

    /// <summary>The n×n identity.</summary>
    public static Expr[,] Identity(int n)
    {
        var id = new Expr[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) id[i, j] = i == j ? Number.One : Number.Zero;
        return id;
    }

    /// <summary>The quadratic form uᵀ A w.</summary>
    public static Expr Bilinear(Expr[] u, Expr[,] a, Expr[] w) =>
        SeriesCoefficients.Expand(Sum.Of(
            from i in Enumerable.Range(0, u.Length)
            from j in Enumerable.Range(0, w.Length)
            select Product.Of(u[i], a[i, j], w[j])));
}
