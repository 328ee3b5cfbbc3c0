"""Benchmark of the experiments' training on ``analytic.train.Model`` against PyTorch's CPU
autograd; prints ratios measured in this one process.

Usage: python benchmarks/bench_train.py [--repeats N] [--default-malloc]

1. One step as the experiments take it, on the same network, batch and numbers, PyTorch
   (float64, one thread) and analytic timed alternately (ours, torch, ours, torch, ...), so
   that both see the same load on a shared machine; each figure is the fastest of its calls:
   - the full-batch step of ``training-speed`` (1,000 images), 2 and 4 hidden layers;
   - the mini-batch step (batch 10) of ``depth-accuracy`` (4 hidden layers) and of
     ``remedies`` (10);
   - the per-layer speeds pass (dC/db only, at test time) of ``init-norms`` and
     ``compare-inits`` over 1,000 images, 4 and 10 hidden layers.
   Goal: torch / ours >= 1 on every line. Each line also says how far the two sides' gradients
   are apart (they must agree to 1e-10).
2. ``training_speed`` with 4 hidden layers, 500 epochs, in process against the same 500 steps
   in PyTorch, with the speeds compared.
3. One epoch of the remedies' mini-batch SGD for each change of training, as a ratio to the
   plain sigmoid epoch (goal for batch normalisation: <= 2x).
4. The whole command ``analytic experiment training-speed --hidden 4`` in a fresh process
   (start, imports, training, figure and files), its CPU time against the goal of 2.5 s and
   as a ratio to part 2's run in process.

Without ``import torch`` parts 1 and 2 print analytic's times alone. As the command line does,
the script uses one BLAS thread and keeps freed memory for reuse
(:func:`analytic.core.allocator.keep_freed_memory`); ``--default-malloc`` leaves glibc's
defaults, to see what that setting is worth. Times are CPU time of this process.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
from threadpoolctl import threadpool_limits

from analytic.core.allocator import keep_freed_memory
from analytic.experiments.data import as_data, network
from analytic.experiments.remedies import BASE
from analytic.experiments.speeds import layer_speeds
from analytic.experiments.training import DEPTH_ACCURACY, TRAINING_SPEED, training_speed
from analytic.train import Recipe, backward, forward, initial_velocity, sgd_epoch
from analytic.train.loop import sgd_step


def fastest(runs: dict, repeats: int, calls: int) -> dict:
    """The least CPU time per call of each function over ``repeats`` rounds of ``calls`` calls,
    the functions taking turns round by round."""
    best = {name: float("inf") for name in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            start = time.process_time()
            for _ in range(calls):
                fn()
            best[name] = min(best[name], (time.process_time() - start) / calls)
    return best


# --- PyTorch, the same network -------------------------------------------------------------------
class Torch:
    """The model's parameters as PyTorch tensors, and the experiments' computations on them:
    sigmoid hidden and output layers, cross-entropy from the output's z, the chapter's update
    w <- (1 - eta lambda / n) w - eta dC/dw."""

    def __init__(self, torch, model, x, y) -> None:
        p = model.parameters
        self.torch = torch
        self.ws = [torch.tensor(w, requires_grad=True) for w in p.weights]
        self.bs = [torch.tensor(b, requires_grad=True) for b in p.biases]
        self.x, self.y = torch.tensor(x), torch.tensor(y)

    def cost(self, x, y):
        a = x
        for w, b in zip(self.ws[:-1], self.bs[:-1]):
            a = self.torch.sigmoid(self.torch.addmm(b, a, w.T))
        z = self.torch.addmm(self.bs[-1], a, self.ws[-1].T)
        loss = self.torch.nn.functional.binary_cross_entropy_with_logits
        return loss(z, y, reduction="sum") / len(x)

    def step(self, sgd, rows=slice(None)):
        cost = self.cost(self.x[rows], self.y[rows])
        grads = self.torch.autograd.grad(cost, self.ws + self.bs)
        with self.torch.no_grad():
            for w, g in zip(self.ws, grads[:len(self.ws)]):
                w.mul_(1 - sgd.eta * sgd.lmbda / sgd.n).sub_(sgd.eta * g)
            for b, g in zip(self.bs, grads[len(self.ws):]):
                b.sub_(sgd.eta * g)
        return float(cost), grads

    def speeds(self):
        grads = self.torch.autograd.grad(self.cost(self.x, self.y), self.bs[:-1])
        return np.array([float(self.torch.linalg.norm(g)) for g in grads])


def gradient_gap(ours, theirs) -> float:
    """The largest relative difference between two lists of gradient arrays."""
    return max(float(np.max(np.abs(a - np.asarray(b)))) / float(np.max(np.abs(a)))
               for a, b in zip(ours, theirs))


# --- 1. one step ---------------------------------------------------------------------------------
def steps(torch, repeats: int) -> None:
    data = as_data(None)
    print("\none step, as the experiments take it (CPU time per call)")
    cases = [("training-speed, full batch of 1,000", TRAINING_SPEED, "step"),
             ("training-speed, full batch of 1,000", TRAINING_SPEED.but(hidden=4), "step"),
             ("depth-accuracy, batch 10", DEPTH_ACCURACY.but(hidden=4), "step"),
             ("remedies, batch 10", BASE, "step"),
             ("init-norms, speeds pass over 1,000", Recipe(validation=0), "speeds"),
             ("init-norms, speeds pass over 1,000", Recipe(hidden=10, validation=0), "speeds")]
    for title, recipe, kind in cases:
        digits = data(recipe)
        model, _ = network(recipe, 0, digits)
        rows = slice(None) if recipe.full_batch or kind == "speeds" else slice(0, recipe.batch_size)
        x, y = digits.x[rows], digits.y[rows]
        sgd = recipe.sgd
        if kind == "step":
            ours = lambda: sgd_step(model, None, x, y, sgd, None)  # noqa: E731
        else:
            ours = lambda: layer_speeds(model, x, y)  # noqa: E731
        runs = {"ours": ours}
        if torch is not None:
            net = Torch(torch, model, x, y)
            if kind == "step":
                grads = backward(model, forward(model, x, train=True), y)
                gap = gradient_gap([*grads.nabla.weights, *grads.means],
                                   [g.detach().numpy() for g in net.step(sgd)[1]])
            else:
                gap = gradient_gap([layer_speeds(model, x, y)], [net.speeds()])
            net = Torch(torch, model, x, y)  # the step above moved it
            runs["torch"] = (lambda: net.step(sgd)) if kind == "step" else net.speeds
        calls = 200 if len(x) <= 10 else 20
        t = fastest(runs, repeats, calls)
        shape = f"{recipe.hidden} hidden"
        line = f"  {title:38s} {shape:9s} ours {1e3 * t['ours']:7.3f} ms"
        if torch is not None:
            line += (f"   torch {1e3 * t['torch']:7.3f} ms   torch / ours "
                     f"{t['torch'] / t['ours']:4.2f}x   gradients apart {gap:.0e}")
        print(line)


# --- 2. the training-speed run -------------------------------------------------------------------
def torch_descent(torch, recipe: Recipe):
    """The 500 full-batch steps of ``training_speed`` in PyTorch: each epoch's speeds."""
    data = as_data(None)
    digits = data(recipe)
    model, _ = network(recipe, 0, digits)
    net = Torch(torch, model, digits.x, digits.y)
    speeds = []
    for _ in range(recipe.epochs):
        _, grads = net.step(recipe.sgd)
        speeds.append([float(torch.linalg.norm(g)) for g in grads[len(net.ws):-1]])
    return np.array(speeds)


def full_run(torch, repeats: int) -> None:
    recipe = TRAINING_SPEED.but(hidden=4)
    data = as_data(None)
    data(recipe)  # drawn once, outside the timing
    results = {}
    runs = {"ours": lambda: results.__setitem__("ours", training_speed(recipe, source=data))}
    if torch is not None:
        runs["torch"] = lambda: results.__setitem__("torch", torch_descent(torch, recipe))
    t = fastest(runs, max(1, repeats // 2), 1)
    print(f"\ntraining_speed, {recipe.hidden} hidden layers, {recipe.epochs} full-batch epochs "
          f"on {recipe.images:,} images")
    line = f"  ours {t['ours']:5.2f} s"
    if torch is not None:
        gap = float(np.max(np.abs(results["ours"].speeds / results["torch"] - 1)))
        line += (f"   torch {t['torch']:5.2f} s   torch / ours {t['torch'] / t['ours']:4.2f}x"
                 f"   speeds apart (relative) {gap:.0e}")
    print(line)


# --- 3. the remedies' epochs ---------------------------------------------------------------------
def remedy_epochs(repeats: int) -> None:
    from analytic.core.activations import prelu, relu, rrelu

    data = as_data(None)
    changes = {"sigmoid": {}, "with batch norm": {"batch_norm": True},
               "with Nesterov momentum": {"momentum": 0.9, "nesterov": True},
               "with clipping at 1": {"clip": 1.0}, "relu": {"activation": relu()},
               "relu with batch norm": {"activation": relu(), "batch_norm": True},
               "prelu (slopes learned)": {"activation": prelu()},
               "rrelu (slopes drawn)": {"activation": rrelu()}}
    runs = {}
    for name, change in changes.items():
        recipe = BASE.but(**change)
        digits = data(recipe)
        model, rng = network(recipe, 0, digits)
        velocity = initial_velocity(model.parameters, recipe.sgd)
        runs[name] = (lambda m=model, v=velocity, r=recipe, d=digits: sgd_epoch(
            m, v, d.x, d.y, r.sgd, r.batch_size, np.random.default_rng(1)))
    t = fastest(runs, 4 * repeats, 1)
    print(f"\none epoch of the remedies' mini-batch SGD (batch {BASE.batch_size}, "
          f"{BASE.images:,} images, {BASE.hidden} hidden layers of {BASE.width})")
    print(f"  sigmoid                {1e3 * t['sigmoid']:7.1f} ms")
    for name in list(runs)[1:]:
        print(f"  {name:22s} {1e3 * t[name]:7.1f} ms   ratio to sigmoid = "
              f"{t[name] / t['sigmoid']:4.2f}x" + (" (goal <= 2x)" if "batch" in name else ""))


# --- 4. the whole command -----------------------------------------------------------------------
def whole_command(repeats: int) -> None:
    recipe = TRAINING_SPEED.but(hidden=4)
    start = time.process_time()
    training_speed(recipe)
    in_process = time.process_time() - start

    def children() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    best = float("inf")
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "analytic", "experiment", "training-speed",
                   "--hidden", str(recipe.hidden), "--out", out]
        for _ in range(max(1, repeats // 2)):
            before = children()
            subprocess.run(command, check=True, capture_output=True)
            best = min(best, children() - before)
    print(f"\nanalytic experiment training-speed --hidden {recipe.hidden}, a fresh process")
    print(f"  CPU {best:5.2f} s (goal < 2.5 s)   ratio to the run in process "
          f"({in_process:.2f} s) {best / in_process:4.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--default-malloc", action="store_true",
                        help="leave glibc's malloc thresholds as they are")
    args = parser.parse_args()
    kept = False if args.default_malloc else keep_freed_memory()
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        torch = None
    print(f"one BLAS thread; freed memory kept: {kept}; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores; PyTorch: "
          f"{torch.__version__ if torch is not None else 'not installed'}")
    with threadpool_limits(1, user_api="blas"):
        steps(torch, args.repeats)
        full_run(torch, args.repeats)
        remedy_epochs(args.repeats)
    whole_command(args.repeats)


if __name__ == "__main__":
    main()
