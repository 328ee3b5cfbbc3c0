"""Benchmark of the experiments' hot path; prints ratios measured in this one process.

Usage: python benchmarks/bench_experiments.py [--repeats N] [--pass-only]

1. Per-hidden-layer speeds of a [784, 30, 30, 30, 30, 10] sigmoid network over 1,000 embedded
   training images (dC/db only): the vectorised pass (``layer_speeds``) against a per-image
   loop (``layer_speeds_per_image``) and, when ``import torch`` works, against PyTorch's CPU
   autograd on the same network and images (float64, same cost). Goals: >= 10x the loop, at
   least as fast as PyTorch. The pass and PyTorch are timed alternately (pass, torch, pass,
   torch, ...), so that both see the same load on a shared machine, and each figure is the
   fastest of its calls. The results are also compared (they must agree to 1e-10). A further
   line times the pass as ``init_norms`` runs it, without the pixels that are blank in all
   1,000 images (same numbers, fewer multiplications).
2. ``training_speed`` with 4 hidden layers and 500 epochs, in process (goal: < 2 s), as a ratio
   to 500 single vectorised passes, and the whole ``analytic experiment training-speed`` command
   (process start, figure and files included) in a subprocess.

As the ``analytic experiment`` commands do, this script uses one BLAS thread unless
OPENBLAS_NUM_THREADS is already set: the matrices are thin and two threads are slower here.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time


def single_blas_thread() -> None:
    """One BLAS thread, as the CLI uses; must run before NumPy is first imported."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def best_time(fn, repeats: int) -> tuple[float, object]:
    """The fastest of ``repeats`` calls (the least disturbed by other work on the machine)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def alternating_best(fns: dict, repeats: int) -> tuple[dict, dict]:
    """Each function's fastest of ``repeats`` calls, the calls interleaved (a, b, a, b, ...)."""
    best = {name: float("inf") for name in fns}
    results = {}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            results[name] = fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best, results


def torch_speeds(net, x, y):
    """The same speeds by PyTorch autograd: float64, sigmoid layers, mean cross-entropy."""
    import numpy as np
    import torch

    ws = [torch.tensor(w) for w in net.weights]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    xt, yt = torch.tensor(x), torch.tensor(y)

    def run():
        for b in bs:
            b.grad = None
        a = xt
        for w, b in zip(ws, bs):
            a = torch.sigmoid(a @ w.T + b)
        cost = torch.nn.functional.binary_cross_entropy(a, yt, reduction="sum") / len(xt)
        cost.backward()
        return np.array([float(torch.linalg.norm(b.grad)) for b in bs[:-1]])

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--pass-only", action="store_true",
                        help="time the per-layer speeds pass only (skip part 2, training)")
    args = parser.parse_args()
    single_blas_thread()
    import numpy as np

    from analytic.core.initialisation import initial_network, layer_sizes
    from analytic.experiments.mnist import balanced_split, load_embedded
    from analytic.experiments.speeds import (
        layer_speeds,
        layer_speeds_per_image,
        used_pixels,
        without_blank_pixels,
    )
    from analytic.experiments.training import training_speed

    print(f"BLAS threads: OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")

    train = balanced_split(load_embedded(), 1000, 0, seed=0)[0]
    x, y = train.images, train.one_hot()
    net = initial_network(layer_sizes(4), np.random.default_rng(0))

    used = used_pixels(x)
    x_used = x[:, used]
    fns = {
        "pass": lambda: layer_speeds(net, x, y),
        "trimmed": lambda: layer_speeds(without_blank_pixels(net, used), x_used, y),
    }
    try:
        import torch

        torch.set_num_threads(int(os.environ["OPENBLAS_NUM_THREADS"]))
        fns["torch"] = torch_speeds(net, x, y)
        torch_version = torch.__version__
    except ImportError:
        torch_version = None
    times, results = alternating_best(fns, args.repeats)
    t_fast, fast = times["pass"], results["pass"]
    t_trim, trimmed = times["trimmed"], results["trimmed"]
    t_loop, loop = best_time(lambda: layer_speeds_per_image(net, x, y), max(2, args.repeats // 10))
    print("\n[784, 30, 30, 30, 30, 10], 1,000 images, per-hidden-layer speeds (dC/db only)")
    print(f"  vectorised pass     {1e3 * t_fast:8.2f} ms")
    print(f"  per-image loop      {1e3 * t_loop:8.2f} ms   ratio loop / vectorised = "
          f"{t_loop / t_fast:6.1f}x (goal >= 10x)")
    print(f"  max relative difference vs loop: {np.max(np.abs(fast / loop - 1)):.1e}")
    print(f"  vectorised, {784 - len(used)} blank pixels dropped (as init-norms does) "
          f"{1e3 * t_trim:.2f} ms, ratio loop / this = {t_loop / t_trim:.1f}x; "
          f"max relative difference {np.max(np.abs(trimmed / fast - 1)):.1e}")
    if torch_version is None:
        print("  PyTorch not installed: comparison skipped")
    else:
        t_torch, reference = times["torch"], results["torch"]
        print(f"  PyTorch {torch_version} autograd {1e3 * t_torch:6.2f} ms (goal: vectorised "
              f"<= {1e3 * t_torch:.2f} ms)   ratio torch / vectorised = "
              f"{t_torch / t_fast:6.2f}x (goal >= 1x)")
        print(f"  max relative difference vs torch: {np.max(np.abs(fast / reference - 1)):.1e}")
        print(f"  ratio torch / vectorised with blank pixels dropped = {t_torch / t_trim:.2f}x")
    if args.pass_only:
        return

    cpu_start = time.process_time()
    t_train, _ = best_time(lambda: training_speed(train, hidden=4, epochs=500, seed=0), 3)
    cpu_train = (time.process_time() - cpu_start) / 3
    print("\ntraining-speed --hidden 4 --epochs 500")
    print(f"  in process          {t_train:8.2f} s wall, best of 3 (goal < 2 s); ratio to 500 "
          f"vectorised passes = {t_train / (500 * t_fast):.2f}x")
    print(f"  CPU time per run    {cpu_train:8.2f} s (one thread: what an idle machine's wall "
          f"time would be); load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "analytic", "experiment", "training-speed", "--hidden",
                   "4", "--epochs", "500", "--out", out]
        t_cli, _ = best_time(lambda: subprocess.run(command, check=True, capture_output=True), 2)
    print(f"  whole command       {t_cli:8.2f} s (process start, figure and files included); "
          f"ratio to in-process = {t_cli / t_train:.2f}x")


if __name__ == "__main__":
    main()
