"""The NumPy forms of the activations that need care in float64: the sigmoid exact in both
tails, softplus without overflow, and the normal distribution function for GELU.

Each is checked against its SymPy expression in ``tests/test_activations.py``, as every NumPy
form is.
"""

from __future__ import annotations

import math

import numpy as np

Array = np.ndarray


# --- the sigmoid -------------------------------------------------------------------------------
# From one exponential e = exp(-z):
#   sigma(z) = 1 / (1 + e),  sigma(-z) = e sigma(z) = e / (1 + e),  sigma'(z) = sigma(z) sigma(-z).
# Each is a product or quotient of positive numbers, never a difference such as 1 - sigma, so
# each keeps full relative precision in both tails. Where e is infinite (z < -709.78, where
# sigma(z) = 1 / inf = 0 as in float64) e sigma(z) is inf * 0 = NaN instead of sigma(-z) = 1:
# the product raises the invalid flag exactly then, and only then fmin (which passes over NaN)
# puts the 1 back. At z > 745, e = 0 gives sigma = 1 and sigma' = 0. No select by sign, no
# branch per value: a layer costs one exponential and one division for both phi and phi'.
def _sigmoid_buffers(z: Array) -> tuple[Array, Array]:
    # (sigma(z), e) in buffers of their own, 0-d arrays included
    e = np.negative(z, out=np.empty_like(z))
    np.exp(e, out=e)
    sigma = np.add(e, 1.0, out=np.empty_like(z))
    return np.reciprocal(sigma, out=sigma), e


def _prime(sigma: Array, e: Array) -> Array:
    # sigma(z) sigma(-z), written over e; NumPy raises after the whole product is written
    try:
        with np.errstate(invalid="raise"):
            np.multiply(e, sigma, out=e)
    except FloatingPointError:
        np.fmin(e, 1.0, out=e)
    return np.multiply(e, sigma, out=e)


def sigmoid(z: Array) -> Array:
    with np.errstate(over="ignore", under="ignore"):
        return _sigmoid_buffers(np.asarray(z, dtype=float))[0]


def sigmoid_prime(z: Array) -> Array:
    with np.errstate(over="ignore", under="ignore"):
        return _prime(*_sigmoid_buffers(np.asarray(z, dtype=float)))


def sigmoid_and_prime(z: Array) -> tuple[Array, Array]:
    with np.errstate(over="ignore", under="ignore"):
        sigma, e = _sigmoid_buffers(np.asarray(z, dtype=float))
        return sigma, _prime(sigma, e)


erfc = np.vectorize(math.erfc, otypes=[float])  # NumPy has no erf; scipy is not a dependency


def normal_cdf(z: Array) -> Array:
    # Phi(z) = erfc(-z / sqrt 2) / 2 keeps full relative precision in the left tail, where
    # (1 + erf(z / sqrt 2)) / 2 would cancel to 0
    return 0.5 * erfc(-np.asarray(z, dtype=float) / math.sqrt(2.0))


def gelu_prime(z: Array) -> Array:
    # d/dz z Phi(z) = Phi(z) + z phi(z), with phi the standard normal density
    z = np.asarray(z, dtype=float)
    return normal_cdf(z) + z * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)


def softplus(z: Array) -> Array:
    # log(1 + e^z) = max(z, 0) + log(1 + e^{-|z|}): no overflow at z = 1000
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
