#!/usr/bin/python3
"""The heavy steps of `nngp-rg experiment` in numpy, on the same data and the same kernel, for the time ratios of
bench/experiment_bench.py.

Steps (each timed): read the MNIST IDX files and take the first N rows (`--sample first`), center them by their mean and
project to the unit sphere; the ReLU NNGP kernel of depth 1 with sigma_w^2 = 1, sigma_b^2 = 0 on the sphere,
K(t) = (sin(theta) + (pi - theta) cos(theta)) / (2 pi), theta = arccos(t) (the dot products by one BLAS matrix product);
all eigenpairs of K/N (numpy.linalg.eigh, LAPACK dsyevd); the one-hot label powers y_k^2; kernel ridge regression with
ridge sigma^2 for R draws and every eta of the grid: per draw a random permutation, the last m points the test set and the
first eta the training set, alpha = numpy.linalg.solve(K_eta + sigma^2 I, Y_eta) for all ten outputs at once (LU, dgesv;
numpy has no Cholesky solve without scipy), test MSE averaged over the outputs.

Needs Debian's numpy (apt-get install -y python3-numpy; run with /usr/bin/python3).
Usage: /usr/bin/python3 bench/numpy_experiment.py IMAGES LABELS N ETA1,ETA2,... DRAWS [SIGMA2] [TEST]
Prints one JSON object: the timings in seconds, the leading eigenvalues, the MSE per eta and the peak resident set.
"""
import json
import resource
import sys
import time

import numpy as np


def read_idx_images(path, n):
    with open(path, "rb") as f:
        header = np.frombuffer(f.read(16), dtype=">u4")
        rows, cols = int(header[2]), int(header[3])
        data = np.frombuffer(f.read(n * rows * cols), dtype=np.uint8)
    return data.reshape(n, rows * cols).astype(np.float64) / 255.0


def read_idx_labels(path, n):
    with open(path, "rb") as f:
        f.read(8)
        return np.frombuffer(f.read(n), dtype=np.uint8).astype(np.int64)


def main():
    images, labels, n, grid, draws = sys.argv[1], sys.argv[2], int(sys.argv[3]), [int(e) for e in sys.argv[4].split(",")], int(sys.argv[5])
    sigma2 = float(sys.argv[6]) if len(sys.argv) > 6 else 0.01
    m = int(sys.argv[7]) if len(sys.argv) > 7 else min(n - max(grid), 1000)
    timings = {}

    start = time.perf_counter()
    x = read_idx_images(images, n)
    y_labels = read_idx_labels(labels, n)
    x -= x.mean(axis=0)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    classes = np.unique(y_labels)
    targets = (y_labels[:, None] == classes[None, :]).astype(np.float64)
    timings["read"] = time.perf_counter() - start

    start = time.perf_counter()
    k = x @ x.T
    np.clip(k, -1.0, 1.0, out=k)
    theta = np.arccos(k)
    # K = (sin theta + (pi - theta) cos theta) / 2 pi, with cos theta = t already in k
    k *= np.pi - theta
    np.sin(theta, out=theta)
    k += theta
    k /= 2 * np.pi
    del theta
    timings["kernelMatrix"] = time.perf_counter() - start

    start = time.perf_counter()
    eigenvalues, vectors = np.linalg.eigh(k / n)
    eigenvalues, vectors = eigenvalues[::-1], vectors[:, ::-1]
    timings["diagonalization"] = time.perf_counter() - start

    start = time.perf_counter()
    # y_k = (1/N) sum_i phi_k(x_i) y_i with phi = sqrt(N) v
    power = ((vectors.T @ targets) / np.sqrt(n)) ** 2
    power = power.mean(axis=1)
    timings["targetPower"] = time.perf_counter() - start
    del vectors

    start = time.perf_counter()
    rng = np.random.default_rng(1)
    mse = np.zeros((len(grid), draws))
    for r in range(draws):
        order = rng.permutation(n)
        test = order[n - m:]
        for e, eta in enumerate(grid):
            train = order[:eta]
            a = k[np.ix_(train, train)]
            a[np.diag_indices(eta)] += sigma2
            alpha = np.linalg.solve(a, targets[train])
            prediction = k[np.ix_(test, train)] @ alpha
            mse[e, r] = np.mean((prediction - targets[test]) ** 2)
    timings["learningCurves"] = time.perf_counter() - start

    print(json.dumps({
        "numpy": np.__version__,
        "n": n, "etaGrid": grid, "draws": draws, "sigma2": sigma2, "test": m,
        "timings": timings,
        "eigenvalues": eigenvalues[:10].tolist(),
        "targetPower": power[:10].tolist(),
        "mse": mse.mean(axis=1).tolist(),
        "peakResidentBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
