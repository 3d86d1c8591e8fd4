#!/usr/bin/python3
"""Time ratios C#/numpy of the experiment's heavy steps on real MNIST, and the peak resident set of each process.

For each N (default 4000 and 8000) runs, one after the other on the same machine,
  nngp-rg experiment --sample first --input-ridge off --targets onehot (ReLU NNGP, depth 1, all ten classes)
and bench/numpy_experiment.py with the same N, eta grid (N/8, N/4, N/2), draws and ridge; checks that both computed the
same spectrum (leading eigenvalues to 1e-8 relative: same data, same kernel) and writes bench/results/experiment_bench.csv
and bench/results/experiment_bench.md. The ratio of each step is C# seconds / numpy seconds; "steps" is the sum of kernel
matrix, diagonalization and learning curves (the work both do; numpy's label-power product is reported apart), and
"process" the whole wall time of each process (the C# one also fits, tests mode statistics and runs the theory).
Peak RSS from wait4 of each child.

Installs Debian's python3-numpy when missing (apt-get; needs root), builds the CLI (dotnet build -c Release), needs the MNIST
files in data/mnist (bash scripts/fetch-mnist.sh).
Usage: /usr/bin/python3 bench/experiment_bench.py [N ...]
"""
import csv
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IMAGES = os.path.join(ROOT, "data", "mnist", "train-images-idx3-ubyte")
LABELS = os.path.join(ROOT, "data", "mnist", "train-labels-idx1-ubyte")
CLI = os.path.join(ROOT, "src", "NngpRg.Cli", "bin", "Release", "net10.0", "nngp-rg.dll")
DRAWS, SIGMA2, TEST = 3, 0.01, 1000


def ensure_numpy():
    try:
        subprocess.run(["/usr/bin/python3", "-c", "import numpy"], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        print("bench: installing python3-numpy (Debian)", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-numpy"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def run(command):
    """Runs a child; returns (stdout, stderr, wall seconds, peak RSS bytes of that child)."""
    start = time.perf_counter()
    out_path, err_path = "/tmp/experiment_bench.out", "/tmp/experiment_bench.err"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    with open(out_path) as f:
        stdout = f.read()
    with open(err_path) as f:
        stderr = f.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{stderr}")
    return stdout, stderr, wall, usage.ru_maxrss * 1024


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [4000, 8000]
    if not os.path.exists(IMAGES):
        raise SystemExit("bench: the MNIST files are missing; run bash scripts/fetch-mnist.sh")
    ensure_numpy()
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "NngpRg.Cli"), "-c", "Release", "-v", "q", "-nologo"], check=True,
                   stdout=subprocess.DEVNULL)
    rows = []
    for n in sizes:
        grid = f"{n // 8},{n // 4},{n // 2}"
        cs_out, _, cs_wall, cs_rss = run(["dotnet", CLI, "experiment", "--data", IMAGES, "--labels", LABELS, "--format", "idx",
                                          "--n", str(n), "--sample", "first", "--eta-grid", grid, "--draws", str(DRAWS),
                                          "--sigma2", str(SIGMA2), "--test", str(TEST), "--targets", "onehot",
                                          "--input-ridge", "off", "--output-format", "json"])
        np_out, _, np_wall, np_rss = run(["/usr/bin/python3", os.path.join(ROOT, "bench", "numpy_experiment.py"), IMAGES, LABELS,
                                          str(n), grid, str(DRAWS), str(SIGMA2), str(TEST)])
        cs, py = json.loads(cs_out), json.loads(np_out)
        ours = [m["eigenvalue"] for m in cs["modes"]]
        for k, (a, b) in enumerate(zip(ours, py["eigenvalues"])):
            if abs(a - b) > 1e-8 * abs(py["eigenvalues"][0]):
                raise SystemExit(f"bench: N = {n}: eigenvalue {k + 1} differs, C# {a!r} vs numpy {b!r}: not the same kernel")
        t, u = cs["timings"], py["timings"]
        steps_cs = t["kernelMatrix"] + t["diagonalization"] + t["learningCurves"]
        steps_np = u["kernelMatrix"] + u["diagonalization"] + u["learningCurves"]
        row = {
            "n": n, "eta_grid": grid.replace(",", " "), "draws": DRAWS, "numpy": py["numpy"],
            "kernel_cs": t["kernelMatrix"], "kernel_np": u["kernelMatrix"],
            "eigen_cs": t["diagonalization"], "eigen_np": u["diagonalization"],
            "krr_cs": t["learningCurves"], "krr_np": u["learningCurves"],
            "target_power_np": u["targetPower"], "analysis_cs": t["analysis"],
            "steps_cs": steps_cs, "steps_np": steps_np, "steps_ratio": steps_cs / steps_np,
            "process_cs": cs_wall, "process_np": np_wall, "process_ratio": cs_wall / np_wall,
            "rss_cs": cs_rss, "rss_np": np_rss, "matrix_bytes": 8 * n * n,
            "tracked_peak_matrices": cs["memory"]["trackedPeakInMatrices"],
        }
        rows.append(row)
        print(f"N = {n}: steps C# {steps_cs:.2f} s / numpy {steps_np:.2f} s = {row['steps_ratio']:.2f}x "
              f"(kernel {t['kernelMatrix']:.2f}/{u['kernelMatrix']:.2f}, eigen {t['diagonalization']:.2f}/{u['diagonalization']:.2f}, "
              f"KRR {t['learningCurves']:.2f}/{u['learningCurves']:.2f}); process {cs_wall:.1f}/{np_wall:.1f} s = {row['process_ratio']:.2f}x; "
              f"peak RSS C# {cs_rss / 1e9:.2f} GB ({cs_rss / (8 * n * n):.2f} x 8N^2), numpy {np_rss / 1e9:.2f} GB ({np_rss / (8 * n * n):.2f} x 8N^2)",
              flush=True)
    results = os.path.join(ROOT, "bench", "results")
    with open(os.path.join(results, "experiment_bench.csv"), "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v) for k, v in row.items()})
    with open(os.path.join(results, "experiment_bench.md"), "w") as f:
        f.write("| N | η grid | kernel C#/numpy | eigen C#/numpy | KRR C#/numpy | steps ratio | process C#/numpy | peak RSS C# / numpy |\n")
        f.write("|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            f.write(f"| {r['n']} | {r['eta_grid']} | {r['kernel_cs']:.2f} / {r['kernel_np']:.2f} s | {r['eigen_cs']:.2f} / {r['eigen_np']:.2f} s | "
                    f"{r['krr_cs']:.2f} / {r['krr_np']:.2f} s | {r['steps_ratio']:.2f}x | {r['process_cs']:.1f} / {r['process_np']:.1f} s = {r['process_ratio']:.2f}x | "
                    f"{r['rss_cs'] / 1e9:.2f} GB ({r['rss_cs'] / r['matrix_bytes']:.2f} × 8N²) / {r['rss_np'] / 1e9:.2f} GB ({r['rss_np'] / r['matrix_bytes']:.2f} × 8N²) |\n")


if __name__ == "__main__":
    main()
