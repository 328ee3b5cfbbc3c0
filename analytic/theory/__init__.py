"""Theory the learner can run: the chapter's problems, exploding gradients, mean-field theory.

Imports ``core`` only.
"""
