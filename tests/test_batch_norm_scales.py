"""Batch normalisation over weight scales and one sigmoid unit's input: against closed forms
(a ReLU stack without biases is homogeneous in its weights; batch norm standardises), a forward
pass written out here, and the set-ups of Saito (2016) and Ioffe and Szegedy (2015)."""

import json
import math

import numpy as np
import pytest
from helpers import assert_one_line_error, invoke

from analytic.core.initialisation import normal
from analytic.experiments.batch_norm_scales import (
    DEFAULT_SCALES,
    SCALES,
    SIGMOID_INPUTS,
    BatchNormScales,
    batch_norm_scales,
)
from analytic.experiments.data import as_data, network
from analytic.train.layers import BN_EPS

#: A sweep that takes a second: two scales, one epoch on 100 digits; the sigmoid net one epoch.
SMALL = SCALES.but(epochs=1, images=100, validation=100)
WATCH = SIGMOID_INPUTS.but(epochs=1, images=200, validation=100, records=2)


@pytest.fixture(scope="module")
def small():
    return batch_norm_scales(SMALL, (0.3, 0.03), networks=2, watch=WATCH)


def test_the_default_scales_are_the_books_sixteen_from_one_to_1e_minus_4():
    # np.logspace(0, -4, num=16) in ch06/batch_norm_test.py
    assert len(DEFAULT_SCALES) == 16
    assert DEFAULT_SCALES[0] == 1.0 and DEFAULT_SCALES[-1] == pytest.approx(1e-4, rel=1e-14)
    ratios = np.array(DEFAULT_SCALES[:-1]) / np.array(DEFAULT_SCALES[1:])
    np.testing.assert_allclose(ratios, 10 ** (4 / 15), rtol=1e-12)


def test_without_batch_norm_the_top_layers_spread_scales_as_w_to_the_depth(small):
    # ReLU and zero biases: z^H is homogeneous of degree H in the weights, and both scales
    # scale one draw
    ratio = small.runs.z_std[0, 0] / small.runs.z_std[0, 1]
    np.testing.assert_allclose(ratio, (0.3 / 0.03) ** SMALL.hidden, rtol=1e-10)


def test_with_batch_norm_the_top_layer_is_standardised_while_the_variance_dwarfs_epsilon(small):
    # z = (u - mu)/sqrt(var + eps): std sqrt(var/(var + eps)), 1 within 1e-3 when var > 500 eps
    np.testing.assert_allclose(small.runs.z_std[1], 1.0, atol=1e-3)
    tiny = batch_norm_scales(SMALL.but(epochs=1), (1e-4,), watch=WATCH.but(epochs=1))
    assert tiny.runs.z_std[1, 0, 0] < 0.01  # at w = 1e-4 the variances fall far below eps


def test_the_sigmoid_units_input_at_step_zero_is_a_forward_pass_written_out_here(small):
    # sigmoid layers, weights from the same draw, batch norm by the digits' own statistics
    digits = as_data(None)(WATCH)
    for arm, bn in enumerate((False, True)):
        model, _ = network(WATCH.but(batch_norm=bn), 0, digits)
        a = digits.validation_x
        for W, b in zip(model.parameters.weights[:-1], model.parameters.biases[:-1]):
            u = a @ W.T + b
            z = (u - u.mean(axis=0)) / np.sqrt(u.var(axis=0) + BN_EPS) if bn else u
            a = 1 / (1 + np.exp(-z))
        expected = np.percentile(z[:, 0], (15, 50, 85))
        np.testing.assert_allclose(small.inputs.percentiles[arm, 0], expected, rtol=1e-10)


def test_batch_norm_keeps_the_units_input_in_place_while_it_drifts_without(small):
    assert small.inputs.drift(1) < small.inputs.drift(0) / 5


def test_a_diverged_run_is_null_in_the_json_with_its_flag_and_reads_back():
    # N(0, 1) weights in five ReLU layers: the first steps meet an infinity
    result = batch_norm_scales(SMALL.but(images=1000), (1.0,), watch=WATCH)
    assert result.runs.diverged[0, 0, 0] and not result.runs.diverged[1, 0, 0]
    data = json.loads(json.dumps(_nulls(result.to_json()), allow_nan=False))
    assert data["train_accuracy"][0][0][0] is None and data["diverged"][0][0][0] is True
    back = BatchNormScales.from_json(data)
    assert back.to_json().keys() == result.to_json().keys()
    np.testing.assert_array_equal(back.runs.diverged, result.runs.diverged)
    assert math.isnan(back.runs.train_accuracy[0, 0, 0])


def _nulls(data):
    # what the command writes: NaN as null (analytic.present.table.json_ready)
    from analytic.present.table import json_ready

    return json_ready(data)


def test_the_result_reads_back_from_its_json_with_every_number(small):
    data = json.loads(json.dumps(_nulls(small.to_json())))
    back = BatchNormScales.from_json(data)
    assert _nulls(back.to_json()) == data


def test_progress_counts_every_epoch_of_every_run():
    ticks = []
    batch_norm_scales(SMALL.but(epochs=2), (0.1,), networks=2, watch=WATCH.but(epochs=1),
                      progress=ticks.append)
    assert sum(ticks) == 2 * (1 * 2 * 2 + 1)


@pytest.mark.parametrize("kwargs, message", [
    ({"networks": 0}, "the number of networks"),
    ({"scales": ()}, "the number of weight scales"),
    ({"scales": (0.0,)}, "the weight scale must lie in"),
    ({"scales": (float("nan"),)}, "the weight scale must be a finite number"),
    ({"unit": 100}, "the unit watched"),
    ({"recipe": SMALL.but(validation=0)}, "measured on validation digits"),
    ({"networks": 10_000, "recipe": SCALES.but(epochs=10_000, images=60_000)}, "budget"),
])
def test_bad_arguments_are_refused_before_anything_runs(kwargs, message):
    with pytest.raises(ValueError, match=message):
        batch_norm_scales(**{"recipe": SMALL, "watch": WATCH, **kwargs})


def test_the_command_writes_the_table_and_both_figures(tmp_path):
    done = invoke("experiment", "batch-norm-scales", "--scale", "0.1", "--epochs", "1",
                  "--images", "100", "--validation", "100", "--watch-epochs", "1",
                  "--format", "json", "--out", str(tmp_path))
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["scales"] == [0.1]
    stem = "batch-norm-scales-epochs1-images100-validation100-scale0.1-watch-epochs1"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{stem}.csv", f"{stem}.json", f"{stem}.png", f"{stem}-inputs.png"])


def test_a_scale_out_of_range_ends_in_one_line():
    assert_one_line_error(invoke("experiment", "batch-norm-scales", "--scale", "0"),
                          "--scale: must be in [1e-08, 100]")
    assert normal(1e-8).variance(1, 1) == pytest.approx(1e-16)  # the lowest is a scheme
