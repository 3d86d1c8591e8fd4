using NngpRg.Symbolic.Expressions;

namespace NngpRg.Core.Derivations;

/// <summary>
/// The symbols of docs/theory.md §1–4 as the derivations write them: the ridge σ² (one symbol <c>sigma^{2}</c>), the
/// mean number of training points η, the replica count M, mode indices k, q and the cutoff κ, eigenvalues λ_k,
/// the thin-shell width δ_c, the replica misfit U = Σ_a u_a².
/// </summary>
public static class Notation
{
    /// <summary>The ridge σ² (the GP noise variance).</summary>
    public static Symbol Sigma2 { get; } = Ex.SymSup("sigma", 2);
    /// <summary>The mean number of training points η.</summary>
    public static Symbol Eta { get; } = Ex.Sym("eta");
    /// <summary>The replica count M.</summary>
    public static Symbol M { get; } = Ex.Sym("M");
    /// <summary>The replica index a.</summary>
    public static Symbol A { get; } = Ex.Sym("a");
    /// <summary>The generic mode index k.</summary>
    public static Symbol K { get; } = Ex.Sym("k");
    /// <summary>A second mode index l.</summary>
    public static Symbol L { get; } = Ex.Sym("l");
    /// <summary>The removed mode q of a thin shell.</summary>
    public static Symbol Q { get; } = Ex.Sym("q");
    /// <summary>The cutoff κ (an index into the ranking of modes).</summary>
    public static Symbol Kappa { get; } = Ex.Sym("kappa");
    /// <summary>The thin-shell width δ_c (= λ_q for one removed mode).</summary>
    public static Symbol DeltaC { get; } = Ex.Sym("delta", Ex.Sym("c"));
    /// <summary>The replica misfit U = Σ_a u_a² (a symbol where the replica structure does not matter).</summary>
    public static Symbol U { get; } = Ex.Sym("U");
    /// <summary>The variance v of the removed GP part g_a.</summary>
    public static Symbol V { get; } = Ex.Sym("v");
    /// <summary>λ_index.</summary>
    public static Symbol Lambda(Expr index) => Ex.Sym("lambda", index);
    /// <summary>λ_κ, the eigenvalue at the cutoff.</summary>
    public static Symbol LambdaKappa { get; } = Lambda(Kappa);
    /// <summary>φ_index, the feature (eigenfunction value) of a mode.</summary>
    public static Symbol Phi(Expr index) => Ex.Sym("phi", index);
    /// <summary>y_index, the target's component on a mode.</summary>
    public static Symbol Y(Expr index) => Ex.Sym("y", index);
    /// <summary>f_index, a mode amplitude (or a replica's field value).</summary>
    public static Symbol F(Expr index) => Ex.Sym("f", index);
    /// <summary>u_a = f_&lt;^a − y, the kept part of a replica's misfit.</summary>
    public static Symbol Misfit(Expr replica) => Ex.Sym("u", replica);
    /// <summary>g_a, the removed GP part of a replica.</summary>
    public static Symbol Removed(Expr replica) => Ex.Sym("g", replica);
    /// <summary>m₂ = E[φ_q² | φ_&lt;], the conditional second moment of a removed mode.</summary>
    public static Symbol M2 { get; } = Ex.Sym("m", 2);
    /// <summary>m₁ = E[φ_q | φ_&lt;] (= A of docs/theory.md §4).</summary>
    public static Symbol M1 { get; } = Ex.Sym("m", 1);
    /// <summary>The quartic replica coupling g₄ (coefficient of U² in the replicated log-weight).</summary>
    public static Symbol G4 { get; } = Ex.Sym("g", 4);
    /// <summary>The ridge after removing modes above κ: σ²_κ.</summary>
    public static Symbol RidgeAt(Expr cutoff) => Ex.SymSup("sigma", 2, cutoff);
    /// <summary>The renormalized ridge σ²_c.</summary>
    public static Symbol RenormalizedRidge { get; } = Ex.SymSup("sigma", 2, Ex.Sym("c"));

    /// <summary>The replica-diagonal overlap ν of the kept modes: Q_ab = ν δ_ab + ρ (the posterior variance summed over kept modes).</summary>
    public static Symbol Nu { get; } = Ex.Sym("nu");
    /// <summary>The off-diagonal overlap ρ of the kept modes: the squared bias plus label noise, at the saddle point the test MSE.</summary>
    public static Symbol Rho { get; } = Ex.Sym("rho");
    /// <summary>The self-consistent effective ridge κ_eff (docs/theory.md §5).</summary>
    public static Symbol KappaEff { get; } = Ex.Sym("kappa", Ex.Sym("eff"));
    /// <summary>χ = Var_μ(φ_q²), the x-fluctuation of a removed feature's square (2 for a Gaussian feature, 0 for a complete level).</summary>
    public static Symbol Chi { get; } = Ex.Sym("chi");
    /// <summary>The label-noise variance ε² (quenched noise shared by the replicas).</summary>
    public static Symbol Noise { get; } = Ex.SymSup("epsilon", 2);
    /// <summary>The variance-amplification coupling ω: 1/E₀ = 1/E₀^&lt; − ω.</summary>
    public static Symbol Omega { get; } = Ex.Sym("omega");
    /// <summary>The overfitting factor E₀ (docs/theory.md §5).</summary>
    public static Symbol E0 { get; } = Ex.Sym("E", 0);
    /// <summary>A replica's standard normal variable z_index in the replica-symmetric representation of the overlaps.</summary>
    public static Symbol Z(Expr index) => Ex.Sym("z", index);
    /// <summary>S_1 = Σ_a (f_a − y_q) and S_2 = Σ_a (f_a − y_q)², the replica sums of a removed mode's misfit.</summary>
    public static Symbol ReplicaSum(int power) => Ex.Sym("S", power);

    /// <summary>An expectation written as an undefined function E_over(body), so that a step can show what is averaged.</summary>
    public static Expr Expectation(Expr over, Expr body) => Ex.Call(Ex.Sym("E", over), body);
}
