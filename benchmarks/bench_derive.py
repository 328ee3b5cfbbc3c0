"""Time `derive` at depth 4, 100 and 1000, and `analytic --help` start-up against `python -c pass`.

Run: python benchmarks/bench_derive.py. Prints each time and its ratio to a baseline measured in
the same run (goals: depth 1000 under 2 s; --help under 0.3 s).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run(*args: str) -> None:
    subprocess.run([sys.executable, *args], check=True, capture_output=True)


def main() -> None:
    baseline = best_of(5, lambda: run("-c", "pass"))
    help_time = best_of(5, lambda: run("-m", "analytic", "--help"))
    print(f"python -c pass                  {baseline * 1e3:8.1f} ms")
    print(f"analytic --help                 {help_time * 1e3:8.1f} ms   "
          f"ratio {help_time / baseline:5.1f}x; minus interpreter start "
          f"{(help_time - baseline) * 1e3:.0f} ms (goal: total < 300 ms)")

    from analytic.chain.derive import derive_chain

    derive_chain(2)  # warm SymPy's caches of the shared machinery
    small = best_of(3, lambda: derive_chain(4))
    print(f"derive_chain(4)                 {small * 1e3:8.1f} ms   (baseline of the ratios below)")
    for depth in (100, 1000):
        t = best_of(2, lambda: derive_chain(depth))
        print(f"derive_chain({depth:<4})              {t * 1e3:8.1f} ms   ratio {t / small:6.1f}x")
    whole = statistics.median(
        [best_of(1, lambda: run("-m", "analytic", "derive", "--depth", "1000", "--format", "json"))
         for _ in range(3)]
    )
    print(f"analytic derive --depth 1000 --format json (whole command) "
          f"{whole:6.2f} s   (goal < 2 s)")


if __name__ == "__main__":
    main()
