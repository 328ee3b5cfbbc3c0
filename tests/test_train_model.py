"""The trainable model's forward and backward passes against independent references.

References: central finite differences of the batch cost (float64, step 1e-6) for every
parameter of every layer kind; ``analytic.core.network.backprop`` (a separate implementation)
for the plain chapter network; closed forms for batch norm's statistics and running averages.
"""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analytic.core.activations import ACTIVATIONS, get_activation
from analytic.core.costs import cross_entropy
from analytic.core.initialisation import gaussian, he, initial_network, scaled, xavier
from analytic.core.network import Network, backprop
from analytic.train import Architecture, Parameters, backward, cost, forward, initial_model, layers
from analytic.train.model import with_running_averages

H = 1e-6
sizes_strategy = st.lists(st.integers(1, 4), min_size=3, max_size=5)


def batch(rng, n, sizes):
    x = rng.normal(size=(n, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    return x, y


def cost_with(model, params, x, y, seed):
    """C of ``model`` with ``params``, in training mode, RReLU's draw fixed by ``seed``."""
    shifted = replace(model, parameters=params)
    return cost(shifted, forward(shifted, x, True, np.random.default_rng(seed)), y)


def shifted(params, kind, i, index, h):
    """The parameters with entry ``index`` of the i-th array of ``kind`` moved by h."""
    arrays = params.arrays()
    moved = [a.copy() for a in arrays[kind]]
    moved[i][index] += h
    return Parameters.of(**{**arrays, kind: moved})


def finite_differences(model, x, y, seed):
    """dC/d(every parameter entry) by central differences, as kind -> arrays."""
    def entry(kind, i, index):
        p = model.parameters
        return (cost_with(model, shifted(p, kind, i, index, H), x, y, seed)
                - cost_with(model, shifted(p, kind, i, index, -H), x, y, seed)) / (2 * H)

    return {kind: [np.array([entry(kind, i, index) for index in np.ndindex(a.shape)])
                   .reshape(a.shape) for i, a in enumerate(arrays)]
            for kind, arrays in model.parameters.arrays().items()}


def far_from_kinks(model, x, seed, margin=1e-4):
    """No z within ``margin`` of a piecewise-linear activation's kink at 0."""
    if not model.architecture.activation.linear_above_zero:
        return True
    zs = forward(model, x, True, np.random.default_rng(seed)).zs[:-1]
    return all(np.min(np.abs(z)) > margin for z in zs)


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@settings(max_examples=8)
@given(sizes=sizes_strategy, seed=st.integers(0, 2**32 - 1), batch_norm=st.booleans(),
       residual=st.booleans(), init=st.sampled_from([scaled(), xavier(), he(), gaussian()]))
def test_every_parameter_gradient_equals_finite_differences_for_random_networks(
        activation, sizes, seed, batch_norm, residual, init):
    rng = np.random.default_rng(seed)
    arch = Architecture(tuple(sizes), get_activation(activation), batch_norm, residual)
    model = initial_model(arch, rng, init)
    if batch_norm:  # move gamma and beta off their starting values 1 and 0
        arrays = model.parameters.arrays()
        model = replace(model, parameters=Parameters.of(**{
            **arrays, "gammas": [rng.uniform(0.5, 1.5, g.shape) for g in arrays["gammas"]],
            "betas": [rng.normal(size=b.shape) for b in arrays["betas"]]}))
    x, y = batch(rng, 6, sizes)
    assume(far_from_kinks(model, x, seed))
    grads = backward(model, forward(model, x, True, np.random.default_rng(seed)), y).nabla
    reference = finite_differences(model, x, y, seed)
    for kind, arrays in grads.arrays().items():
        for got, want in zip(arrays, reference[kind], strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7, err_msg=kind)


@given(sizes=sizes_strategy, seed=st.integers(0, 2**32 - 1))
def test_the_plain_chapter_network_has_the_gradients_of_the_core_backprop_to_1e_12(sizes, seed):
    rng = np.random.default_rng(seed)
    model = initial_model(Architecture(tuple(sizes)), rng)
    x, y = rng.uniform(0, 1, (5, sizes[0])), np.eye(sizes[-1])[rng.integers(0, sizes[-1], 5)]
    p = model.parameters
    net = Network(p.weights, p.biases, get_activation("sigmoid"), get_activation("sigmoid"))
    reference = backprop(net, x, y, cross_entropy())
    grads = backward(model, forward(model, x, True), y)
    for got, want in zip(grads.nabla.weights + grads.nabla.biases,
                         reference.nabla_w + reference.nabla_b, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    for got, want in zip(grads.deltas, reference.deltas, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


def test_a_twenty_layer_network_with_every_remedy_backprops_to_finite_differences():
    rng = np.random.default_rng(14)
    sizes = (4, *[3] * 20, 2)
    arch = Architecture(sizes, get_activation("prelu"), batch_norm=True, residual=True)
    model = initial_model(arch, rng, he())
    x, y = batch(rng, 5, sizes)
    grads = backward(model, forward(model, x, True), y).nabla
    p = model.parameters
    for kind, i, index in (("weights", 0, (1, 2)), ("weights", 10, (0, 1)), ("slopes", 0, (2,)),
                           ("gammas", 3, (1,)), ("betas", 19, (0,)), ("weights", 20, (1, 0))):
        by_differences = (cost_with(model, shifted(p, kind, i, index, H), x, y, 0)
                          - cost_with(model, shifted(p, kind, i, index, -H), x, y, 0)) / (2 * H)
        got = getattr(grads, kind)[i][index]
        assert got == pytest.approx(by_differences, rel=1e-5, abs=1e-8), (kind, i)


# --- batch normalisation -------------------------------------------------------------------------
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 7), units=st.integers(1, 4))
def test_batch_norm_input_gradient_equals_finite_differences(seed, n, units):
    # a linear read-out of z = BN(u) makes the scalar sum(G * z) / n whose gradient is D_u / n
    rng = np.random.default_rng(seed)
    u, readout = rng.normal(size=(n, units)), rng.normal(size=(n, units))
    gamma, beta = rng.uniform(0.5, 1.5, units), rng.normal(size=units)

    def scalar(u):
        return np.sum(readout * layers.batch_norm(u, gamma, beta)[0]) / n

    _, cache = layers.batch_norm(u, gamma, beta)
    delta_u, nabla_gamma, nabla_beta = layers.batch_norm_backward(readout, gamma, cache)
    for index in np.ndindex(u.shape):
        step = np.zeros_like(u)
        step[index] = H
        by_differences = (scalar(u + step) - scalar(u - step)) / (2 * H)
        assert delta_u[index] / n == pytest.approx(by_differences, rel=1e-5, abs=1e-8)
    # z is linear in gamma and beta: their gradients are exact means
    np.testing.assert_allclose(nabla_gamma, (readout * cache.x_hat).mean(axis=0), rtol=1e-14)
    np.testing.assert_allclose(nabla_beta, readout.mean(axis=0), rtol=1e-14)


def test_batch_norm_outputs_have_mean_beta_and_standard_deviation_gamma():
    rng = np.random.default_rng(3)
    u = rng.normal(3.0, 5.0, size=(200, 4))
    gamma, beta = np.array([1.0, 2.0, 0.5, 3.0]), np.array([0.0, -1.0, 4.0, 0.5])
    z, _ = layers.batch_norm(u, gamma, beta)
    np.testing.assert_allclose(z.mean(axis=0), beta, atol=1e-12)
    # var(z) = gamma^2 var(u) / (var(u) + eps): within eps / var(u) ~ 4e-7 of gamma^2
    np.testing.assert_allclose(z.var(axis=0), gamma ** 2, rtol=1e-6)


def test_with_batch_norm_the_bias_before_it_gets_no_gradient_by_finite_differences():
    rng = np.random.default_rng(5)
    sizes = (4, 3, 3, 2)
    model = initial_model(Architecture(sizes, batch_norm=True), rng)
    x, y = batch(rng, 8, sizes)
    grads = backward(model, forward(model, x, True), y)
    reference = finite_differences(model, x, y, 0)
    for l in range(2):
        np.testing.assert_allclose(reference["biases"][l], 0, atol=1e-9)
        assert np.all(grads.nabla.biases[l] == 0)
        # the speed is then the norm of dC/dbeta, which is the mean of delta^l
        np.testing.assert_allclose(grads.means[l], reference["betas"][l], rtol=1e-5)
        np.testing.assert_allclose(grads.deltas[l].mean(axis=0), grads.means[l], rtol=1e-15)


def test_running_averages_follow_their_closed_form_for_a_repeated_batch():
    # the same batch k times: mean_k = (1 - 0.9^k) mu, var_k = 0.9^k + (1 - 0.9^k) s^2 n/(n-1)
    rng = np.random.default_rng(6)
    model = initial_model(Architecture((3, 4, 2), batch_norm=True), rng)
    x = rng.normal(size=(10, 3))
    u = x @ model.parameters.weights[0].T + model.parameters.biases[0]
    for _ in range(7):
        model = with_running_averages(model, forward(model, x, True))
    keep = 0.9 ** 7
    np.testing.assert_allclose(model.running_means[0], (1 - keep) * u.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(model.running_vars[0],
                               keep + (1 - keep) * u.var(axis=0, ddof=1), rtol=1e-12)


def test_running_averages_converge_to_the_statistics_of_the_data():
    # batches of 1,000 from N(m, S): u = w x + b has mean w m + b and variance w S w^T per unit
    rng = np.random.default_rng(7)
    model = initial_model(Architecture((3, 2, 2), batch_norm=True), rng)
    m, s = np.array([1.0, -2.0, 0.5]), np.array([2.0, 0.5, 1.0])
    for _ in range(100):
        model = with_running_averages(model, forward(model, rng.normal(m, s, (1000, 3)), True))
    w, b = model.parameters.weights[0], model.parameters.biases[0]
    mean, var = w @ m + b, (w ** 2) @ (s ** 2)
    # the averages weight about 19 batches: their standard error is under 1% of sqrt(var)
    np.testing.assert_allclose(model.running_means[0], mean, atol=0.04 * np.sqrt(var).max())
    np.testing.assert_allclose(model.running_vars[0], var, rtol=0.05)


def test_at_test_time_batch_norm_uses_the_running_averages():
    rng = np.random.default_rng(8)
    model = initial_model(Architecture((3, 4, 2), batch_norm=True), rng)
    model = replace(model, running=np.concatenate([rng.normal(size=4),
                                                   rng.uniform(0.5, 2, 4)]))
    x = rng.normal(size=(5, 3))
    p = model.parameters
    u = x @ p.weights[0].T + p.biases[0]
    by_hand = p.gammas[0] * (u - model.running_means[0]) / np.sqrt(
        model.running_vars[0] + layers.BN_EPS) + p.betas[0]
    np.testing.assert_allclose(forward(model, x).zs[0], by_hand, rtol=1e-13)
    # one example alone gives the same output as within a batch: nothing depends on the batch
    np.testing.assert_allclose(forward(model, x[:1]).activations[-1],
                               forward(model, x).activations[-1][:1], rtol=1e-14)


# --- residual connections and slopes -------------------------------------------------------------
def test_residual_connections_add_the_input_around_every_hidden_layer_of_equal_width():
    rng = np.random.default_rng(9)
    arch = Architecture((5, 4, 4, 3, 3, 2), get_activation("tanh"), residual=True)
    model = initial_model(arch, rng)
    x = rng.normal(size=(6, 5))
    a, zs = forward(model, x).activations, forward(model, x).zs
    assert [arch.residual_at(l) for l in range(1, 6)] == [False, True, False, True, False]
    np.testing.assert_allclose(a[1], np.tanh(zs[0]), rtol=1e-15)
    np.testing.assert_allclose(a[2], np.tanh(zs[1]) + a[1], rtol=1e-15)
    np.testing.assert_allclose(a[3], np.tanh(zs[2]), rtol=1e-15)
    np.testing.assert_allclose(a[4], np.tanh(zs[3]) + a[3], rtol=1e-15)


def test_prelu_slopes_start_at_a_quarter_one_per_unit_and_shape_the_negative_side_only():
    rng = np.random.default_rng(10)
    model = initial_model(Architecture((3, 5, 4, 2), get_activation("prelu")), rng)
    assert [s.tolist() for s in model.parameters.slopes] == [[0.25] * 5, [0.25] * 4]
    slopes = (np.array([0.1, 0.2, 0.3, 0.4, 0.5]), np.array([0.0, 0.5, 1.0, 2.0]))
    arrays = model.parameters.arrays()
    model = replace(model, parameters=Parameters.of(**{**arrays, "slopes": slopes}))
    result = forward(model, rng.normal(size=(30, 3)))
    for z, a, s in zip(result.zs, result.activations[1:], slopes):
        np.testing.assert_array_equal(a, np.where(z > 0, z, s * z))


def test_rrelu_draws_its_slopes_from_the_band_in_training_and_uses_the_mean_at_test_time():
    rng = np.random.default_rng(11)
    model = initial_model(Architecture((3, 400, 2), get_activation("rrelu")), rng)
    x = rng.normal(size=(50, 3))
    train = forward(model, x, True, np.random.default_rng(0))
    test = forward(model, x)
    z = train.zs[0]
    negative = z < 0
    ratio = train.activations[1][negative] / z[negative]
    assert 1 / 8 <= ratio.min() and ratio.max() <= 1 / 3
    # 10,000 draws of U(1/8, 1/3): the mean is within 4 standard errors (0.06 / 100 each)
    assert abs(ratio.mean() - (1 / 8 + 1 / 3) / 2) < 4 * (1 / 3 - 1 / 8) / np.sqrt(12) / 100
    assert ratio.std() > 0.05  # one slope per example and unit, not one for all
    np.testing.assert_allclose(test.activations[1][negative], (1 / 8 + 1 / 3) / 2 * z[negative],
                               rtol=1e-15)
    np.testing.assert_array_equal(test.activations[1][~negative], z[~negative])
    assert not np.allclose(train.activations[-1], test.activations[-1])


def test_training_a_network_with_random_slopes_without_a_generator_is_refused():
    model = initial_model(Architecture((3, 4, 2), get_activation("rrelu")),
                          np.random.default_rng(0))
    with pytest.raises(ValueError, match="rrelu"):
        forward(model, np.ones((2, 3)), train=True)


def test_the_model_draws_the_same_initial_weights_as_the_chapters_network():
    model = initial_model(Architecture((6, 5, 4, 3)), np.random.default_rng(12), xavier())
    net = initial_network([6, 5, 4, 3], np.random.default_rng(12), xavier())
    for got, want in zip(model.parameters.weights + model.parameters.biases,
                         net.weights + net.biases, strict=True):
        np.testing.assert_array_equal(got, want)


def test_zero_biases_change_nothing_else_and_leave_the_generator_where_it_would_be():
    arch = Architecture((6, 5, 4, 3), get_activation("tanh"))
    rngs = np.random.default_rng(13), np.random.default_rng(13)
    drawn = initial_model(arch, rngs[0], xavier())
    zeroed = initial_model(arch, rngs[1], xavier(), bias_std=0.0)
    assert all(np.all(b == 0) for b in zeroed.parameters.biases)
    assert any(np.all(b != 0) for b in drawn.parameters.biases)
    for got, want in zip(zeroed.parameters.weights, drawn.parameters.weights, strict=True):
        np.testing.assert_array_equal(got, want)
    assert rngs[0].random() == rngs[1].random()


def test_bias_std_scales_the_same_unit_draws_and_bias_shift_lowers_the_hidden_biases_only():
    # reference: the N(0, 1) draws that follow the weights in the generator, taken by hand
    arch = Architecture((6, 5, 4, 3), get_activation("tanh"))
    rng = np.random.default_rng(15)
    for n_in, n_out in ((6, 5), (5, 4), (4, 3)):
        rng.uniform(size=(n_out, n_in))  # xavier's weights: one uniform per entry
    units = [rng.standard_normal(n) for n in (5, 4, 3)]
    model = initial_model(arch, np.random.default_rng(15), xavier(), bias_std=0.5,
                          bias_shift=2.0)
    for l, (got, unit) in enumerate(zip(model.parameters.biases, units, strict=True), start=1):
        np.testing.assert_array_equal(got, 0.5 * unit - (2.0 if l < 3 else 0.0))


@pytest.mark.parametrize("sizes, message", [
    ((784,), "input and an output"), ((784, 0, 10), "layer size"), ((784, 2.5, 10), "layer size"),
    ((100_000, 100_000, 10), "budget"),
])
def test_impossible_architectures_are_refused_naming_the_quantity(sizes, message):
    with pytest.raises(ValueError, match=message):
        Architecture(sizes)
