#!/usr/bin/python3
"""Reference eigenvalues of NNGP kernels and NTKs on the sphere S^{d-1}, in high precision (mpmath).

Independent of the library: the layer maps are written out here from their closed forms (docs/theory.md §6.1-§6.2),
the NTK's K-dot comes from Price's theorem (sigma_w^2 E[phi'(u) phi'(v)]), and the Funk-Hecke integral

    lambda_l = int_0^pi K(cos th) P_l(cos th) sin^(d-2) th dth / int_0^pi sin^(d-2) th dth

is computed by composite Gauss-Legendre quadrature in the angle (the kernels are analytic in th on [0, pi], though not in
t = cos th at t = +-1), at two rule sizes: the printed error estimate is their difference. The RBF kernel at depth 1 is
also checked against its Bessel closed form. Writes SphereSpectrumReference.cs next to this script.

Run: /usr/bin/python3 tests/NngpRg.Core.Tests/Reference/sphere_spectra.py   (about ten minutes on one core)
"""
import os
import sys
import time

import mpmath
from mpmath import mp, mpf

mp.dps = 60


def J(n, th):
    if n == 0:
        return mp.pi - th
    if n == 1:
        return mp.sin(th) + (mp.pi - th) * mp.cos(th)
    return 3 * mp.sin(th) * mp.cos(th) + (mp.pi - th) * (1 + 2 * mp.cos(th) ** 2)


def degree(kernel):
    return {"arccos0": 0, "relu": 1, "arccos1": 1, "arccos2": 2}.get(kernel)


def layer(kernel, w2, b2, p, r):
    """One layer on the sphere: diagonal p, off-diagonal r -> (p', r', K-dot)."""
    c = r / p
    c = min(max(c, mpf(-1)), mpf(1))
    th = mp.acos(c)
    n = degree(kernel)
    if kernel == "relu":
        return b2 + w2 * p / 2, b2 + w2 * p * J(1, th) / (2 * mp.pi), w2 * (mp.pi - th) / (2 * mp.pi)
    if n is not None:  # Cho-Saul k' = (1/pi) p^n J_n, K-dot = n^2 p^(n-1) J_(n-1)/pi
        jn1 = 3 * mp.pi if n == 2 else mp.pi
        dot = n * n * p ** (n - 1) * J(n - 1, th) / mp.pi if n >= 1 else mpf("nan")
        return p ** n * jn1 / mp.pi, p ** n * J(n, th) / mp.pi, dot
    if kernel == "erf":
        a = 1 + 2 * p
        return (b2 + w2 * 2 / mp.pi * mp.asin(2 * p / a), b2 + w2 * 2 / mp.pi * mp.asin(2 * r / a),
                w2 * 4 / mp.pi / mp.sqrt(a * a - 4 * r * r))
    if kernel == "rbf":
        e = mp.exp(-(2 * p - 2 * r) / 2)
        return b2 + w2, b2 + w2 * e, w2 * e
    raise ValueError(kernel)


def kernel_value(kernel, kind, depth, w2, b2, t):
    p, r = w2 + b2, w2 * t + b2
    theta = r
    for _ in range(depth):
        p, r, dot = layer(kernel, w2, b2, p, r)
        theta = r + dot * theta
    return theta if kind == "ntk" else r


def gauss_legendre(nodes_log2):
    gl = mpmath.calculus.quadrature.GaussLegendre(mp)
    return gl.calc_nodes(nodes_log2, mp.prec)  # 3*2^(k-1) nodes on [-1, 1]


def eigenvalues(kernel, kind, depth, w2, b2, d, lmax, pieces, nodes_log2):
    rule = gauss_legendre(nodes_log2)
    lam = [mpf(0)] * (lmax + 1)
    norm = mpf(0)
    a_lambda = mpf(d) / 2 - 1
    for i in range(pieces):
        a, b = mp.pi * i / pieces, mp.pi * (i + 1) / pieces
        half, mid = (b - a) / 2, (a + b) / 2
        for x, w in rule:
            th = mid + half * x
            t = mp.cos(th)
            weight = w * half * mp.sin(th) ** (d - 2)
            k = kernel_value(kernel, kind, depth, w2, b2, t) * weight
            norm += weight
            p_prev, p = mpf(1), t
            lam[0] += k
            if lmax >= 1:
                lam[1] += k * p
            for l in range(1, lmax):
                nxt = ((2 * l + 2 * a_lambda) * t * p - l * p_prev) / (l + 2 * a_lambda)
                p_prev, p = p, nxt
                lam[l + 1] += k * p
    return [v / norm for v in lam]


CASES = [
    # kernel, kind, depth, sigma_w^2, sigma_b^2, d, lmax, pieces
    ("relu", "nngp", 1, "1", "0", 10, 100, 16),
    ("relu", "nngp", 3, "1", "0.1", 10, 60, 16),
    ("relu", "nngp", 6, "1", "1", 5, 40, 16),
    ("relu", "ntk", 2, "1", "0", 10, 60, 16),
    ("arccos1", "nngp", 1, "1", "0", 3, 40, 12),
    ("arccos2", "nngp", 2, "1", "0", 5, 40, 12),
    ("arccos0", "nngp", 1, "1", "0", 3, 30, 12),
    ("erf", "nngp", 2, "1", "0.1", 10, 40, 12),
    ("rbf", "nngp", 1, "1", "0", 3, 40, 12),
    ("rbf", "nngp", 3, "1", "0.1", 4, 30, 12),
]


def main():
    out = []
    started = time.time()
    for kernel, kind, depth, w2, b2, d, lmax, pieces in CASES:
        mp.dps = 110 if kernel == "rbf" else 60
        w2m, b2m = mpf(w2), mpf(b2)
        coarse = eigenvalues(kernel, kind, depth, w2m, b2m, d, lmax, pieces, 7)
        fine = eigenvalues(kernel, kind, depth, w2m, b2m, d, lmax, pieces, 8)
        if kernel == "rbf" and depth == 1:
            # exp(-(2 - 2t)/2) = e^(-1) e^t: lambda_l = e^(-1) 2^(d/2-1) I_(l+d/2-1)(1) Gamma(d/2)  (s = 2)
            for l in range(lmax + 1):
                closed = mp.e ** -1 * mpf(2) ** (mpf(d - 2) / 2) * mp.besseli(l + mpf(d) / 2 - 1, 1) * mp.gamma(mpf(d) / 2)
                assert abs(closed / fine[l] - 1) < mpf(10) ** -40, (l, closed, fine[l])
        noise = mpf(10) ** -(mp.dps - 8)  # below this a value is rounding of a vanishing eigenvalue (odd ReLU levels)
        for l in range(lmax + 1):
            if abs(fine[l]) < noise:
                out.append((kernel, kind, depth, w2, b2, d, l, "0"))
                continue
            rel = abs(fine[l] - coarse[l]) / abs(fine[l])
            if rel > mpf(10) ** -25:
                sys.exit(f"{kernel} {kind} depth {depth} d {d} l {l}: quadrature not converged ({mpmath.nstr(rel, 3)})")
            out.append((kernel, kind, depth, w2, b2, d, l, mpmath.nstr(fine[l], 25, min_fixed=1, max_fixed=0)))
        print(f"{kernel} {kind} depth {depth} d = {d}: l <= {lmax} done ({time.time() - started:.0f} s)", file=sys.stderr)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "SphereSpectrumReference.cs")
    with open(path + ".tmp", "w") as f:
        f.write("// Generated by sphere_spectra.py (mpmath, Gauss-Legendre in the angle at 60-110 digits); do not edit.\n")
        f.write("namespace NngpRg.Core.Tests.Reference;\n\n")
        f.write("/// <summary>High-precision Funk-Hecke eigenvalues from sphere_spectra.py (independent of the library).</summary>\n")
        f.write("internal static class SphereSpectrumReference\n{\n")
        f.write("    /// <summary>(kernel, kind, depth, sigma_w^2, sigma_b^2, d, degree, eigenvalue as 25 significant digits).</summary>\n")
        f.write("    public static readonly (string Kernel, string Kind, int Depth, double SigmaW2, double SigmaB2, int Dim, int Degree, string Eigenvalue)[] Rows =\n    [\n")
        for row in out:
            kernel, kind, depth, w2, b2, d, l, value = row
            f.write(f'        ("{kernel}", "{kind}", {depth}, {w2}, {b2}, {d}, {l}, "{value}"),\n')
        f.write("    ];\n}\n")
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
