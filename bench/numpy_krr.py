#!/usr/bin/python3
"""Reference timings of kernel ridge regression in numpy for the RegressionBench workload.

Same problem as bench/NngpRg.Bench/RegressionBench.cs: K(X, X) + 1e-2 I with K = exp(x.x') on n random points of S^9,
targets y = sin(3 x0) + x1 x2, predictions K(Z, X) alpha on 1000 test points, n = 1000, 2000, 4000.
numpy has no triangular solver (scipy is not installed), so two routes are timed:
  cholesky+predict : np.linalg.cholesky (LAPACK dpotrf, the O(n^3) part of the C# fit) plus the prediction matmul;
                     the two O(n^2) triangular solves are left out, so this is a lower bound for a Cholesky KRR;
  solve+predict    : np.linalg.solve (LU, dgesv) for alpha plus the prediction, numpy's usual KRR without scipy.
Needs Debian's numpy: apt-get install -y python3-numpy (run with /usr/bin/python3).
Usage: /usr/bin/python3 bench/numpy_krr.py [max_n]
n = 4000 runs each route exactly once; smaller sizes take the best of 3.
Prints one CSV line per case: route,n,seconds,repeats.
"""
import sys
import time

import numpy as np


def problem(n, m=1000, dimension=10, seed=20240506):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n + m, dimension))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    train, test = x[:n], x[n:]
    gram = np.exp(train @ train.T) + 1e-2 * np.eye(n)
    cross = np.exp(test @ train.T)
    y = np.sin(3 * train[:, 0]) + train[:, 1] * train[:, 2]
    return gram, cross, y


def best_of(f, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    max_n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    print(f"# numpy {np.__version__}")
    print("route,n,seconds,repeats")
    for n in (1000, 2000, 4000):
        if n > max_n:
            break
        gram, cross, y = problem(n)
        repeats = 3 if n < 4000 else 1

        def cholesky_predict():
            np.linalg.cholesky(gram)
            return cross @ y

        def solve_predict():
            return cross @ np.linalg.solve(gram, y)

        print(f"cholesky+predict,{n},{best_of(cholesky_predict, repeats):.4f},{repeats}", flush=True)
        print(f"solve+predict,{n},{best_of(solve_predict, repeats):.4f},{repeats}", flush=True)


if __name__ == "__main__":
    main()
