"""Gated cells (LSTM, GRU): backpropagation through time against central finite differences of
the cost, against the powers of the step's Jacobian where the network is linear, and the
experiment that compares them with the vanilla network on the same draws."""

import json
import math
import tracemalloc

import numpy as np
import pytest

from analytic.core import cells as gated
from analytic.core.activations import relu, tanh
from analytic.experiments.cells import (
    CellGradients,
    cell_gradients,
    draw_gates,
    gated_cell,
    memory_bytes,
    sigmoid_of,
)
from analytic.experiments.rnn import draw_samples, recurrent_gradients


def small_cell(kind, rng, n=4, m=3, T=6, scale=1.3, input_std=0.8, bias=0.5):
    """A random cell in its nonlinear regime: every block N(0, scale²/n), biases N(0, bias²)."""
    blocks = {k: (scale * rng.standard_normal((1, n, n)) / math.sqrt(n),
                  rng.standard_normal((1, n, m)), bias * rng.standard_normal(n))
              for k in gated.BLOCKS[kind]}
    xs = input_std * rng.standard_normal((1, T, m))
    v = rng.standard_normal(n)
    return gated.Cell(kind, blocks), xs, v / np.linalg.norm(v)


def sig(a):
    return 1 / (1 + np.exp(-a))


def run_from(cell, xs, start, h, c=None):
    """h_T of the cell from the state (h, c) after step ``start``, written out plainly (the
    independent reference: no code shared with analytic.core.cells)."""
    B = {k: (W[0], U[0], b) for k, (W, U, b) in cell.blocks.items()}

    def a(k, state, x):
        W, U, b = B[k]
        return W @ state + U @ x + b

    for x in xs[0, start:]:
        if cell.kind == "lstm":
            f, i, o = (sig(a(k, h, x)) for k in "fio")
            g = np.tanh(a("g", h, x))
            c = f * c + i * g
            h = o * np.tanh(c)
        else:
            z, r = sig(a("z", h, x)), sig(a("r", h, x))
            h = z * h + (1 - z) * np.tanh(a("h", r * h, x))
    return h


def central(f, n, eps=1e-6):
    return np.array([(f(eps * e) - f(-eps * e)) / (2 * eps) for e in np.eye(n)])


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_bptt_norms_of_dC_dh_t_match_central_differences_of_the_cost(kind):
    cell, xs, v = small_cell(kind, np.random.default_rng(1))
    p = gated.forward(cell, xs)
    back = gated.backward(cell, p, v[None])
    T, n = xs.shape[1], len(v)
    for t in range(1, T + 1):
        h = p.hs[0, t]
        c = None if p.cs is None else p.cs[0, t]
        grad = central(lambda s: v @ run_from(cell, xs, t, h + s, c), n)  # noqa: B023
        assert 10 ** back.log10_h[0, t - 1] == pytest.approx(np.linalg.norm(grad), rel=1e-7)


def test_the_error_reaching_the_memory_cell_is_the_derivative_with_h_t_following_c_t():
    # delta c_t: move c_t and let h_t = o_t tanh(c_t) follow it, with the same o_t
    cell, xs, v = small_cell("lstm", np.random.default_rng(2))
    p = gated.forward(cell, xs)
    back = gated.backward(cell, p, v[None])
    for t in range(1, xs.shape[1] + 1):
        c, o = p.cs[0, t], p.gates["o"][0, t - 1]
        grad = central(lambda s: v @ run_from(cell, xs, t, o * np.tanh(c + s), c + s),  # noqa: B023
                       len(v))
        assert 10 ** back.log10_c[0, t - 1] == pytest.approx(np.linalg.norm(grad), rel=1e-7)
    # at t = 1 the signed error is returned too
    c, o = p.cs[0, 1], p.gates["o"][0, 0]
    grad = central(lambda s: v @ run_from(cell, xs, 1, o * np.tanh(c + s), c + s), len(v))
    np.testing.assert_allclose(10 ** back.log10_scale[0] * back.c_first[0], grad, rtol=1e-6)


@pytest.mark.parametrize("kind, bias", [("lstm", 0.0), ("lstm", 2.0), ("gru", 0.0), ("gru", 1.0)])
def test_with_no_input_the_error_follows_powers_of_the_linear_step_back(kind, bias):
    # h = c = 0 stays: every gate is sigma(bias) and the step back is linear; its closed form,
    # written here: LSTM (c, h) -> J = [[s I, W_g/2], [s I/2, W_g/4]] acting on (dC/dc, dC/dh) by
    # transposes; GRU: dC/dh_(t-1) = (s I + (1 - s) W_h / 2)^T dC/dh_t
    samples = draw_samples(8, 2, 120, 2, 0.0, seed=3)
    gates = draw_gates(8, 2, 2, seed=3)
    cell = gated_cell(kind, samples, gates, 1.3, bias)
    back = gated.backward(cell, gated.forward(cell, samples.xs), samples.v)
    s, n = sig(bias), 8
    for j in range(2):
        W = cell.blocks["g" if kind == "lstm" else "h"][0][j]
        if kind == "lstm":
            J = np.block([[s * np.eye(n), W / 2], [s * np.eye(n) / 2, W / 4]])
            g = np.concatenate([np.zeros(n), samples.v[j]])  # (dC/dc_T, dC/dh_T)
        else:
            J = s * np.eye(n) + (1 - s) * W / 2
            g = samples.v[j]
        expected = []
        for _ in range(120):
            expected.append(np.log10(np.linalg.norm(g[-n:])))
            g = J.T @ g
        np.testing.assert_allclose(back.log10_h[j], expected[::-1], rtol=0, atol=1e-9)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_the_keep_path_is_the_product_of_the_keep_gates_applied_to_the_last_error(kind):
    cell, xs, v = small_cell(kind, np.random.default_rng(4), T=12)
    p = gated.forward(cell, xs)
    keep = p.gates[gated.KEEP[kind]][0]
    start = np.abs(v) + 0.1
    got = gated.keep_path(p, start[None])[0]
    for t in range(1, 13):
        expected = np.linalg.norm(start * np.prod(keep[t:], axis=0)) / np.linalg.norm(start)
        assert 10 ** got[t - 1] == pytest.approx(expected, rel=1e-12)


def test_keep_gates_below_float64s_range_give_exact_logarithms_not_zeros():
    # a keep-gate bias of -20 gives sigma = 2e-9 per step: 10^-870 over 100 steps
    samples, gates = draw_samples(4, 1, 101, 1, 0.0, 0), draw_gates(4, 1, 1, 0)
    p = gated.forward(gated_cell("lstm", samples, gates, 0.5, -20.0), samples.xs)
    path = gated.keep_path(p, np.ones((1, 4)))[0]
    assert path[0] == pytest.approx(100 * math.log10(sig(-20.0)), rel=1e-12)


# --- the experiment -------------------------------------------------------------------------------
def test_the_vanilla_cell_is_the_vanilla_experiment_on_the_same_draws():
    # the reference: experiment rnn itself, run with the same settings; bit for bit
    ours = cell_gradients(("vanilla", "lstm"), (0.9, 2.0), units=6, inputs=3, steps=15,
                          samples=4, input_std=0.3, seed=7)
    theirs = recurrent_gradients((0.9, 2.0), units=6, inputs=3, steps=15, samples=4,
                                 input_std=0.3, seed=7)
    for mine, other in zip(ours.block("vanilla").radii, theirs.radii, strict=True):
        np.testing.assert_array_equal(mine.log10_norms, other.log10_norms)


def test_the_linearised_rate_is_the_long_run_factor_per_step_of_a_network_with_no_input():
    # Gelfand: the norm of (J^T)^k v grows like rho(J)^k; over 299 steps within 2 %
    result = cell_gradients(("lstm", "gru"), (0.5, 1.5), units=16, inputs=1, steps=300,
                            samples=5, input_std=0.0, forget_bias=1.0)
    for block in result.cells:
        for r in block.radii:
            np.testing.assert_allclose(r.rates(), r.linear_rate, rtol=0.02)
            # the gates sit exactly at sigma(bias): the keep path's rate is sigma(1)
            np.testing.assert_allclose(r.rates("log10_path"), sigmoid_of(1.0), rtol=1e-12)


def test_the_gated_cells_draw_their_gates_from_a_stream_of_their_own_and_sample_s_is_fixed():
    few = cell_gradients(("gru",), (1.1,), units=5, inputs=2, steps=10, samples=2)
    more = cell_gradients(("lstm", "gru"), (1.1,), units=5, inputs=2, steps=10, samples=3)
    np.testing.assert_array_equal(few.block("gru").radii[0].log10_norms,
                                  more.block("gru").radii[0].log10_norms[:2])


def test_the_result_read_back_from_its_json_text_holds_every_array_bit_for_bit():
    result = cell_gradients(radii=(0.5, 2.0), units=5, inputs=2, steps=9, samples=3,
                            forget_bias=1.5, seed=4)
    back = CellGradients.from_json(json.loads(json.dumps(result.to_json())))
    assert back.to_json() == result.to_json()
    for got, want in zip(back.cells, result.cells, strict=True):
        for a, b in zip(got.radii, want.radii, strict=True):
            for name in ("log10_norms", "log10_path", "log10_cell", "keep_gate", "linear_rate"):
                x, y = getattr(a, name), getattr(b, name)
                assert (x is None) == (y is None), name
                if x is not None:
                    np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("args", [
    (("vanilla", "lstm", "gru"), (0.5, 1.0, 2.0), 24, 20, 80, 12),  # every cell
    (("lstm",), (1.0,), 4, 1, 800, 6),  # long: the per-step arrays dominate
    (("lstm", "gru"), (1.0,), 1, 1, 400, 30),  # one unit, many samples
], ids=["every-cell", "long", "one-unit"])
def test_the_memory_estimate_bounds_the_peak_of_a_run(args):
    tracemalloc.start()
    try:
        cell_gradients(*args)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    cells, radii, *sizes = args
    assert peak <= memory_bytes(cells, len(radii), *sizes)


@pytest.mark.parametrize("kwargs, message", [
    ({"cells": ("lstm", "rnn")}, "unknown cell 'rnn'"),
    ({"cells": ()}, "unknown cell"),
    ({"forget_bias": float("nan")}, "the keep gate's bias must be a finite number"),
    ({"forget_bias": 21.0}, "the keep gate's bias must lie in"),
    ({"activation": relu()}, "must be bounded"),
    ({"radii": (0.0,)}, "the spectral radius must lie in"),
    ({"samples": 10_000, "steps": 100_000}, "more than the 2 GB budget"),
])
def test_bad_arguments_are_refused_with_the_quantity_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cell_gradients(**kwargs)


def test_progress_is_reported_once_per_cell_and_radius():
    ticks = []
    cell_gradients(radii=(0.5, 1.0), units=3, inputs=1, steps=4, samples=2,
                   activation=tanh(), progress=ticks.append)
    assert ticks == [1] * 6


# --- the command ----------------------------------------------------------------------------------
def _cli(*args):
    from helpers import invoke

    return invoke("experiment", "rnn", "--networks", "3", "--steps", "12", "--units", "6",
                  *args)


def test_the_command_compares_the_cells_and_writes_one_table_and_one_figure(tmp_path):
    done = _cli("--cell", "vanilla,lstm", "--cell", "gru", "--forget-bias", "1",
                "--format", "json", "--out", str(tmp_path))
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert [b["cell"] for b in data["cells"]] == ["vanilla", "lstm", "gru"]
    assert data["keep_factor"] == pytest.approx(1 / (1 + math.exp(-1)), rel=1e-15)
    stem = "rnn-units6-steps12-networks3-cell-vanilla+lstm+gru-forget-bias1"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{stem}.csv", f"{stem}.json", f"{stem}.png"]
    # the committed JSON reads back as the result
    again = CellGradients.from_json(json.loads((tmp_path / f"{stem}.json").read_text()))
    assert again.forget_bias == 1.0 and again.samples == 3


def test_the_vanilla_cell_alone_is_the_vanilla_experiment_and_names_its_files_alike(tmp_path):
    plain = _cli("--format", "json", "--out", str(tmp_path))
    named = _cli("--cell", "VANILLA", "--format", "json", "--out", str(tmp_path))
    assert plain.exit_code == named.exit_code == 0
    assert plain.stdout == named.stdout and json.loads(plain.stdout)["experiment"] == "rnn"
    assert sorted(p.stem for p in tmp_path.iterdir()) == ["rnn-units6-steps12-networks3"] * 3


@pytest.mark.parametrize("args, says", [
    (("--forget-bias", "1"), "--forget-bias does not apply to the vanilla cell alone"),
    (("--cell", "lstm", "--clip", "3"), "--clip does not apply to gated cells"),
    (("--cell", "lstm,rnn"), "unknown cell 'rnn'"),
    (("--cell", "lstm", "--forget-bias", "25"), "--forget-bias: must lie in [-20, 20]"),
])
def test_an_option_that_does_not_apply_or_a_bad_cell_ends_in_one_line(args, says):
    from helpers import assert_one_line_error

    assert_one_line_error(_cli(*args), says)


def test_the_cells_report_speaks_japanese_without_an_english_word_left(tmp_path):
    import re

    english = _cli("--cell", "vanilla,lstm,gru", "--out", str(tmp_path / "en")).stdout
    japanese = _cli("--cell", "vanilla,lstm,gru", "--lang", "ja",
                    "--out", str(tmp_path / "ja")).stdout
    words = lambda text: set(re.findall(r"[A-Za-z]{4,}", text)) - {"LSTM", "tanh"}  # noqa: E731
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", japanese)
    assert words(english) & words(japanese) == set()
