"""The remedies table on small settings: its summaries against numpy's percentiles, its speeds
at initialisation against the chapter's backprop, chance accuracy as the plain deep network's
reference, and divergence as data."""

import warnings

import numpy as np
import pytest

from analytic.core.activations import relu
from analytic.core.costs import cross_entropy
from analytic.core.initialisation import gaussian, initial_network, layer_sizes
from analytic.core.network import backprop
from analytic.experiments.data import Data
from analytic.experiments.remedies import BASE, REMEDIES, Remedies, Remedy, remedies, run_remedy
from analytic.experiments.result import Spread

SMALL = BASE.but(hidden=3, width=8, epochs=2, batch_size=20, images=200, validation=100, seed=3)
ROW = {remedy.name: remedy for remedy in REMEDIES}


@pytest.fixture(scope="module")
def table():
    ticks = []
    rows = [r for r in REMEDIES if r.name in ("plain", "prelu", "batch_norm", "momentum")]
    result = remedies(rows, SMALL, networks=2, progress=ticks.append)
    return result, ticks


def test_spread_below_ten_runs_is_the_median_and_the_range_of_the_values_present():
    values = [0.3, None, 0.1, 0.7, 0.2]
    spread = Spread.of(values)
    present = [0.3, 0.1, 0.7, 0.2]
    assert (spread.median, spread.low, spread.high) == (np.median(present), 0.1, 0.7)
    assert spread.band == "min-max" and spread.runs == 4
    assert spread.to_json()["band"] == "min-max"
    assert Spread.of([None, None]) is None


def test_spread_from_ten_runs_is_the_median_and_the_10th_and_90th_percentiles():
    present = [float(v) for v in np.random.default_rng(1).standard_normal(10)]
    spread = Spread.of([*present, None])
    assert (spread.median, spread.low, spread.high) == pytest.approx(
        (np.median(present), np.percentile(present, 10), np.percentile(present, 90)), abs=0)
    assert spread.band == "p10-p90" and spread.runs == 10


def test_every_row_holds_one_run_per_network_and_progress_ticks_once_per_epoch(table):
    result, ticks = table
    assert [row.remedy.name for row in result.rows] == ["plain", "prelu", "batch_norm",
                                                        "momentum"]
    assert sum(ticks) == 4 * 2 * SMALL.epochs
    for row in result.rows:
        assert len(row.runs) == 2 and row.diverged_runs == 0
        for run in row.runs:
            assert run.speeds.shape == (SMALL.epochs + 1, 3)
            assert run.accuracies.shape == (SMALL.epochs + 1,)
    prelu = result.rows[1]
    assert prelu.dead is not None and prelu.saturated is None
    assert prelu.runs[0].slopes.shape == (SMALL.epochs + 1, 3)
    assert result.rows[0].dead is None and result.rows[0].saturated is not None


def test_the_speeds_at_initialisation_are_the_chapters_backprop_on_the_same_network(table):
    # network s of a row is drawn from the stream (seed, s); the reference keeps all 784 pixels
    result, _ = table
    train = Data()(SMALL).train
    net = initial_network(layer_sizes(3, 8), np.random.default_rng([3, 1]))
    grads = backprop(net, train.images, train.one_hot(), cross_entropy())
    reference = [np.linalg.norm(nb) for nb in grads.nabla_b[:-1]]
    np.testing.assert_allclose(result.rows[0].runs[1].speeds[0], reference, rtol=1e-12)
    assert result.rows[0].ratio_at_init.median == pytest.approx(
        np.median([run.speeds[0][-1] / run.speeds[0][0] for run in result.rows[0].runs]))
    # rows that share an initialisation start from the same weights
    np.testing.assert_array_equal(result.rows[3].runs[1].speeds[0],
                                  result.rows[0].runs[1].speeds[0])


def test_the_same_seed_gives_the_same_table(table):
    again = run_remedy(ROW["prelu"], SMALL, 2, Data())
    for a, b in zip(again.runs, table[0].rows[1].runs):
        np.testing.assert_array_equal(a.speeds, b.speeds)
        np.testing.assert_array_equal(a.accuracies, b.accuracies)


def test_the_json_reads_back_into_the_same_table(table):
    result = table[0]
    again = Remedies.from_json(result.to_json())
    assert again.to_json() == result.to_json()
    assert [row.recipe for row in again.rows] == [row.recipe for row in result.rows]


def test_leveled_networks_learn_where_the_plain_ten_layer_sigmoid_stack_stays_at_chance():
    # the default network and optimiser for four epochs on 1,000 digits, one network: the
    # plain stack's first layer learns over 10^5 times slower than its last and it stays at
    # chance (10 %); relu + He, batch norm and residual connections start within a factor of
    # 100 and reach at least twice chance (measured: 49 %, 73 %, 37 %; 300 validation digits
    # give a binomial standard error below 3 %)
    base, data = BASE.but(epochs=4, validation=300), Data()
    plain = run_remedy(ROW["plain"], base, 1, data)
    assert plain.ratio_at_init.median > 1e5 and plain.ratio_after.median > 1e5
    assert plain.accuracy.median == pytest.approx(0.1, abs=0.02)
    for name in ("relu", "batch_norm", "residual"):
        leveled = run_remedy(ROW[name], base, 1, data)
        assert leveled.ratio_at_init.median < plain.ratio_at_init.median / 1e3, name
        assert leveled.ratio_after.median < plain.ratio_after.median / 1e3, name
        assert leveled.accuracy.median > 0.2, name


def test_an_exploding_network_reports_divergence_as_data_without_warnings():
    base = BASE.but(hidden=8, width=20, epochs=2, eta=1.0, images=200, validation=100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = run_remedy(Remedy("exploding", {"activation": relu(), "init": gaussian()}), base,
                         3, Data())
    # runs 1 and 2 meet an infinity in their first epoch; run 0's units die instead
    assert [run.diverged_at for run in row.runs] == [None, 0, 0] and row.diverged
    assert row.diverged_runs == 2
    survivor = row.runs[0]
    assert row.accuracy == Spread.of([survivor.accuracies[-1]])
    assert row.ratio_after == Spread.of([survivor.ratio(-1)])
    assert all(np.all(np.isfinite(run.speeds)) for run in row.runs)
    assert row.ratio_at_init.median < 1e-2  # the first layer's gradient is the largest


@pytest.mark.parametrize("changes, message", [
    ({"hidden": 51}, "hidden layers"), ({"width": 0}, "width"), ({"epochs": 0}, "epochs"),
    ({"batch_size": 0}, "batch size"),
])
def test_impossible_recipes_are_refused_naming_the_quantity(changes, message):
    with pytest.raises(ValueError, match=message):
        BASE.but(**changes)


def test_a_remedy_that_changes_no_field_of_a_recipe_is_refused_when_it_is_written():
    with pytest.raises(TypeError, match="activations"):
        Remedy("mystery", {"activations": relu()})
    with pytest.raises(ValueError, match="must be an object"):
        Remedy("named", {"activation": "relu"})
    assert ROW["prelu"].recipe(BASE).activation.slope_learned
