using NngpRg.Core.Flows;
using NngpRg.Core.Spectra;
using NngpRg.Symbolic.Compilation;
using NngpRg.Symbolic.Expressions;
using NngpRg.Symbolic.Probability;
using Xunit;
using Xunit.Abstractions;

namespace NngpRg.Core.Tests.Flows;

public class InputDependentFlowTests(ITestOutputHelper output)
{
    // N points uniform on S^{d−1} (normalized Gaussian vectors)
    private static double[,] Sphere(int n, int d, int seed)
    {
        var random = new Random(seed);
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int k = 0; k < d; k++)
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                x[i, k] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                norm += x[i, k] * x[i, k];
            }
            norm = Math.Sqrt(norm);
            for (int k = 0; k < d; k++) x[i, k] /= norm;
        }
        return x;
    }

    // linear kernel on the sphere: φ_k = √d x_k, λ_k = 1/d (docs/theory.md §4.4)
    private static (double[,] Phi, double[] Lambda) LinearSphere(double[,] x)
    {
        int n = x.GetLength(0), d = x.GetLength(1);
        var phi = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) phi[i, k] = Math.Sqrt(d) * x[i, k];
        return (phi, Enumerable.Repeat(1.0 / d, d).ToArray());
    }

    private static double KeptNorm2(double[,] x, int i, int m)
    {
        double r2 = 0;
        for (int k = 0; k < m; k++) r2 += x[i, k] * x[i, k];
        return r2;
    }

    // columns made exactly orthonormal under the sample measure (modified Gram–Schmidt)
    private static double[,] Orthonormalized(double[,] phi)
    {
        int n = phi.GetLength(0), modes = phi.GetLength(1);
        var q = (double[,])phi.Clone();
        for (int k = 0; k < modes; k++)
        {
            for (int l = 0; l < k; l++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += q[i, k] * q[i, l];
                dot /= n;
                for (int i = 0; i < n; i++) q[i, k] -= dot * q[i, l];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += q[i, k] * q[i, k];
            norm = Math.Sqrt(norm / n);
            for (int i = 0; i < n; i++) q[i, k] /= norm;
        }
        return q;
    }

    [Fact]
    public void Gaussian_second_moment_gives_the_universal_flow()
    {
        var (phi, _) = LinearSphere(Sphere(200, 8, 1));
        double[] lambda = [1.0, 0.5, 0.25, 0.1, 0.05, 0.02, 0.01, 0.001];
        const double ridge = 1e-2;
        for (int cutoff = 0; cutoff <= 8; cutoff++)
        {
            var result = InputDependentFlow.Run(phi, lambda, ridge, cutoff, new ConditionalSecondMoment.Gaussian());
            // σ² + Σ_{q>κ} λ_q accumulated from the UV, in the flow's order: equal to the last bit
            double universal = lambda.Skip(cutoff).Reverse().Aggregate(ridge, (s, l) => s + l);
            Assert.All(result.RidgeAtPoints, s => Assert.Equal(universal, s));
            Assert.Equal(universal, result.MinRidge);
            Assert.Equal(universal, result.MaxRidge);
            Assert.Equal(universal, result.MeanRidge, 1e-13);
            Assert.All(result.Weights, w => Assert.Equal(1.0, w, 1e-14));
            Assert.Equal(8 - cutoff, result.MeanSecondMoments.Length);
            Assert.All(result.MeanSecondMoments, m => Assert.Equal(1.0, m));
            Assert.Equal(cutoff, result.ReweightedGramEigenvalues.Length);
        }
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(30, 3)]
    [InlineData(6, 0)]
    public void Exact_second_moment_on_the_sphere_gives_one_minus_kept_radius(int d, int m)
    {
        var x = Sphere(500, d, 2);
        var (phi, lambda) = LinearSphere(x);
        const double ridge = 0.1;
        // E[φ_q² | x_<] = d(1 − |x_<|²)/(d − m) for every removed coordinate q
        var exact = new ConditionalSecondMoment.Exact((q, i) =>
        {
            Assert.InRange(q, m + 1, d);
            return d * (1 - KeptNorm2(x, i, m)) / (d - m);
        });
        var result = InputDependentFlow.Run(phi, lambda, ridge, m, exact);
        for (int i = 0; i < 500; i++)
            Assert.Equal(ridge + 1 - KeptNorm2(x, i, m), result.RidgeAtPoints[i], 1e-12);
        var expectedMean = ridge + lambda.Skip(m).Zip(result.MeanSecondMoments, (l, s) => l * s).Sum();
        Assert.Equal(expectedMean, result.MeanRidge, 1e-12);
    }

    [Fact]
    public void Edgeworth_second_moment_from_sample_cumulants_matches_the_sphere_to_order_one_over_d()
    {
        const int n = 20_000, d = 30, m = 3;
        const double ridge = 0.1;
        var x = Sphere(n, d, 3);
        var (phi, lambda) = LinearSphere(x);
        var result = InputDependentFlow.Run(phi, lambda, ridge, m, new ConditionalSecondMoment.EdgeworthEstimate());

        double maxError = 0, sumSquares = 0, maxResidual = 0, residualSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double r2 = KeptNorm2(x, i, m);
            double exact = ridge + 1 - r2;
            double error = result.RidgeAtPoints[i] - exact;
            // with the exact cumulants U_qqkk = −2/(d+2) the Edgeworth m₂ − 1 is (m − d r²)/(d + 2) against the exact
            // (m − d r²)/(d − m), so summed over the d − m removed modes with λ = 1/d σ² differs by (d r² − m)(m + 2)/(d(d + 2))
            double predicted = (d * r2 - m) * (m + 2) / (double)(d * (d + 2));
            maxError = Math.Max(maxError, Math.Abs(error));
            maxResidual = Math.Max(maxResidual, Math.Abs(error - predicted));
            residualSquares += (error - predicted) * (error - predicted);
            sumSquares += error * error;
        }
        double rms = Math.Sqrt(sumSquares / n), rmsResidual = Math.Sqrt(residualSquares / n);
        output.WriteLine($"Edgeworth vs exact σ²(x): rms {rms:G4}, max {maxError:G4}; after the predicted first-order discrepancy rms {rmsResidual:G4}, max {maxResidual:G4}; mean ridge {result.MeanRidge:G8}");
        // measured (seed 3): rms 0.0162, max 0.120; residual after the predicted discrepancy rms 0.0106, max 0.051.
        // The Edgeworth error is O(1/d): the typical kept radius d r² − m ~ √(2m) gives rms ≈ √(2m)(m + 2)/(d(d + 2)) ≈ 0.013,
        // and the largest d r² on the sample (≈ 20) gives ≈ 0.09, plus cumulant sampling noise
        Assert.True(rms < 1.0 / d, $"rms error {rms} is not below 1/d = {1.0 / d}");
        Assert.True(maxError < 5.0 / d, $"max error {maxError} is not below 5/d");
        // what remains after the analytic first-order discrepancy is cumulant sampling noise: per removed mode U carries
        // O(1/√N) ≈ 0.007·√(E φ⁸) errors, averaged over the 27 removed modes and multiplied by ½(φ_kφ_k' − δ) in the tails
        Assert.True(rmsResidual < 0.02, $"residual rms {rmsResidual} exceeds the sampling-noise bound 0.02");
        Assert.True(maxResidual < 0.1, $"residual max {maxResidual} exceeds the sampling-noise bound 0.1");
        Assert.True(rmsResidual < rms, "the predicted first-order discrepancy does not explain part of the error");
        // the sample mean of m₂ is 1 up to the sample (non-)orthonormality of φ, O(1/√N)
        Assert.All(result.MeanSecondMoments, s => Assert.Equal(1.0, s, 0.05));
        Assert.Equal(ridge + 1 - (double)m / d, result.MeanRidge, 0.01);
        Assert.Equal(ridge + lambda.Skip(m).Zip(result.MeanSecondMoments, (l, s) => l * s).Sum(), result.MeanRidge, 1e-12);
    }

    [Fact]
    public void Edgeworth_mean_second_moment_is_one_for_sample_orthonormal_features()
    {
        var phi = Orthonormalized(LinearSphere(Sphere(3000, 12, 4)).Phi);
        // centring is part of "standardized": subtract the sample mean then re-orthonormalize
        int n = phi.GetLength(0);
        var centred = new double[n, 13];
        for (int i = 0; i < n; i++)
        {
            centred[i, 0] = 1;
            for (int k = 0; k < 12; k++) centred[i, k + 1] = phi[i, k];
        }
        var basis = Orthonormalized(centred);
        var features = new double[n, 12];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < 12; k++) features[i, k] = basis[i, k + 1];
        var lambda = Enumerable.Range(1, 12).Select(k => 1.0 / k).ToArray();
        var result = InputDependentFlow.Run(features, lambda, 0.5, 4, new ConditionalSecondMoment.EdgeworthEstimate());
        Assert.All(result.MeanSecondMoments, s => Assert.Equal(1.0, s, 1e-12));
        Assert.Equal(0.5 + lambda.Skip(4).Sum(), result.MeanRidge, 1e-12);
    }

    [Fact]
    public void A_mode_major_view_without_rediagonalization_gives_the_same_ridge()
    {
        var phi = Orthonormalized(LinearSphere(Sphere(500, 8, 6)).Phi);
        int n = phi.GetLength(0), modes = phi.GetLength(1);
        // the buffer holds the modes in reverse order with a junk mode in front; the view picks them back
        var buffer = new double[(modes + 1) * n];
        for (int k = 0; k < modes; k++)
            for (int i = 0; i < n; i++) buffer[(modes - k) * n + i] = phi[i, k];
        var view = new FeatureMatrix(buffer, n, [.. Enumerable.Range(0, modes).Select(k => modes - k)]);
        var lambda = Enumerable.Range(1, modes).Select(k => 1.0 / k).ToArray();
        var source = new ConditionalSecondMoment.EdgeworthEstimate(3);
        var full = InputDependentFlow.Run(phi, lambda, 0.2, 3, source);
        var viewed = InputDependentFlow.RunOnView(view, lambda, 0.2, 3, source, rediagonalize: false);
        // equal up to rounding (the two calls may run differently optimized code)
        for (int i = 0; i < n; i++) Assert.Equal(full.RidgeAtPoints[i], viewed.RidgeAtPoints[i], 1e-13);
        for (int q = 0; q < full.MeanSecondMoments.Length; q++) Assert.Equal(full.MeanSecondMoments[q], viewed.MeanSecondMoments[q], 1e-13);
        Assert.Empty(viewed.ReweightedGramEigenvalues);
        Assert.Equal(3, full.ReweightedGramEigenvalues.Length);
    }

    [Fact]
    public void Edgeworth_sums_run_over_at_most_MaxKeptModes_kept_modes()
    {
        const int d = 12, m = 4;
        var x = Sphere(2000, d, 8);
        var (phi, lambda) = LinearSphere(x);
        double[] Ridge(double[,] features, int maxKept) =>
            [.. InputDependentFlow.Run(features, lambda, 0.1, m, new ConditionalSecondMoment.EdgeworthEstimate(maxKept)).RidgeAtPoints];
        var all = Ridge(phi, 20);
        Assert.Equal(all, Ridge(phi, m));
        // change kept modes 2…m (sign flips tied to φ₁, which keep them standardized): with one kept mode in the sums
        // the ridge cannot see them, with all of them it does
        var changed = (double[,])phi.Clone();
        for (int i = 0; i < 2000; i++)
            for (int k = 1; k < m; k++) changed[i, k] = phi[i, k] * Math.Sign(phi[i, 0] - 0.5);
        Assert.Equal(Ridge(phi, 1), Ridge(changed, 1));
        Assert.NotEqual(all, Ridge(changed, 20));
        Assert.NotEqual(all, Ridge(phi, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Numeric_Edgeworth_moment_is_the_engine_expression(int m)
    {
        var q = Ex.Sym("q");
        var m2 = Edgeworth.ConditionalMoments(q, m).M2;
        var random = new Random(10 + m);
        for (int trial = 0; trial < 20; trial++)
        {
            var third = new double[m];
            var fourth = new double[m, m];
            var kept = new double[m];
            var at = new Dictionary<Symbol, double>();
            for (int a = 1; a <= m; a++)
            {
                third[a - 1] = random.NextDouble() * 2 - 1;
                kept[a - 1] = random.NextDouble() * 4 - 2;
                at[SymmetricTensor.Of("kappa", [q, q, Ex.Num(a)])] = third[a - 1];
                at[Ex.Sym("phi", a)] = kept[a - 1];
                for (int b = 1; b <= a; b++)
                {
                    fourth[a - 1, b - 1] = fourth[b - 1, a - 1] = random.NextDouble() * 2 - 1;
                    at[SymmetricTensor.Of("U", [q, q, Ex.Num(a), Ex.Num(b)])] = fourth[a - 1, b - 1];
                }
            }
            Assert.Subset(at.Keys.ToHashSet(), Structure.FreeSymbols(m2).ToHashSet());
            Assert.Equal(Evaluate.At(m2, at), InputDependentFlow.EdgeworthSecondMoment(third, fourth, kept), 1e-12);
        }
    }

    [Fact]
    public void Rediagonalized_modes_are_orthonormal_under_the_reweighted_measure()
    {
        const int d = 10, m = 4;
        var x = Sphere(2000, d, 5);
        var (phi, lambda) = LinearSphere(x);
        var exact = new ConditionalSecondMoment.Exact((q, i) => d * (1 - KeptNorm2(x, i, m)) / (d - m));
        var result = InputDependentFlow.Run(phi, lambda, 0.05, m, exact);
        Assert.Equal(1.0, result.Weights.Average(), 1e-12);
        // dμ̃ ∝ dμ/σ²(x): w_i σ²(x_i) is the same at every point
        var product = result.Weights[0] * result.RidgeAtPoints[0];
        for (int i = 0; i < result.SampleCount; i++) Assert.Equal(product, result.Weights[i] * result.RidgeAtPoints[i], 1e-12);
        AssertOrthonormal(result, m);
        // σ²(x) varies, so the measure is reweighted and the Gram matrix is not the identity
        Assert.True(result.ReweightedGramEigenvalues[0] - result.ReweightedGramEigenvalues[^1] > 0.05);
        Assert.True(result.ReweightedGramEigenvalues.SequenceEqual(result.ReweightedGramEigenvalues.OrderDescending()));
    }

    [Fact]
    public void Constant_ridge_leaves_orthonormal_modes_unrotated()
    {
        var features = Orthonormalized(LinearSphere(Sphere(1000, 6, 6)).Phi);
        var lambda = new[] { 1.0, 0.5, 0.3, 0.2, 0.1, 0.05 };
        var result = InputDependentFlow.Run(features, lambda, 0.01, 3, new ConditionalSecondMoment.Gaussian());
        Assert.All(result.ReweightedGramEigenvalues, g => Assert.Equal(1.0, g, 1e-12));
        AssertOrthonormal(result, 3);
        // the span is unchanged: Σ_a ψ_a(x_i)ψ_a(x_j) = Σ_k φ_k(x_i)φ_k(x_j)
        for (int i = 0; i < 20; i++)
            for (int j = 0; j < 20; j++)
            {
                double psi = 0, phi = 0;
                for (int a = 0; a < 3; a++)
                {
                    psi += result.ReweightedMode(i, a) * result.ReweightedMode(j, a);
                    phi += features[i, a] * features[j, a];
                }
                Assert.Equal(phi, psi, 1e-10);
            }
    }

    [Fact]
    public void Runs_on_empirical_eigenfunctions_of_a_kernel_matrix()
    {
        // linear kernel x·x' on a sphere sample: d non-zero empirical modes, sample-orthonormal eigenfunctions
        const int n = 300, d = 8, kept = 3;
        var x = Sphere(n, d, 9);
        var kernel = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < d; k++) kernel[i, j] += x[i, k] * x[j, k];
        var spectrum = EmpiricalSpectrum.FromKernelMatrix(kernel);
        var features = new double[n, d];
        for (int k = 0; k < d; k++)
        {
            var values = spectrum.EigenfunctionValues(k);
            for (int i = 0; i < n; i++) features[i, k] = values[i];
        }
        var lambda = spectrum.Eigenvalues.Take(d).ToArray();
        var gaussian = InputDependentFlow.Run(features, lambda, 0.2, kept, new ConditionalSecondMoment.Gaussian());
        Assert.All(gaussian.ReweightedGramEigenvalues, g => Assert.Equal(1.0, g, 1e-10));
        var edgeworth = InputDependentFlow.Run(features, lambda, 0.2, kept, new ConditionalSecondMoment.EdgeworthEstimate());
        // the modes are sample-orthonormal, so mean m₂ − 1 is Σ_k κ_{qqk} mean φ_k: small for linear modes on the sphere
        Assert.Equal(gaussian.MeanRidge, edgeworth.MeanRidge, 1e-2);
        Assert.True(edgeworth.MaxRidge > edgeworth.MinRidge + 0.05, "the Edgeworth ridge does not depend on x");
        AssertOrthonormal(edgeworth, kept);
    }

    private static void AssertOrthonormal(InputDependentFlowResult result, int kept)
    {
        int n = result.SampleCount;
        for (int a = 0; a < kept; a++)
            for (int b = 0; b < kept; b++)
            {
                double g = 0;
                for (int i = 0; i < n; i++) g += result.Weights[i] * result.ReweightedMode(i, a) * result.ReweightedMode(i, b);
                Assert.Equal(a == b ? 1.0 : 0.0, g / n, 1e-10);
            }
    }

    [Fact]
    public void Bad_input_is_rejected_precisely()
    {
        var (phi, lambda) = LinearSphere(Sphere(10, 4, 7));
        var gaussian = new ConditionalSecondMoment.Gaussian();
        var cutoff = Assert.Throws<ArgumentOutOfRangeException>(() => InputDependentFlow.Run(phi, lambda, 0.1, 5, gaussian));
        Assert.Contains("κ = 5 must lie in [0, 4]", cutoff.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => InputDependentFlow.Run(phi, lambda, 0.1, -1, gaussian));
        var ridge = Assert.Throws<ArgumentException>(() => InputDependentFlow.Run(phi, lambda, -0.1, 2, gaussian));
        Assert.Contains("σ² = -0.1 must be finite and non-negative", ridge.Message);
        var shape = Assert.Throws<ArgumentException>(() => InputDependentFlow.Run(phi, [0.3, 0.2, 0.1], 0.1, 2, gaussian));
        Assert.Contains("4 modes (columns) but 3 eigenvalues", shape.Message);
        Assert.Equal("eigenvalues", shape.ParamName);
        Assert.Equal("cutoff", cutoff.ParamName);
        Assert.Equal("ridge", ridge.ParamName);
        var order = Assert.Throws<ArgumentException>(() => InputDependentFlow.Run(phi, [0.1, 0.2, 0.1, 0.1], 0.1, 2, gaussian));
        Assert.Contains("non-increasing", order.Message);
        var max = Assert.Throws<ArgumentException>(() => InputDependentFlow.Run(phi, lambda, 0.1, 2, new ConditionalSecondMoment.EdgeworthEstimate(0)));
        Assert.Contains("MaxKeptModes = 0", max.Message);
        var nan = Assert.Throws<ArgumentException>(() => InputDependentFlow.Run(phi, lambda, 0.1, 2, new ConditionalSecondMoment.Exact((q, i) => double.NaN)));
        Assert.Contains("mode q = 4 at sample 0", nan.Message);
        var negative = Assert.Throws<InvalidOperationException>(() => InputDependentFlow.Run(phi, lambda, 0, 2, new ConditionalSecondMoment.Exact((q, i) => -1)));
        Assert.Contains("σ²(x_0)", negative.Message);
        var moment = Assert.Throws<ArgumentException>(() => InputDependentFlow.EdgeworthSecondMoment([1.0], new double[2, 2], [0.5, 0.5]));
        Assert.Contains("2 kept values need 2 third cumulants", moment.Message);
    }
}
