"""A training run described once: its JSON reads back into the same run, and it refuses what no
run can be.

References: the recipe itself (a read-back recipe must equal it field by field and its objects
must compute the same numbers, bit for bit: JSON keeps a float64 to the last bit, so the
tolerance is 0), and the ranges of :mod:`analytic.core.limits`, stated here field by field.
"""

import json
import math
import re

import numpy as np
import pytest

from analytic.core import limits
from analytic.core.activations import elu, leaky_relu, prelu, rrelu, tanh
from analytic.core.costs import cross_entropy, quadratic
from analytic.core.initialisation import he, normal, scaled, xavier
from analytic.train import Recipe

#: Every numeric field and the limit that bounds it (batch_size and clip may also be None).
LIMITS = {
    "hidden": limits.HIDDEN, "width": limits.WIDTH, "bias_std": limits.BIAS_STD,
    "bias_shift": limits.BIAS_SHIFT, "eta": limits.ETA, "lmbda": limits.LMBDA,
    "batch_size": limits.BATCH, "momentum": limits.MOMENTUM, "clip": limits.CLIP,
    "epochs": limits.EPOCHS, "records": limits.RECORDS, "images": limits.IMAGES,
    "validation": limits.VALIDATION, "split_seed": limits.SEED, "seed": limits.SEED,
}
#: The fields that hold objects, and a name the command line would accept for each.
NAMES = {"activation": "relu", "output": "sigmoid", "init": "he", "cost": "quadratic"}

def round_trip(recipe):
    """The recipe written to JSON text and read back, as a saved result is."""
    return Recipe.from_json(json.loads(json.dumps(recipe.to_json())))


def computes_the_same(got, want):
    # the objects a recipe holds, compared by what they compute, not by their names
    z = np.linspace(-4.0, 4.0, 81)
    for name in ("activation", "output"):
        a, b = getattr(got, name), getattr(want, name)
        assert a.params == b.params, name
        np.testing.assert_array_equal(a.f(z), b.f(z), err_msg=name)
        np.testing.assert_array_equal(a.prime(z), b.prime(z), err_msg=name)
    for n_in, n_out in ((784, 30), (30, 10)):
        assert got.init.variance(n_in, n_out) == want.init.variance(n_in, n_out)
        np.testing.assert_array_equal(got.init(n_in, n_out, np.random.default_rng(1)),
                                      want.init(n_in, n_out, np.random.default_rng(1)))
    a, y = np.linspace(0.01, 0.99, 9), np.linspace(1.0, 0.0, 9)
    np.testing.assert_array_equal(got.cost.value(a, y), want.cost.value(a, y))
    np.testing.assert_array_equal(got.cost.grad(a, y), want.cost.grad(a, y))


# --- JSON -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("recipe", [
    Recipe(activation=leaky_relu(0.2), init=normal(0.1), output=tanh(), cost=quadratic(),
           bias_std=0.5, bias_shift=-1.5, eta=0.37, lmbda=2.5, batch_size=None, momentum=0.9,
           nesterov=True, clip=3.0, epochs=7, records=3, images=2000, validation=0,
           split_seed=11, seed=2**40 + 3),
    Recipe(hidden=12, width=7, activation=elu(0.5), init=scaled(10), batch_norm=True,
           residual=True, bias_std=0.0, batch_size=32, validation=500, seed=9),
    Recipe(activation=prelu(0.1), init=xavier(), cost=cross_entropy(), lmbda=1e-3),
    Recipe(activation=rrelu(0.1, 0.2), init=he(), momentum=0.0, clip=1e6),
    # parameters that six digits would round: a spec writes them to the last bit
    pytest.param(Recipe(activation=rrelu()), id="rrelu-default-band"),
    pytest.param(Recipe(init=scaled(1 / 3)), id="scaled-one-third"),
    pytest.param(Recipe(init=normal(math.pi)), id="normal-pi"),
], ids=lambda r: r.activation.label + "-" + r.init.spec if isinstance(r, Recipe) else None)
def test_a_recipe_read_back_from_its_json_text_is_the_same_run(recipe):
    back = round_trip(recipe)
    assert back == recipe
    for name, value in recipe.to_json().items():
        assert back.to_json()[name] == value, name
    for name in LIMITS:
        assert type(getattr(back, name)) is type(getattr(recipe, name)), name
    computes_the_same(back, recipe)
    # and so the first network drawn from it is the same, weights and biases
    np.testing.assert_array_equal(back.initial_model(back.rng(0)).parameters.vector,
                                  recipe.initial_model(recipe.rng(0)).parameters.vector)


def test_json_with_an_unknown_field_or_name_is_refused_naming_it():
    data = Recipe().to_json()
    with pytest.raises(ValueError, match="no field 'learning_rate'"):
        Recipe.from_json({**data, "learning_rate": 0.1})
    with pytest.raises(ValueError, match="unknown activation 'cosine'"):
        Recipe.from_json({**data, "activation": "cosine"})


# --- refusals -------------------------------------------------------------------------------------
@pytest.mark.parametrize("field", sorted(NAMES))
def test_a_recipe_refuses_a_name_in_place_of_an_object(field):
    with pytest.raises(ValueError, match=f"recipe's {field} must be an object, not its name"):
        Recipe(**{field: NAMES[field]})
    with pytest.raises(ValueError, match="must be an object"):
        Recipe().but(**{field: NAMES[field]})


def outside(limit):
    """The nearest values just outside each end of the limit's range."""
    if limit.integer:
        return [int(limit.low) - 1, int(limit.high) + 1]
    below = limit.low if limit.low_open else np.nextafter(limit.low, -math.inf)
    above = limit.high if limit.high_open else np.nextafter(limit.high, math.inf)
    return [float(below), float(above)]


def ends(limit):
    """The ends of the limit's range that belong to it."""
    if limit.integer:
        return [int(limit.low), int(limit.high)]
    return [e for e, open_ in ((limit.low, limit.low_open), (limit.high, limit.high_open))
            if not open_]


@pytest.mark.parametrize("field, value", [(f, v) for f, limit in LIMITS.items()
                                          for v in outside(limit)])
def test_a_recipe_refuses_a_number_just_outside_its_limit_naming_the_quantity(field, value):
    with pytest.raises(ValueError, match=re.escape(LIMITS[field].what)):
        Recipe(**{field: value})


@pytest.mark.parametrize("field, value", [(f, v) for f, limit in LIMITS.items()
                                          for v in ends(limit)])
def test_a_recipe_admits_the_ends_of_each_limit_that_belong_to_it(field, value):
    assert getattr(Recipe(**{field: value}), field) == value


@pytest.mark.parametrize("field, value", [
    ("eta", math.nan), ("lmbda", math.inf), ("hidden", 2.0), ("epochs", True), ("seed", -1),
])
def test_a_recipe_refuses_numbers_that_are_not_finite_or_not_whole(field, value):
    with pytest.raises(ValueError, match=re.escape(LIMITS[field].what)):
        Recipe(**{field: value})


@pytest.mark.parametrize("field", ["images", "validation"])
def test_digit_counts_must_be_multiples_of_the_ten_classes(field):
    with pytest.raises(ValueError, match="multiple of 10"):
        Recipe(**{field: 1005})


def test_none_means_full_batch_descent_and_no_clipping_and_steps_follow_the_batch_size():
    recipe = Recipe(validation=0, batch_size=None, clip=None, images=1000, records=10)
    assert recipe.full_batch and recipe.steps_per_epoch == 1 and recipe.every == 1
    assert recipe.sgd.clip is None
    # ceil(1,000 / 32) = 32 steps an epoch, measured every 32 // 10 = 3 steps
    assert (recipe.but(batch_size=32).steps_per_epoch, recipe.but(batch_size=32).every) == (32, 3)
