"""An activation's parameters: each checked in its range where the activation is made, and read
from the text of a spec ("leaky_relu:0.2", "rrelu:0.1,upper=0.3") by one parser."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from .limits import Limit

Factory = TypeVar("Factory", bound=Callable[..., object])


def parameters(**ranges: Limit) -> Callable[[Factory], Factory]:
    """The one check of every parameterised activation: each parameter a finite number in its
    range of :mod:`analytic.core.limits`, checked before the factory runs (however it is
    called: by name, from the command line or from Python).

    >>> from analytic.core.activations import leaky_relu
    >>> leaky_relu(float("inf"))
    Traceback (most recent call last):
    ...
    ValueError: the leaky_relu slope must be a finite number, got inf
    """

    def checked(factory: Factory) -> Factory:
        signature = inspect.signature(factory)

        @wraps(factory)
        def make(*args: float, **kwargs: float) -> object:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, value in bound.arguments.items():
                ranges[name].check(value)
            return factory(*bound.args, **bound.kwargs)

        return make

    return checked


def parsed(name: str, factory: Callable[..., object], text: str | None) -> dict[str, float]:
    """The keyword arguments that ``text``, what follows ``name:`` in a spec, gives ``factory``.

    >>> from analytic.core.activations import rrelu
    >>> parsed("rrelu", rrelu, "0.1,upper=0.3")
    {'lower': 0.1, 'upper': 0.3}
    """
    # "0.2", "slope=0.2", "0.1,upper=0.3": positional values first, each parameter once; an
    # empty list or item ("leaky_relu:", "rrelu:0.1,,0.3") is refused, not read as a default
    names = list(inspect.signature(factory).parameters)
    if text is None:
        return {}
    takes = ", ".join(names) or "no parameters"
    if not text.strip():
        raise ValueError(f"{name}: nothing after ':'; {name} takes {takes}")
    params: dict[str, float] = {}
    named = False  # once a parameter is named, the rest must be named too
    for i, part in enumerate(p.strip() for p in text.split(",")):
        key, equals, value = part.rpartition("=")
        named = named or bool(equals)
        key = key.strip() if equals else (names[i] if i < len(names) and not named else "")
        if not part or key not in names or key in params:
            raise ValueError(f"{name} takes {takes}; got {text!r}")
        try:
            params[key] = float(value)
        except ValueError:
            raise ValueError(f"{name} parameter {key} must be a number, got {value!r}") from None
    return params
