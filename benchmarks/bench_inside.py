"""Benchmark of the layer histograms and the recurrent-network gradients with their defaults.

Usage: python benchmarks/bench_inside.py [--repeats N] [--images N]

1. ``layer_histograms`` on the embedded digits (1,000 by default): six set-ups of a
   [784, 100, 100, 100, 100, 100, 10] network, forward, backward, histograms and both
   predictions. Goal: < 60 s as a command; in process it should take about a second.
2. ``recurrent_gradients`` with its defaults: 32 tanh units, T = 100, 100 random networks for
   each of 5 spectral radii. Goal: the same.

Wall time (best of N, the least disturbed by other work) and CPU time per run are printed;
on a loaded machine the CPU time is what an idle one's wall time would be. One BLAS thread,
as the ``analytic experiment`` commands use, unless OPENBLAS_NUM_THREADS is already set.
"""

from __future__ import annotations

import argparse
import os
import time


def single_blas_thread() -> None:
    """One BLAS thread, as the CLI uses; must run before NumPy is first imported."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def timed(fn, repeats: int) -> tuple[float, float]:
    """(best wall time, mean CPU time) of ``repeats`` calls."""
    best, cpu = float("inf"), time.process_time()
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best, (time.process_time() - cpu) / repeats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--images", type=int, default=1000)
    args = parser.parse_args()
    single_blas_thread()
    from analytic.core.allocator import keep_freed_memory
    from analytic.experiments.data import Data
    from analytic.experiments.histograms import layer_histograms, setups
    from analytic.experiments.rnn import recurrent_gradients

    keep_freed_memory()  # as the command line does

    print(f"BLAS threads: OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    start = time.perf_counter()
    recipes = tuple(r.but(images=args.images) for r in setups())
    data = Data()
    data(recipes[0])
    print(f"loading {args.images} embedded digits: {time.perf_counter() - start:.2f} s")
    wall, cpu = timed(lambda: layer_histograms(recipes, source=data), args.repeats)
    print(f"layer_histograms, 6 set-ups, {args.images} images: {wall:.2f} s wall (best of "
          f"{args.repeats}), {cpu:.2f} s CPU per run (goal < 60 s)")
    wall, cpu = timed(recurrent_gradients, args.repeats)
    print(f"recurrent_gradients, defaults: {wall:.2f} s wall (best of {args.repeats}), "
          f"{cpu:.2f} s CPU per run (goal < 60 s)")


if __name__ == "__main__":
    main()
