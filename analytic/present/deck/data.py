"""What the lecture's slides show, computed (or read) once, and numbers as the slides write them.

:class:`LectureData` computes everything when a slide first asks for it: the chain's
derivation and its checks, σ′'s bound and the window (SymPy, mpmath), the exploding
construction, the gallery's data (neuron bars, histograms, gradients through time, the phase
diagram), and the chapter's long experiments as their committed runs (``docs/runs/*.json``,
``figures/NAME/*.json``, read with :func:`analytic.experiments.result.read`), so that the deck
builds in seconds. The formatting helpers write every number from its computed value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

import sympy as sp

from ...chain.derive import Derivation, derive_chain
from ...chain.verify import Verification, verify
from ...core.activations import tanh
from ...experiments.result import Result, read
from ...theory.explosion import Explosion, ExplosionRatios, explode, explosion_ratios
from ...theory.meanfield import MeanField, chi
from ...theory.window import WindowProblem, window_problem

#: The repository's root, where the committed runs are.
ROOT = Path(__file__).resolve().parents[3]
#: The committed runs the deck draws: name -> (its file below the root, the command it ran).
RUNS = {
    "init_norms": ("docs/runs/init-norms-4.json",
                   "analytic experiment init-norms --hidden 4 --networks 200"),
    "training_speed": ("docs/runs/training-speed-4.json",
                       "analytic experiment training-speed --hidden 4"),
    "depth_accuracy": ("docs/runs/depth-accuracy.json",
                       "analytic experiment depth-accuracy --networks 3"),
    "remedies": ("figures/remedies/remedies.json", "analytic experiment remedies"),
    "saturation": ("figures/saturation/saturation-4.json", "analytic experiment saturation"),
    "dead_units": ("figures/dying-relu/dying-relu.json", "analytic experiment dying-relu"),
}
#: The chain the formula slides derive, the exploding chain's weight and depth, the rows of
#: the product table, and the mean-field examples.
CHAIN_DEPTH = 4
EXPLODING_WEIGHT, EXPLODING_DEPTH = 100.0, 8
PRODUCT_ROWS = (1, 2, 3, 5, 10, 15, 20)
TANH_SIGMA_B = 0.05
TANH_SIGMA_WS = (0.8, 1.0, 1.2, 2.0)
VARIANCE_WIDTH = 30


class LectureData:
    """Everything the slides show, each piece computed (or read) when a slide first asks for
    it and kept for the other slides and languages."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = ROOT if root is None else root

    @cached_property
    def runs(self) -> dict[str, Result]:
        return recorded_runs(self.root)

    @property
    def has_runs(self) -> bool:
        """Whether the committed runs are there (in a checkout; an installed package has none)."""
        return not missing_runs(self.root)

    @cached_property
    def derivation(self) -> Derivation:
        return derive_chain(CHAIN_DEPTH)

    @cached_property
    def verification(self) -> Verification:
        return verify(self.derivation, seed=0)

    @cached_property
    def window(self) -> WindowProblem:
        return window_problem()

    @cached_property
    def exploded(self) -> Explosion:
        return explode(EXPLODING_WEIGHT, EXPLODING_DEPTH)

    @cached_property
    def explosion(self) -> ExplosionRatios:
        return explosion_ratios(EXPLODING_WEIGHT, EXPLODING_DEPTH)

    @cached_property
    def meanfield(self) -> tuple[MeanField, ...]:
        return tuple(chi(tanh(), sw, TANH_SIGMA_B) for sw in TANH_SIGMA_WS)

    def gallery(self, name: str) -> Any:
        """The data of gallery figure ``name`` (computed once)."""
        if name not in self._gallery:
            from ..figures import compute

            self._gallery[name] = compute(name)
        return self._gallery[name]

    @cached_property
    def _gallery(self) -> dict[str, Any]:
        return {}


def missing_runs(root: Path) -> list[str]:
    """The committed runs the deck draws that are not under ``root``."""
    return [path for path, _ in RUNS.values() if not (root / path).is_file()]


def recorded_runs(root: Path = ROOT) -> dict[str, Result]:
    """The committed runs the deck draws, read back into their results."""
    missing = missing_runs(root)
    if missing:
        raise ValueError(f"the lecture deck draws the runs committed with the repository and "
                         f"{missing[0]} is missing under {root}: build it in a checkout")
    # each experiment's module registers its result with read
    from ...experiments import dead_units, remedies, saturation, speeds, training  # noqa: F401

    return {name: read(json.loads((root / path).read_text(encoding="utf-8")))
            for name, (path, _) in RUNS.items()}


# --- formatting ----------------------------------------------------------------------------------
def g(x: float, digits: int = 3) -> str:
    """A number to ``digits`` significant digits, as the slides write it.

    >>> g(0.2291666), g(25.0), g(1.5e-10)
    ('0.229', '25', '1.5e-10')
    """
    return f"{x:.{digits}g}"


def fraction(x: float | sp.Expr) -> str:
    """A simple fraction as people write it: 1/4, 11/48, 0.

    >>> fraction(0.25), fraction(1 / 3), fraction(sp.Rational(11, 48))
    ('1/4', '1/3', '11/48')
    """
    q = Fraction(float(x)).limit_denominator(1000)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def unicode(expr: sp.Expr) -> str:
    """A SymPy number or short expression in the slides' notation (− for minus).

    >>> unicode(sp.Integer(-50))
    '−50'
    """
    return str(expr).replace("**", "^").replace("*", " ").replace("-", "−")


def network(recipe: Any) -> str:
    """[784, 30, 30, 10]: a recipe's layer sizes."""
    return "[" + ", ".join(str(n) for n in recipe.sizes) + "]"


def notes(text: Callable[..., str], body: str, source: str) -> str:
    """A slide's speaker notes: their text, then the command that prints the numbers."""
    return "\n".join(p for p in (body, text("deck.reproduce", command=source) if source else "")
                     if p)



#: Puts a string of the deck's language together: (key, **fields) -> text.
Text = Callable[..., str]
