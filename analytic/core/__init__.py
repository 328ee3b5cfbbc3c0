"""The facts everything else builds on: activations, costs, the backprop, initialisations, limits.

Pure NumPy and SymPy; nothing here imports another area of the package.
"""
