"""Output layers: the softmax, which is not elementwise, beside the elementwise activations.

An output layer turns z^L into a^L. An :class:`~analytic.core.activations.Activation` does it
unit by unit (the chapter's sigmoid), so that dC/dz^L_j = dC/da^L_j phi'(z^L_j). The softmax
a_j = e^{z_j} / sum_k e^{z_k} couples the units of one example: its Jacobian is
da_j/dz_k = a_j (delta_jk - a_k), so for g = dC/da, row by row, dC/dz = a * (g - a . g). With
the log-likelihood cost C = -ln a_y (:func:`analytic.core.costs.log_likelihood`) this is
a - y (Nielsen, chapter 3), the number :meth:`~analytic.core.costs.Cost.output_delta` writes.

``get_output(name)`` parses "softmax" or the name of a registered activation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Activation, get_activation

Array = np.ndarray


@dataclass(frozen=True)
class Softmax:
    """The softmax output layer: a = e^z / sum(e^z) over the units of each example (the last
    axis), a probability over the classes.

    It answers what the code asks of an output layer (``f``, ``spec``, ``label``,
    ``logistic``) and adds ``log`` (ln a, exact where a underflows) and ``backward`` (the
    Jacobian's product).

    >>> a = Softmax().f(np.array([[0.0, np.log(3.0)]]))
    >>> [round(float(v), 12) for v in a[0]]
    [0.25, 0.75]
    """

    name = "softmax"
    symbol = "softmax"
    #: not the logistic sigmoid (the cross-entropy's shortcut asks)
    logistic = False

    @property
    def spec(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.name

    def log(self, z: Array) -> Array:
        """ln a = z - ln sum(e^z), the sum taken from the largest z down (no overflow)."""
        z = np.asarray(z, dtype=float)
        top = z.max(axis=-1, keepdims=True)
        return z - top - np.log(np.exp(z - top).sum(axis=-1, keepdims=True))

    def f(self, z: Array) -> Array:
        """a = e^z / sum(e^z), each example's row summing to 1."""
        z = np.asarray(z, dtype=float)
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def backward(self, a: Array, grad_a: Array) -> Array:
        """dC/dz from g = dC/da: the Jacobian's transpose times g, a * (g - a . g) per row."""
        return a * (grad_a - np.sum(a * grad_a, axis=-1, keepdims=True))


#: An output layer: an elementwise activation or the softmax.
Output = Activation | Softmax


def get_output(spec: str | Output) -> Output:
    """The output layer named ``spec``: "softmax", or a registered activation ("sigmoid").

    >>> get_output(" Softmax ").label, get_output("sigmoid").label
    ('softmax', 'sigmoid')
    """
    if isinstance(spec, (Activation, Softmax)):
        return spec
    if spec.strip().lower() == Softmax.name:
        return Softmax()
    return get_activation(spec)
