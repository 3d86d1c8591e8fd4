#!/usr/bin/python3
"""Reference timings of numpy's LAPACK for the LinearAlgebraBench workload.

Same matrix as bench/NngpRg.Bench/LinearAlgebraBench.cs: K(X, X) + 1e-2 I with K = exp(x.x') on random
points of S^9. Times numpy.linalg.cholesky and numpy.linalg.eigh (dsyevd) at n = 1000, 2000, 4000.
Needs Debian's numpy: apt-get install -y python3-numpy (run with /usr/bin/python3).
Usage: /usr/bin/python3 bench/numpy_linalg.py [max_n]
The n = 4000 eigendecomposition runs exactly once; smaller cases take the best of a few repeats.
Prints one CSV line per case: operation,n,seconds,repeats.
"""
import sys
import time

import numpy as np


def gram(n, dimension=10, seed=20240506):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, dimension))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return np.exp(x @ x.T) + 1e-2 * np.eye(n)


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
    print("operation,n,seconds,repeats")
    for n in (1000, 2000, 4000):
        if n > max_n:
            break
        a = gram(n)
        repeats = 5 if n < 4000 else 3
        print(f"cholesky,{n},{best_of(lambda: np.linalg.cholesky(a), repeats):.4f},{repeats}", flush=True)
        repeats = 3 if n < 4000 else 1
        print(f"eigh,{n},{best_of(lambda: np.linalg.eigh(a), repeats):.4f},{repeats}", flush=True)


if __name__ == "__main__":
    main()
