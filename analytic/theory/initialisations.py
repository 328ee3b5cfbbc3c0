"""The weight initialisations a learner meets, side by side: each one's law, what it keeps
from layer to layer, the activation it was derived for, and the names it goes by.

The sources, and what each derives (for a layer with n_in inputs and n_out outputs):

- LeCun, Bottou, Orr and Müller (1998), "Efficient BackProp", Section 4.6: weights of mean 0
  and standard deviation n_in^(−1/2), so that a unit's weighted input has variance 1 when its
  inputs do (for their scaled tanh 1.7159 tanh(2x/3)): N(0, 1/n_in), or U(±√(3/n_in));
- Glorot and Bengio (2010), "Understanding the difficulty of training deep feedforward neural
  networks": the "commonly used heuristic" U(±1/√n_in) (their eq. 1, variance 1/(3 n_in)),
  which shrinks the variance threefold a layer, and their "normalized initialization"
  U(±√(6/(n_in + n_out))) (eq. 16, variance 2/(n_in + n_out)): the compromise between keeping
  the forward variance (n_in Var[w] = 1) and the backward one (n_out Var[w] = 1), for units in
  their linear regime (tanh, softsign near 0);
- He, Zhang, Ren and Sun (2015), "Delving deep into rectifiers": for ReLU, n_in Var[w] = 2
  keeps the forward variance (eq. 10), n_out Var[w] = 2 the backward one (eq. 14); for PReLU
  with slope a, 2/((1 + a²) n);
- Saxe, McClelland and Ganguli (2013), "Exact solutions to the nonlinear dynamics of learning
  in deep linear neural networks": a random orthogonal matrix times a gain, every singular
  value equal to the gain.

What each keeps is computed here as mean-field theory's χ₁ (:mod:`.meanfield`) for the
activation the scheme was derived for, between layers of equal width (σ_w² = n Var[w]) and
with zero biases: 1 when the scheme keeps the gradient's size, 1/3 for the heuristic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.activations import get_activation
from .meanfield import chi

Variance = Callable[[int, int], float]


@dataclass(frozen=True)
class Scheme:
    """One initialisation: a key (its strings' and its row's name), its law, Var[w] for
    (n_in, n_out), the activation it was derived for, what it keeps (a key: forward, backward,
    average, shrinks, singular) and the ``--init`` form that draws it here, if any."""

    key: str
    law: str
    variance: Variance
    activation: str
    keeps: str
    init: str = ""

    def sigma_w2(self, n_in: int, n_out: int) -> float:
        """n_in Var[w]: the factor by which the layer multiplies the variance of its inputs
        (for units in their linear regime)."""
        return n_in * self.variance(n_in, n_out)

    def chi1(self, width: int = 100) -> float:
        """χ₁ of its activation between two layers of ``width`` units, σ_b = 0."""
        return chi(get_activation(self.activation), self.sigma_w2(width, width) ** 0.5,
                   0.0).chi1


SCHEMES: tuple[Scheme, ...] = (
    Scheme("lecun_normal", "N(0, 1/n_in)", lambda n_in, n_out: 1 / n_in, "tanh", "forward",
           "scaled"),
    Scheme("lecun_uniform", "U(±√(3/n_in))", lambda n_in, n_out: 1 / n_in, "tanh", "forward"),
    Scheme("glorot_heuristic", "U(±1/√n_in)", lambda n_in, n_out: 1 / (3 * n_in), "tanh",
           "shrinks", "standard"),
    Scheme("glorot_normal", "N(0, 2/(n_in + n_out))", lambda n_in, n_out: 2 / (n_in + n_out),
           "tanh", "average"),
    Scheme("glorot_uniform", "U(±√(6/(n_in + n_out)))", lambda n_in, n_out: 2 / (n_in + n_out),
           "tanh", "average", "xavier"),
    Scheme("he_normal", "N(0, 2/n_in)", lambda n_in, n_out: 2 / n_in, "relu", "forward", "he"),
    Scheme("he_fan_out", "N(0, 2/n_out)", lambda n_in, n_out: 2 / n_out, "relu", "backward"),
    Scheme("he_uniform", "U(±√(6/n_in))", lambda n_in, n_out: 2 / n_in, "relu", "forward"),
    Scheme("orthogonal", "g·O(n)", lambda n_in, n_out: 1 / max(n_in, n_out), "linear",
           "singular", "orthogonal:G"),
)

#: PyTorch's ``torch.nn.init.calculate_gain``: the gain a framework multiplies the laws by.
TORCH_GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5 / 3, "relu": 2**0.5, "selu": 3 / 4}


def tanh_chi1_with_torch_gain() -> float:
    """χ₁ of tanh with PyTorch's gain 5/3 on N(0, 1/n) weights and zero biases: above 1, so
    the gain puts tanh networks on the chaotic side of the edge.

    >>> round(tanh_chi1_with_torch_gain(), 4)
    1.2098
    """
    return chi(get_activation("tanh"), TORCH_GAINS["tanh"], 0.0).chi1
