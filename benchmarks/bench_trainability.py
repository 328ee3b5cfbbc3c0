"""Benchmark of the trainability map on this machine's cores: --jobs 2 against --jobs 1.

Usage: python benchmarks/bench_trainability.py [--repeats N] [--columns N] [--default]

The map's runs are independent, so two worker processes should train it nearly twice as
fast as one: the goal is a ratio (time with one job over time with two) of at least 1.6 on a
2-core machine. The two are timed alternately in one process (1, 2, 1, 2, ...), so that both
see the same load from other work, on the default depths with ``--columns`` of the default
σ_w² (each run's time depends on its depth, not on σ_w²); each call starts its own worker
processes, as the command does. Printed: every pair's ratio, their median, and the results'
equality (the same bits whatever the number of jobs). ``--default`` also times the default
grid with every core, the command's default, against the 3-minute goal, and states how long
a full grid (every depth 1-50) would take at that pace.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--columns", type=int, default=3)
    parser.add_argument("--default", action="store_true")
    args = parser.parse_args()
    from analytic.core.limits import HIDDEN
    from analytic.experiments.data import Data
    from analytic.experiments.trainability import (
        DEPTHS,
        SIGMA_W2S,
        TRAINABILITY,
        cpu_count,
        trainability,
    )

    print(f"load average {os.getloadavg()[0]:.1f} on {cpu_count()} cores")
    data = Data()
    data(TRAINABILITY)
    grid = {"depths": DEPTHS, "sigma_w2s": SIGMA_W2S[::max(1, len(SIGMA_W2S) // args.columns)]
            [:args.columns]}
    runs = len(grid["depths"]) * len(grid["sigma_w2s"])

    def timed(jobs: int):
        start = time.perf_counter()
        result = trainability(TRAINABILITY, **grid, source=data, jobs=jobs)
        return time.perf_counter() - start, json.dumps(result.to_json())

    ratios, outputs = [], set()
    for k in range(args.repeats):
        one, out1 = timed(1)
        two, out2 = timed(2)
        outputs |= {out1, out2}
        ratios.append(one / two)
        print(f"pair {k + 1}: {runs} runs, --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s, "
              f"ratio {one / two:.2f}", flush=True)
    print(f"median ratio --jobs 1 / --jobs 2: {statistics.median(ratios):.2f} (goal >= 1.6); "
          f"results identical: {len(outputs) == 1}")
    if args.default:
        start = time.perf_counter()
        result = trainability(TRAINABILITY, source=data)
        seconds = time.perf_counter() - start
        full = seconds * sum(range(1, HIDDEN.high + 1)) / sum(result.depths)
        print(f"default grid ({len(result.depths) * len(result.sigma_w2s)} runs, every core): "
              f"{seconds:.0f} s (goal < 180 s); a full grid of every depth 1-50 over the same "
              f"{len(result.sigma_w2s)} σ_w² would take about {full / 60:.0f} min")


if __name__ == "__main__":
    main()
