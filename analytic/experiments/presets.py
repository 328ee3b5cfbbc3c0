"""Presets: a paper's set-up as close as this tool runs it, named, with what it stands for.

A preset is a recipe and the set-ups (hidden activation, weight scheme) it runs, with the
source it follows. A command that offers presets (``--preset NAME``) starts from the preset's
recipe instead of its default one; any recipe option given on the command line still changes
it, and ``--setup`` still chooses the set-ups.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.activations import Activation
from ..core.initialisation import WeightScheme
from ..train import Recipe

Setup = tuple[Activation, WeightScheme]


@dataclass(frozen=True)
class Preset:
    """``recipe`` with each of ``setups``: the closest run of ``source`` (a figure of a paper)."""

    recipe: Recipe
    setups: tuple[Setup, ...]
    source: str

