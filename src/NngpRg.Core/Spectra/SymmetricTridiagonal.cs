namespace NngpRg.Core.Spectra;

/// <summary>
/// Eigenvalues of a symmetric tridiagonal matrix and the first component of each normalized eigenvector,
/// by the implicit QL algorithm with Wilkinson-type shifts (what Golub–Welsch needs; O(n²)).
/// </summary>
internal static class SymmetricTridiagonal
{
    /// <summary>
    /// Diagonal <paramref name="diagonal"/> (length n), off-diagonal <paramref name="offDiagonal"/> (length n − 1).
    /// Returns eigenvalues ascending with the squared first eigenvector components.
    /// </summary>
    public static (double[] Eigenvalues, double[] FirstComponentSquared) Solve(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> offDiagonal)
    {
        int n = diagonal.Length;
        var d = diagonal.ToArray();
        var e = new double[n];
        offDiagonal.CopyTo(e);
        var z = new double[n];
        z[0] = 1;
        for (int l = 0; l < n; l++)
        {
            int iterations = 0;
            int m;
            do
            {
                for (m = l; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon + 2.2e-16 * dd) break;
                }
                if (m == l) break;
                if (++iterations > 200)
                    throw new InvalidOperationException($"Symmetric tridiagonal QL: no convergence for eigenvalue {l} of {n} after 200 iterations.");
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Math.Sqrt(g * g + 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
                double s = 1, c = 1, p = 0;
                int i;
                bool deflated = false;
                for (i = m - 1; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = Math.Sqrt(f * f + g * g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    double zf = z[i + 1];
                    z[i + 1] = s * z[i] + c * zf;
                    z[i] = c * z[i] - s * zf;
                }
                if (deflated) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            } while (m != l);
        }
        var order = Enumerable.Range(0, n).OrderBy(k => d[k]).ToArray();
        return (order.Select(k => d[k]).ToArray(), order.Select(k => z[k] * z[k]).ToArray());
    }
}
