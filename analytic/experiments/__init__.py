"""Experiments on real MNIST digits: which layers learn and how fast, and what helps.

Imports ``core``, ``train`` and, where a measurement meets a prediction, ``theory``.
"""
