"""Benchmark of training with analytic.train; prints ratios measured in this one process.

Usage: python benchmarks/bench_train.py [--repeats N]

1. ``training_speed`` for [784, 30, 30, 30, 30, 10]: 500 full-batch epochs on 1,000 embedded
   training images (goal: under 1.5 s in process), against the loop the experiment ran before
   it moved to analytic.train (core ``backprop`` and ``gradient_step``, rebuilt here from the
   functions that remain), which must give the same speeds. When ``import torch`` works,
   PyTorch's CPU autograd runs the same 500 steps (float64, same network, same numbers).
2. One epoch of mini-batch SGD (batch 10, 1,000 images) of the remedies' network, ten hidden
   layers of 30 sigmoid units, with and without batch normalisation (goal: batch norm costs no
   more than 2x), and with Nesterov momentum and with clipping.

Times are the best of ``--repeats`` runs (the least disturbed by other work on the machine),
CPU time of this process; the ratios are what the script is for. One BLAS thread unless
OPENBLAS_NUM_THREADS is already set, as the experiments use.
"""

from __future__ import annotations

import argparse
import os
import time


def single_blas_thread() -> None:
    """One BLAS thread; must run before NumPy is first imported."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def best_times(runs: dict, repeats: int) -> tuple[dict, dict]:
    """The least CPU time of ``repeats`` calls of each function, and each one's last result.

    The calls are interleaved (a, b, a, b, ...), so that a stretch of load from other work on
    the machine slows both sides of a ratio alike.
    """
    best = {name: float("inf") for name in runs}
    results = {}
    for _ in range(repeats):
        for name, fn in runs.items():
            start = time.process_time()
            results[name] = fn()
            best[name] = min(best[name], time.process_time() - start)
    return best, results


def loop_before(train, epochs: int):
    """The full-batch loop as the experiment ran it on the core network: its speeds."""
    import numpy as np

    from analytic.core.initialisation import initial_network, layer_sizes
    from analytic.core.network import backprop
    from analytic.experiments.speeds import speeds_from_gradients, used_pixels, without_blank_pixels
    from analytic.experiments.training import gradient_step

    used = used_pixels(train.images)
    net = initial_network(layer_sizes(4), np.random.default_rng([0, 0]))
    net = without_blank_pixels(net, used)
    x, y = train.images[:, used], train.one_hot()
    speeds = []
    for _ in range(epochs):
        grads = backprop(net, x, y, "cross-entropy")
        speeds.append(speeds_from_gradients(grads))
        a = np.clip(grads.activations[-1], 1e-300, 1 - 1e-16)  # the cost it recorded
        float(-np.mean(np.sum(y * np.log(a) + (1 - y) * np.log1p(-a), axis=1)))
        net = gradient_step(net, grads, 0.1, 5.0, len(x))
    return np.array(speeds)


def torch_loop(train, epochs: int):
    """The same 500 steps in PyTorch (float64 autograd), from the same initial network."""
    import numpy as np
    import torch

    from analytic.core.initialisation import initial_network, layer_sizes
    from analytic.experiments.speeds import used_pixels

    used = used_pixels(train.images)
    net = initial_network(layer_sizes(4), np.random.default_rng([0, 0]))
    ws = [torch.tensor(net.weights[0][:, used], requires_grad=True)]
    ws += [torch.tensor(w, requires_grad=True) for w in net.weights[1:]]
    bs = [torch.tensor(b, requires_grad=True) for b in net.biases]
    x, y = torch.tensor(train.images[:, used]), torch.tensor(train.one_hot())
    n, speeds = len(x), []
    for _ in range(epochs):
        a = x
        for w, b in zip(ws, bs):
            a = torch.sigmoid(a @ w.T + b)
        cost = torch.nn.functional.binary_cross_entropy(a, y, reduction="sum") / n
        grads = torch.autograd.grad(cost, ws + bs)
        speeds.append([float(torch.linalg.norm(g)) for g in grads[len(ws):-1]])
        with torch.no_grad():
            for w, g in zip(ws, grads[:len(ws)]):
                w.mul_(1 - 0.1 * 5.0 / n).sub_(0.1 * g)
            for b, g in zip(bs, grads[len(ws):]):
                b.sub_(0.1 * g)
    return np.array(speeds)


def full_batch(train, repeats: int) -> None:
    import numpy as np

    from analytic.experiments.training import training_speed

    runs = {"now": lambda: training_speed(train, hidden=4, epochs=500, seed=0),
            "before": lambda: loop_before(train, 500)}
    try:
        import torch

        torch.set_num_threads(int(os.environ["OPENBLAS_NUM_THREADS"]))
        runs["torch"] = lambda: torch_loop(train, 500)
    except ImportError:
        torch = None
    t, results = best_times(runs, repeats)
    now = results["now"].speeds
    print("\ntraining_speed, [784, 30, 30, 30, 30, 10], 500 full-batch epochs on 1,000 images")
    print(f"  analytic.train       {t['now']:6.2f} s (goal < 1.5 s)")
    print(f"  the loop before      {t['before']:6.2f} s   ratio before / now = "
          f"{t['before'] / t['now']:5.2f}x; max relative difference of the speeds "
          f"{np.max(np.abs(now / results['before'] - 1)):.1e}")
    if torch is None:
        print("  PyTorch not installed: comparison skipped")
        return
    print(f"  PyTorch {torch.__version__} {t['torch']:6.2f} s   ratio torch / now = "
          f"{t['torch'] / t['now']:5.2f}x; max relative difference of the speeds "
          f"{np.max(np.abs(now / results['torch'] - 1)):.1e}")


def mini_batch(train, repeats: int) -> None:
    import numpy as np

    from analytic.core.activations import get_activation
    from analytic.core.initialisation import layer_sizes
    from analytic.train import (
        SGD,
        Architecture,
        initial_model,
        initial_velocity,
        restrict_inputs,
        sgd_epoch,
    )

    used = np.flatnonzero(train.images.any(axis=0))
    x, y = train.images[:, used], train.one_hot()

    def epoch(batch_norm=False, activation="sigmoid", **options):
        arch = Architecture(tuple(layer_sizes(10)), get_activation(activation), batch_norm)
        model = restrict_inputs(initial_model(arch, np.random.default_rng(0)), used)
        sgd = SGD(0.02, 0.1, len(x), **options)
        velocity = initial_velocity(model.parameters, sgd)
        return lambda: sgd_epoch(model, velocity, x, y, sgd, 10, np.random.default_rng(1))

    runs = {"sigmoid": epoch(), "with batch norm": epoch(True),
            "with Nesterov momentum": epoch(momentum=0.9, nesterov=True),
            "with clipping at 1": epoch(clip=1.0), "relu": epoch(activation="relu"),
            "relu with batch norm": epoch(True, "relu"),
            "prelu (slopes learned)": epoch(activation="prelu"),
            "rrelu (slopes drawn)": epoch(activation="rrelu")}
    t, _ = best_times(runs, 4 * repeats)
    print("\none epoch of mini-batch SGD, batch 10, 1,000 images, 10 hidden layers of 30")
    print(f"  sigmoid                {1e3 * t['sigmoid']:7.1f} ms")
    for name in list(runs)[1:]:
        print(f"  {name:22s} {1e3 * t[name]:7.1f} ms   ratio to sigmoid = "
              f"{t[name] / t['sigmoid']:4.2f}x" + (" (goal <= 2x)" if "batch" in name else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    single_blas_thread()
    from analytic.experiments.mnist import default_training_images

    print(f"BLAS threads: OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    train = default_training_images()
    full_batch(train, args.repeats)
    mini_batch(train, args.repeats)


if __name__ == "__main__":
    main()
