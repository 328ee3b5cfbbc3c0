"""Time ``analytic figures`` (every gallery figure as PNG) and each figure, against goals.

    python benchmarks/bench_figures.py [--repeat N]

The baseline draws and saves one empty matplotlib figure as PNG in the same process, so each
ratio says how many "empty figures" a figure (its data and its drawing) or the whole command
costs, on any machine. Wall times on a shared machine depend on its load; the CPU times beside
them much less. Goals on the 2-core machine: the whole command under 6 s, each figure (data and
PNG) under 0.45 s.
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time

from matplotlib.figure import Figure

from analytic.present.figures import GALLERY, compute, figure_bytes

COMMAND_GOAL = 6.0
FIGURE_GOAL = 0.45


def timed(work) -> tuple[float, float]:
    """(wall, CPU) seconds of one call, CPU of this process and of its children."""
    def cpu() -> float:
        own, kids = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    wall, used = time.perf_counter(), cpu()
    work()
    return time.perf_counter() - wall, cpu() - used


def best_of(repeat: int, work) -> tuple[float, float]:
    """The run with the least wall time: (wall, CPU)."""
    return min((timed(work) for _ in range(repeat)), key=lambda t: t[0])


def empty_figure() -> None:
    fig = Figure(figsize=(6.4, 4.8))
    fig.subplots()
    fig.savefig(io.BytesIO(), format="png", dpi=150)


def whole_command(out: str) -> None:
    subprocess.run([sys.executable, "-m", "analytic", "figures", "--out", out],
                   check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    empty_figure()  # warm up imports and font caches for every measurement
    baseline, _ = best_of(args.repeat, empty_figure)
    print(f"baseline: one empty PNG figure {baseline * 1000:.1f} ms\n")
    print(f"{'figure':<24} {'data s':>7} {'draw s':>7} {'total s':>8} {'CPU s':>6} "
          f"{'goal s':>7} {'ratio':>6}")
    total = total_cpu = 0.0
    for name in GALLERY:
        data_wall, data_cpu = timed(lambda: compute(name))
        data = compute(name)
        draw_wall, draw_cpu = best_of(args.repeat, lambda: figure_bytes(name, data))
        wall, cpu = data_wall + draw_wall, data_cpu + draw_cpu
        total, total_cpu = total + wall, total_cpu + cpu
        print(f"{name:<24} {data_wall:7.2f} {draw_wall:7.2f} {wall:8.2f} {cpu:6.2f} "
              f"{FIGURE_GOAL:7.2f} {wall / baseline:5.0f}x")
    print(f"{'in process, all':<24} {'':>7} {'':>7} {total:8.2f} {total_cpu:6.2f} "
          f"{FIGURE_GOAL * len(GALLERY):7.2f} {total / baseline:5.0f}x")
    with tempfile.TemporaryDirectory() as out:
        wall, cpu = best_of(args.repeat, lambda: whole_command(out))
    print(f"\n`analytic figures` ({len(GALLERY)} figures, PNG), best of {args.repeat}: "
          f"{wall:.2f} s wall, {cpu:.2f} s CPU (goal < {COMMAND_GOAL:g} s) "
          f"= {wall / baseline:.0f}x baseline")


if __name__ == "__main__":
    main()
