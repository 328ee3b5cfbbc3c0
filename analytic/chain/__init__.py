"""The chain network of the chapter: its gradient derived by SymPy, and checked.

Imports ``core`` only.
"""
