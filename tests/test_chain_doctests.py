"""The examples in the chain modules' docstrings run and show what they say."""

import doctest
import importlib

import pytest

MODULES = ["analytic.chain.derive", "analytic.chain.tied", "analytic.chain.verify",
           "analytic.chain.references", "analytic.chain.zero_test", "analytic.core.recurrent"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
