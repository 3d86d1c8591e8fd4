using System.Collections.Immutable;
using DerivedFlow = NngpRg.Core.Derivations.FlowEquations;
using NngpRg.Core.Regression;

namespace NngpRg.Core.Flows;

/// <summary>
/// The input-dependent ridge flow for non-Gaussian features on a finite sample (docs/theory.md §4):
/// σ²_{q−1}(x) = σ²_q(x) + λ_q m₂^{(q)}(x) shell by shell from the last mode K down to the cutoff κ, so
/// σ²(x; κ) = σ² + Σ_{q&gt;κ} λ_q m₂^{(q)}(x); then the reweighted measure dμ̃ ∝ dμ/σ²(x) on the sample and the
/// re-diagonalization of the kept modes k ≤ κ under it.
/// </summary>
public static class InputDependentFlow
{
    /// <summary>
    /// Runs the flow. <paramref name="features"/>[i, k−1] = φ_k(x_i) for N sample points and modes k = 1…K, assumed
    /// orthonormal (and centred) under the sample measure; <paramref name="eigenvalues"/>[k−1] = λ_k, decreasing.
    /// Each shell applies the engine's compiled step <see cref="NngpRg.Core.Derivations.FlowEquations.InputDependentRidgeStep"/> (dσ²/dκ = −λ m₂).
    /// </summary>
    /// <param name="features">φ_k(x_i), N × K.</param>
    /// <param name="eigenvalues">λ_k, length K, finite, non-negative, non-increasing.</param>
    /// <param name="ridge">The bare ridge σ² ≥ 0.</param>
    /// <param name="cutoff">κ, 0 ≤ κ ≤ K: modes 1…κ are kept.</param>
    /// <param name="secondMoment">The source of m₂.</param>
    /// <param name="algebra">Symmetric eigensolver for the reweighted Gram matrix; <see cref="LinearAlgebra.Managed"/> when null.</param>
    /// <exception cref="ArgumentException">Shapes inconsistent, non-finite entries, negative σ², eigenvalues negative or increasing,
    /// κ out of range, a non-positive MaxKeptModes, or a non-finite exact m₂.</exception>
    /// <exception cref="InvalidOperationException">σ²(x_i) ≤ 0 at some sample point (the reweighted measure needs a positive ridge;
    /// a first-order Edgeworth m₂ can be negative).</exception>
    public static InputDependentFlowResult Run(
        double[,] features, IReadOnlyList<double> eigenvalues, double ridge, int cutoff,
        ConditionalSecondMoment secondMoment, ILinearAlgebra? algebra = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        return RunOnView(new FeatureMatrix(features), eigenvalues, ridge, cutoff, secondMoment, algebra);
    }

    /// <summary>As <see cref="Run(double[,], IReadOnlyList{double}, double, int, ConditionalSecondMoment, ILinearAlgebra?)"/> on a
    /// view of the features (e.g. columns of an eigenvector buffer, without a copy). Without <paramref name="rediagonalize"/> the
    /// kept modes are not re-diagonalized under the reweighted measure (the result has none), which saves their N × κ buffer
    /// and O(N κ²) work for a caller that needs σ²(x) only.</summary>
    internal static InputDependentFlowResult RunOnView(
        FeatureMatrix features, IReadOnlyList<double> eigenvalues, double ridge, int cutoff,
        ConditionalSecondMoment secondMoment, ILinearAlgebra? algebra = null, bool rediagonalize = true)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        ArgumentNullException.ThrowIfNull(secondMoment);
        int n = features.Rows, modes = features.Columns;
        Validate(features, eigenvalues, ridge, cutoff, secondMoment);

        var step = DerivedFlow.InputDependentRidgeStep;
        var sigma2 = Enumerable.Repeat(ridge, n).ToArray();
        var meanM2 = new double[modes - cutoff];
        var m2 = new double[n];
        // the UV shell first: σ²_{q−1}(x) = σ²_q(x) − (dσ²/dκ)(λ_q, m₂^{(q)}(x))
        for (int q = modes; q > cutoff; q--)
        {
            SecondMoment(features, q, cutoff, secondMoment, m2);
            double lambda = eigenvalues[q - 1], total = 0;
            for (int i = 0; i < n; i++)
            {
                sigma2[i] -= step(lambda, m2[i]);
                total += m2[i];
            }
            meanM2[q - cutoff - 1] = total / n;
        }

        for (int i = 0; i < n; i++)
            if (!(sigma2[i] > 0))
                throw new InvalidOperationException($"InputDependentFlow: σ²(x_{i}) = {sigma2[i]:R} ≤ 0 after removing modes {cutoff + 1}…{modes}; the reweighted measure dμ̃ ∝ dμ/σ²(x) needs a positive ridge (increase σ² or the cutoff, or use a different m₂).");

        var weights = Weights(sigma2);
        var (gramEigenvalues, rotated) = rediagonalize
            ? Rediagonalize(features, weights, cutoff, algebra ?? LinearAlgebra.Managed)
            : ([], new double[n, 0]);
        return new InputDependentFlowResult(cutoff, [.. sigma2], [.. meanM2], [.. weights], gramEigenvalues, rotated);
    }

    /// <summary>
    /// The first-order Edgeworth conditional second moment (docs/theory.md §4):
    /// m₂ = 1 + Σ_k κ_{qqk} φ_k + ½ Σ_{k,k'} U_{qqkk'} (φ_kφ_k' − δ_kk') at kept-mode values <paramref name="kept"/>.
    /// </summary>
    /// <param name="thirdCumulants">κ_{qqk}, one per kept mode k.</param>
    /// <param name="fourthCumulants">U_{qqkk'}, symmetric m × m.</param>
    /// <param name="kept">φ_k at one point, length m.</param>
    /// <exception cref="ArgumentException">Lengths inconsistent.</exception>
    public static double EdgeworthSecondMoment(IReadOnlyList<double> thirdCumulants, double[,] fourthCumulants, IReadOnlyList<double> kept)
    {
        ArgumentNullException.ThrowIfNull(thirdCumulants);
        ArgumentNullException.ThrowIfNull(fourthCumulants);
        ArgumentNullException.ThrowIfNull(kept);
        int m = kept.Count;
        if (thirdCumulants.Count != m || fourthCumulants.GetLength(0) != m || fourthCumulants.GetLength(1) != m)
            throw new ArgumentException($"EdgeworthSecondMoment: {m} kept values need {m} third cumulants and a {m} × {m} fourth-cumulant matrix, got {thirdCumulants.Count} and {fourthCumulants.GetLength(0)} × {fourthCumulants.GetLength(1)}.", nameof(fourthCumulants));
        double value = 1;
        for (int k = 0; k < m; k++)
        {
            value += thirdCumulants[k] * kept[k];
            for (int l = 0; l < m; l++)
                value += 0.5 * fourthCumulants[k, l] * (kept[k] * kept[l] - (k == l ? 1 : 0));
        }
        return value;
    }

    // m₂^{(q)}(x_i) for all i into 'into'
    private static void SecondMoment(FeatureMatrix phi, int q, int cutoff, ConditionalSecondMoment source, double[] into)
    {
        int n = into.Length;
        switch (source)
        {
            case ConditionalSecondMoment.Gaussian:
                Array.Fill(into, 1.0);
                break;
            case ConditionalSecondMoment.Exact exact:
                for (int i = 0; i < n; i++)
                {
                    var v = exact.Value(q, i);
                    if (!double.IsFinite(v))
                        throw new ArgumentException($"InputDependentFlow: the exact m₂ is {v} for mode q = {q} at sample {i}; it must be finite.", "secondMoment");
                    into[i] = v;
                }
                break;
            case ConditionalSecondMoment.EdgeworthEstimate edgeworth:
                EdgeworthOnSample(phi, q, Math.Min(cutoff, edgeworth.MaxKeptModes), into);
                break;
            default:
                throw new ArgumentException($"InputDependentFlow: unknown m₂ source {source.GetType().Name}.", "secondMoment");
        }
    }

    // κ_{qqk} = mean φ_q²φ_k and the connected U_{qqkk'} = mean φ_q²φ_kφ_k' − C_qq C_kk' − 2 C_qk C_qk' over the sample, with
    // the sample second moments C_ab = mean φ_aφ_b (= δ_ab for sample-orthonormal features, where U = mean φ_q²φ_kφ_k' − δ_kk');
    // subtracting the sample C rather than δ removes the O(1/√N) covariance error that the (φ_kφ_k' − δ) factor would amplify
    private static void EdgeworthOnSample(FeatureMatrix phi, int q, int m, double[] into)
    {
        int n = into.Length;
        var third = new double[m];
        var fourth = new double[m, m];
        var keptCovariance = new double[m, m];
        var mixed = new double[m];
        double removed = 0;
        for (int i = 0; i < n; i++)
        {
            double p = phi[i, q - 1], w = p * p;
            removed += w;
            for (int k = 0; k < m; k++)
            {
                double wk = w * phi[i, k];
                third[k] += wk;
                mixed[k] += p * phi[i, k];
                for (int l = 0; l <= k; l++)
                {
                    fourth[k, l] += wk * phi[i, l];
                    keptCovariance[k, l] += phi[i, k] * phi[i, l];
                }
            }
        }
        removed /= n;
        for (int k = 0; k < m; k++)
        {
            third[k] /= n;
            mixed[k] /= n;
        }
        for (int k = 0; k < m; k++)
            for (int l = 0; l <= k; l++)
            {
                fourth[k, l] = fourth[k, l] / n - removed * keptCovariance[k, l] / n - 2 * mixed[k] * mixed[l];
                fourth[l, k] = fourth[k, l];
            }
        var kept = new double[m];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < m; k++) kept[k] = phi[i, k];
            into[i] = EdgeworthSecondMoment(third, fourth, kept);
        }
    }

    // w_i ∝ 1/σ²(x_i) with mean 1
    private static double[] Weights(double[] sigma2)
    {
        var w = sigma2.Select(s => 1 / s).ToArray();
        var mean = w.Average();
        for (int i = 0; i < w.Length; i++) w[i] /= mean;
        return w;
    }

    // G = (1/N) Σ_i w_i φ φᵀ on the kept modes, G = V diag(g) Vᵀ, ψ_a = g_a^{−1/2} Σ_k V_ka φ_k (descending g)
    private static (ImmutableArray<double>, double[,]) Rediagonalize(FeatureMatrix phi, double[] w, int kept, ILinearAlgebra algebra)
    {
        int n = w.Length;
        var modes = new double[n, kept];
        if (kept == 0) return ([], modes);
        var gram = new double[kept, kept];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < kept; k++)
            {
                double wk = w[i] * phi[i, k];
                for (int l = 0; l <= k; l++) gram[k, l] += wk * phi[i, l];
            }
        for (int k = 0; k < kept; k++)
            for (int l = 0; l <= k; l++)
            {
                gram[k, l] /= n;
                gram[l, k] = gram[k, l];
            }
        var eigen = algebra.SymmetricEigen(gram);
        var values = new double[kept];
        for (int a = 0; a < kept; a++)
        {
            int col = kept - 1 - a;
            double g = eigen.Eigenvalues[col];
            if (!(g > 0))
                throw new InvalidOperationException($"InputDependentFlow: the reweighted Gram matrix of the kept modes is singular (eigenvalue {g:R}); the features are not linearly independent on the sample.");
            values[a] = g;
            double scale = 1 / Math.Sqrt(g);
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int k = 0; k < kept; k++) s += eigen[k, col] * phi[i, k];
                modes[i, a] = scale * s;
            }
        }
        return ([.. values], modes);
    }

    private static void Validate(FeatureMatrix phi, IReadOnlyList<double> lambda, double ridge, int cutoff, ConditionalSecondMoment source)
    {
        int n = phi.Rows, modes = phi.Columns;
        if (n == 0 || modes == 0)
            throw new ArgumentException($"InputDependentFlow: the feature matrix is {n} × {modes}; it needs at least one sample point and one mode.", "features");
        if (lambda.Count != modes)
            throw new ArgumentException($"InputDependentFlow: shape mismatch, the feature matrix has {modes} modes (columns) but {lambda.Count} eigenvalues were given.", "eigenvalues");
        for (int i = 0; i < n; i++)
            for (int k = 0; k < modes; k++)
                if (!double.IsFinite(phi[i, k]))
                    throw new ArgumentException($"InputDependentFlow: φ_{k + 1}(x_{i}) = {phi[i, k]} is not finite.", "features");
        for (int k = 0; k < modes; k++)
        {
            if (!double.IsFinite(lambda[k]) || lambda[k] < 0)
                throw new ArgumentException($"InputDependentFlow: λ_{k + 1} = {lambda[k]:R} must be finite and non-negative.", "eigenvalues");
            if (k > 0 && lambda[k] > lambda[k - 1])
                throw new ArgumentException($"InputDependentFlow: eigenvalues must be non-increasing, but λ_{k + 1} = {lambda[k]:R} > λ_{k} = {lambda[k - 1]:R}.", "eigenvalues");
        }
        if (!double.IsFinite(ridge) || ridge < 0)
            throw new ArgumentException($"InputDependentFlow: the bare ridge σ² = {ridge:R} must be finite and non-negative.", nameof(ridge));
        if (cutoff < 0 || cutoff > modes)
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, $"InputDependentFlow: the cutoff κ = {cutoff} must lie in [0, {modes}] (the number of modes K).");
        if (source is ConditionalSecondMoment.EdgeworthEstimate { MaxKeptModes: < 1 } e)
            throw new ArgumentException($"InputDependentFlow: EdgeworthEstimate.MaxKeptModes = {e.MaxKeptModes} must be at least 1.", "secondMoment");
        if (source is ConditionalSecondMoment.Exact { Value: null })
            throw new ArgumentException("InputDependentFlow: the exact m₂ function is null.", "secondMoment");
    }
}
