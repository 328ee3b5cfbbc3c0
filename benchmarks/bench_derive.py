"""Time whole `analytic derive` and `analytic check` commands against their goals.

Run: python benchmarks/bench_derive.py [--quick]. Every figure is a whole command (process
start, imports, derivation, checks, output), printed next to its goal and as a ratio to
`python -c pass` measured in the same run. The import floor (`python -c "import sympy, numpy"`)
is printed too: what no derivation can go below. Wall time is what the goals are about; the
CPU time (user + sys) of the command is printed beside it because on a shared machine wall
time also counts other processes.

Goals: `analytic --help` < 0.3 s; `derive --depth 4` < 0.8 s; `derive --depth 1000 --format
json` < 1.5 s; for every registered activation and cost at every depth up to 8, `derive`
< 3 s and `check --trials 10` < 5 s (the case with the most CPU time of each command is found
in one run per case, then timed best of 3). The sweep runs 320 commands and takes about ten
minutes; --quick runs depth 8 and the deepest depth at which each activation still runs the
fully nested check (the costliest cases).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

ACTIVATIONS = ["sigmoid", "tanh", "relu", "leaky_relu", "prelu", "rrelu", "elu", "gelu",
               "silu", "softplus"]
COSTS = ["quadratic", "cross-entropy"]


def timed(*args: str) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of ``python args``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(repeats: int, *args: str) -> tuple[float, float]:
    return min(timed(*args) for _ in range(repeats))


def line(label: str, wall: float, cpu: float, base: float, goal: float | None) -> None:
    verdict = "" if goal is None else f"goal < {goal:g} s: {'met' if wall < goal else 'NOT met'}"
    print(f"{label:58s} {wall:6.2f} s  (cpu {cpu:5.2f} s)  {wall / base:6.1f}x  {verdict}")


def deepest_nested(activation: str, cost: str) -> int:
    from analytic.chain.derive import derive_chain
    from analytic.chain.verify import NESTED_BUDGET, nested_cost

    within = [d for d in range(1, 9)
              if nested_cost(derive_chain(d, activation=activation, cost=cost)) <= NESTED_BUDGET]
    return max(within, default=1)


def sweep(quick: bool, base: float) -> None:
    # one run per case; the slowest case of each command is then timed again, best of 3, so
    # that a moment of load on a shared machine does not pick it or set its time
    worst: dict[str, tuple[float, list[str]]] = {"derive": (0.0, []), "check": (0.0, [])}
    for activation in ACTIVATIONS:
        for cost in COSTS:
            depths = sorted({8, deepest_nested(activation, cost)}) if quick else range(1, 9)
            for depth in depths:
                common = ["--depth", str(depth), "--activation", activation, "--cost", cost]
                for command, extra in (("derive", []), ("check", ["--trials", "10"])):
                    args = ["-m", "analytic", command, *common, *extra]
                    cpu = timed(*args)[1]
                    if cpu > worst[command][0]:
                        worst[command] = (cpu, args)
    for command, goal in (("derive", 3.0), ("check", 5.0)):
        args = worst[command][1]
        line(f"slowest: {' '.join(args[2:])}", *best_of(3, *args), base, goal)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sweep only the costliest depths")
    quick = parser.parse_args().quick

    base, base_cpu = best_of(5, "-c", "pass")
    line("python -c pass (baseline of the ratios)", base, base_cpu, base, None)
    line("python -c 'import sympy, numpy' (import floor)",
         *best_of(3, "-c", "import sympy, numpy, numpy.random"), base, None)
    line("analytic --help", *best_of(5, "-m", "analytic", "--help"), base, 0.3)
    line("analytic derive --depth 4", *best_of(3, "-m", "analytic", "derive", "--depth", "4"),
         base, 0.8)
    line("analytic derive --depth 1000 --format json",
         *best_of(3, "-m", "analytic", "derive", "--depth", "1000", "--format", "json"),
         base, 1.5)
    line("analytic derive --depth 2000 --format json",
         *best_of(1, "-m", "analytic", "derive", "--depth", "2000", "--format", "json"),
         base, None)
    line("analytic derive --tied --depth 1000 --format json",
         *best_of(1, "-m", "analytic", "derive", "--tied", "--depth", "1000", "--format", "json"),
         base, None)
    line("analytic check --depth 400 --trials 2",
         *best_of(1, "-m", "analytic", "check", "--depth", "400", "--trials", "2"), base, None)
    sweep(quick, base)


if __name__ == "__main__":
    main()
