"""Time ``analytic figures`` (every figure, one format) against a baseline in the same process.

The baseline draws and saves one empty matplotlib figure in the same format, so the ratio says
how many "empty figures" the whole gallery costs, on any machine. Goal: under 15 s here.

    python benchmarks/bench_figures.py [--format png|svg|pdf] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time

from analytic.present.figures.gallery import FIGURES, render_all
from matplotlib.figure import Figure


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def empty_figure(fmt: str) -> None:
    fig = Figure(figsize=(6.4, 4.8))
    fig.subplots()
    fig.savefig(io.BytesIO(), format=fmt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", default="png", choices=["png", "svg", "pdf"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    empty_figure(args.format)  # warm up imports and font caches for both measurements
    baseline = best_of(args.repeat, lambda: empty_figure(args.format))
    with tempfile.TemporaryDirectory() as out:
        gallery = best_of(args.repeat, lambda: render_all(out, args.format))
    print(f"baseline (one empty {args.format} figure): {baseline:.3f} s")
    print(f"all {len(FIGURES)} figures as {args.format}: {gallery:.2f} s "
          f"= {gallery / baseline:.0f} x baseline (goal: under 15 s)")


if __name__ == "__main__":
    main()
