"""A module imported on first use, so that what only lists names starts without it.

The activations and costs are SymPy expressions, but the command line lists and parses their
names (for every command's ``--help``) long before anything is derived; importing SymPy takes
about a third of a second, three times the rest of the start. ``sp = Deferred("sympy")`` reads
like the module and imports it the first time one of its names is used.

>>> math = Deferred("math")
>>> math.sqrt(4.0)
2.0
"""

from __future__ import annotations

from importlib import import_module
from typing import Any


class Deferred:
    """Stands for the module ``name``: every attribute is the module's, imported on first use."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"Deferred({self._name!r})"
