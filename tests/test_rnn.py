"""Backpropagation through time against finite differences, a plain pass, and theory's rates."""

import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from analytic.core.activations import relu, sigmoid, tanh
from analytic.core.limits import STEPS
from analytic.experiments.rnn import (
    LOG10_FLOAT_MAX,
    RecurrentGradients,
    backprop_through_time,
    draw_samples,
    recurrent_gradients,
    recurrent_matrices,
)

TANH = tanh()


def small_network(rng, n=4, m=3, T=6, rho=1.3, input_std=0.8):
    G = rng.standard_normal((n, n))
    W = rho * G / np.abs(np.linalg.eigvals(G)).max()
    U = rng.standard_normal((n, m))
    xs = input_std * rng.standard_normal((T, m))
    v = rng.standard_normal(n)
    return W, U, xs, v / np.linalg.norm(v)


def cost_from(W, U, b, xs, v, h, start):
    """C = v.h_T running the recurrence plainly from h_start = h (the independent reference)."""
    for x in xs[start:]:
        h = np.tanh(W @ h + U @ x + b)
    return v @ h


def plain_bptt(W, v, zs):
    """Unscaled ∂C/∂h_t, t = T..1, by the textbook recursion (no renormalisation)."""
    g, norms = v.copy(), []
    for z in zs[::-1]:
        norms.append(np.linalg.norm(g))
        g = W.T @ ((1 - np.tanh(z) ** 2) * g)
    return np.array(norms[::-1])


# --- the backward pass ----------------------------------------------------------------------------
def test_bptt_norms_match_central_differences_of_the_cost():
    W, U, xs, v = small_network(np.random.default_rng(1))
    T, n = len(xs), len(v)
    got = backprop_through_time(W[None], U[None], xs[None], v[None], TANH)
    h, eps, b = np.zeros(n), 1e-6, np.zeros(n)
    for t in range(1, T + 1):
        h = np.tanh(W @ h + U @ xs[t - 1])
        cost = lambda shift: cost_from(W, U, b, xs, v, h + shift, t)  # noqa: E731
        grad = [(cost(eps * e) - cost(-eps * e)) / (2 * eps) for e in np.eye(n)]
        assert 10 ** got.log10_norms[0, t - 1] == pytest.approx(np.linalg.norm(grad), rel=1e-7)


def test_the_gradient_norm_matches_central_differences_in_w_u_and_b():
    W, U, xs, v = small_network(np.random.default_rng(2))
    n = len(v)
    got = backprop_through_time(W[None], U[None], xs[None], v[None], TANH)
    params, eps, squares = [W, U, np.zeros(n)], 1e-6, 0.0
    for p in params:
        for index in np.ndindex(p.shape):
            saved = p[index]
            p[index] = saved + eps
            up = cost_from(*params, xs, v, np.zeros(n), 0)
            p[index] = saved - eps
            down = cost_from(*params, xs, v, np.zeros(n), 0)
            p[index] = saved
            squares += ((up - down) / (2 * eps)) ** 2
    assert 10 ** got.log10_gradient[0] == pytest.approx(math.sqrt(squares), rel=1e-7)


@pytest.mark.parametrize("rho, input_std", [(0.6, 1.0), (1.8, 0.0)])
def test_the_rescaled_pass_agrees_with_a_plain_one_over_fifty_steps(rho, input_std):
    W, U, xs, v = small_network(np.random.default_rng(3), n=12, m=5, T=50, rho=rho,
                                input_std=input_std)
    zs, h = [], np.zeros(12)
    for x in xs:
        zs.append(W @ h + U @ x)
        h = np.tanh(zs[-1])
    expected = np.log10(plain_bptt(W, v, zs))
    got = backprop_through_time(W[None], U[None], xs[None], v[None], TANH).log10_norms[0]
    assert abs(expected[0]) > 5  # the norms really shrink or grow
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-10)


# --- against theory -------------------------------------------------------------------------------
def test_each_matrix_has_the_requested_spectral_radius_and_its_reported_largest_singular_value():
    samples = draw_samples(16, 4, 3, 5, 0.1, seed=0)
    result = recurrent_gradients((0.9,), units=16, inputs=4, steps=3, samples=5)
    W = recurrent_matrices(samples, 0.9)
    for w, reported in zip(W, result.radii[0].singular_values):
        assert np.abs(np.linalg.eigvals(w)).max() == pytest.approx(0.9, rel=1e-12)
        assert reported == pytest.approx(np.linalg.norm(w, 2), rel=1e-12)


# gamma = max phi': tanh'(0) = 1, sigma'(0) = 1/4
@pytest.mark.parametrize("activation, gamma", [(tanh(), 1.0), (sigmoid(), 0.25)],
                         ids=["tanh", "sigmoid"])
def test_norms_never_exceed_pascanus_bound_of_lambda1_gamma_per_step(activation, gamma):
    result = recurrent_gradients(units=16, inputs=16, steps=60, samples=10, input_std=1.0,
                                 activation=activation)
    assert result.gamma == gamma
    steps_back = np.arange(59, -1, -1)  # T - t for t = 1..T
    for r in result.radii:
        bound = steps_back * np.log10(r.singular_values[:, None] * result.gamma)
        assert np.all(r.log10_norms <= bound + 1e-9)


def test_a_linearised_network_follows_powers_of_the_transposed_matrix_and_decays_as_rho():
    # with no input h_t stays 0, where tanh' = 1: dC/dh_t = (W^T)^(T-t) v exactly
    T = 200
    result = recurrent_gradients((0.5, 0.9), units=32, inputs=1, steps=T, samples=10,
                                 input_std=0.0)
    samples = draw_samples(32, 1, T, 10, 0.0, seed=0)
    for r in result.radii:
        W = recurrent_matrices(samples, r.rho)
        for s in (0, 7):
            g, expected = samples.v[s], []
            for _ in range(T):
                expected.append(np.log10(np.linalg.norm(g)))
                g = W[s].T @ g
            np.testing.assert_allclose(r.log10_norms[s], expected[::-1], rtol=0, atol=1e-9)
        # Gelfand: |(W^T)^k v|^(1/k) -> rho; over 199 steps within 3%
        assert np.median(r.rates) == pytest.approx(r.rho, rel=0.03)


def test_meanfield_factor_matches_the_rates_of_wide_networks_within_five_percent():
    # for n = 128 the spectral radius of G exceeds 1 by ~3%, so sigma_w and rho differ by as
    # much: the width's own uncertainty in what sigma_w "is"; 5% leaves room for it
    result = recurrent_gradients((0.9, 2.0), units=128, inputs=8, steps=120, samples=6,
                                 input_std=0.5)
    for r in result.radii:
        assert np.median(r.rates) == pytest.approx(r.meanfield_factor, rel=0.05)
    vanishing, exploding = result.radii
    assert np.median(vanishing.rates) < 0.75 and np.median(exploding.rates) > 1.05


def test_norms_beyond_float64_are_reported_as_data_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = recurrent_gradients((10.0,), units=8, inputs=1, steps=400, samples=3,
                                     input_std=0.0)
    r = result.radii[0]
    assert np.all(np.isfinite(r.log10_norms)) and np.all(np.isfinite(r.log10_gradient))
    # linear: |dC/dh_1| ~ 10^399 at rho = 10; float64 ends near 10^308.25, ~90 steps back
    assert np.all(r.log10_norms[:, 0] > 390)
    assert np.all((r.overflow_step > 80) & (r.overflow_step < 120))
    t = r.overflow_step[0]
    assert r.log10_norms[0, t - 1] > LOG10_FLOAT_MAX >= r.log10_norms[0, t]


def test_clipping_caps_the_gradient_norm_and_shifts_every_step_by_one_factor():
    result = recurrent_gradients((0.5, 2.0), units=16, inputs=16, steps=80, samples=20,
                                 input_std=0.1, clip=10.0)
    small, large = result.radii
    assert small.clipped_fraction == 0 and large.clipped_fraction > 0.5
    clipped = large.log10_gradient + large.log10_clip_factor
    assert np.all(clipped <= 1 + 1e-12)
    np.testing.assert_allclose(clipped[large.log10_gradient > 1], 1.0, atol=1e-12)
    shift = large.log10_clipped_norms - large.log10_norms
    np.testing.assert_allclose(shift, shift[:, :1] * np.ones_like(shift), atol=1e-12)


# --- settings -----------------------------------------------------------------------------------
def test_sample_s_is_the_same_whatever_the_number_of_samples_and_seeds_differ():
    few = recurrent_gradients((1.1,), units=8, inputs=2, steps=20, samples=3)
    more = recurrent_gradients((1.1,), units=8, inputs=2, steps=20, samples=5)
    other = recurrent_gradients((1.1,), units=8, inputs=2, steps=20, samples=3, seed=1)
    np.testing.assert_array_equal(few.radii[0].log10_norms, more.radii[0].log10_norms[:3])
    assert not np.array_equal(few.radii[0].log10_norms, other.radii[0].log10_norms)


@pytest.mark.parametrize("kwargs, message", [
    ({"activation": relu()}, "must be bounded"),
    ({"radii": (0.0,)}, "the spectral radius must lie in"),
    ({"radii": (float("nan"),)}, "the spectral radius must be a finite number"),
    ({"steps": 0}, "the number of time steps must be an integer"),
    # one step has no step back to compare with: the rates need T - 1 >= 1
    ({"steps": int(STEPS.low) - 1}, "the number of time steps must be an integer from 2"),
    ({"units": 2.5}, "the number of recurrent units must be an integer"),
    ({"input_std": -1}, "the input standard deviation"),
    ({"clip": 0}, "the clipping threshold"),
    ({"samples": 10_000, "steps": 100_000}, "more than the 2 GB budget"),
    # the kept log10 norms of 100 radii and 8 numbers more a step (the inputs twice, U x_t, z_t,
    # h_t, three percentile copies): 8 x 10^4 x 10^3 x 108 bytes and 16 MiB = 8.06 GiB
    ({"radii": (1.0,) * 100, "samples": 10_000, "steps": 1000, "units": 1, "inputs": 1},
     "would need about 8.1 GB"),
])
def test_bad_arguments_are_refused_with_the_quantity_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        recurrent_gradients(**kwargs)


def test_progress_is_reported_once_per_radius():
    ticks = []
    recurrent_gradients(units=4, inputs=1, steps=5, samples=2, progress=ticks.append)
    assert ticks == [1] * 5


# --- the result -----------------------------------------------------------------------------------
ARRAYS = ("singular_values", "log10_norms", "log10_gradient", "log10_clip_factor")


@pytest.mark.parametrize("activation", [tanh(), sigmoid()], ids=["tanh", "sigmoid"])
def test_the_result_read_back_from_its_json_text_holds_every_array_bit_for_bit(activation):
    # the reference is the result itself: JSON keeps a float64 to the last bit, so nothing
    # may be rounded on the way (tolerance 0)
    result = recurrent_gradients((0.5, 2.0), units=6, inputs=3, steps=12, samples=4,
                                 input_std=0.3, clip=1.0, activation=activation, seed=5)
    back = RecurrentGradients.from_json(json.loads(json.dumps(result.to_json())))
    for name in RecurrentGradients.SETTINGS:
        assert getattr(back, name) == getattr(result, name), name
    assert back.activation == activation and back.gamma == result.gamma
    assert len(back.radii) == len(result.radii)
    for got, want in zip(back.radii, result.radii, strict=True):
        assert (got.rho, got.meanfield_factor, got.sigma_w) == (
            want.rho, want.meanfield_factor, want.sigma_w)
        for name in ARRAYS:
            a, b = getattr(got, name), getattr(want, name)
            assert a.dtype == b.dtype and a.shape == b.shape, name
            np.testing.assert_array_equal(a, b, err_msg=name)
        np.testing.assert_array_equal(got.overflow_step, want.overflow_step)


#: A child process per shape runs the experiment and reports how much its resident memory
#: grew (Linux counts ru_maxrss in KiB); the parent has imported everything already.
_PEAKS = """
import os, resource, sys
from analytic.experiments.rnn import recurrent_gradients
recurrent_gradients((0.5,), 2, 1, 2, 1)  # every lazy import and cache, before the fork
for shape in {shapes!r}:
    pid = os.fork()
    if pid == 0:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        units, inputs, steps, samples, radii = shape
        recurrent_gradients((1.0,) * radii, units, inputs, steps, samples)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(1024 * grown, flush=True)
        os._exit(0)
    os.waitpid(pid, 0)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB and fork: Linux")
def test_the_memory_estimate_bounds_the_measured_peak_of_every_shape():
    from analytic.experiments.rnn import FIXED_BYTES, memory_bytes

    # wide (the (S, n, n) arrays dominate), wide inputs (S, n, m), and long (the sequences)
    shapes = [(256, 1, 2, 12, 2), (96, 192, 2, 20, 1), (4, 4, 6000, 20, 3)]
    run = subprocess.run([sys.executable, "-c", _PEAKS.format(shapes=shapes)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    assert run.returncode == 0, run.stderr
    peaks = [int(line) for line in run.stdout.split()]
    for shape, peak in zip(shapes, peaks, strict=True):
        estimate = memory_bytes(*shape)
        # bounded, and not by the fixed allowance alone: the arrays take most of the estimate
        assert peak <= estimate, (shape, peak, estimate)
        assert peak > (estimate - FIXED_BYTES) / 3, (shape, peak, estimate)
