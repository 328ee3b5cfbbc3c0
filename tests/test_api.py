"""The Python API: what ``analytic`` exports, and that no submodule shadows an exported name."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import analytic

ROOT = Path(__file__).resolve().parents[1]


def test_every_exported_name_is_the_object_and_no_submodule_shadows_it():
    # importing every submodule sets package attributes; none may replace an exported name
    for info in pkgutil.walk_packages(analytic.__path__, "analytic."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    for name in analytic.__all__:
        value = getattr(analytic, name)
        assert not isinstance(value, type(analytic)), f"analytic.{name} is a module"
    net = analytic.chain_network([1.0, 2.0], [0.0, 0.5])
    grads = analytic.backprop(net, [[0.3]], [[0.0]])  # the README's call
    assert len(grads.nabla_b) == 2


def test_dir_lists_the_api_and_the_version_is_pyprojects():
    assert set(analytic.__all__) <= set(dir(analytic))
    # read without tomllib, which Python 3.10 lacks
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    assert analytic.__version__ == version[1]


def test_a_result_from_the_api_shows_itself_in_a_notebook_as_its_report():
    # the reference: the report rendered as markdown, the same table a command prints
    result = analytic.init_norms(analytic.Recipe(hidden=2, images=20, validation=0), networks=2)
    shown = result._repr_markdown_()
    assert shown == analytic.render(analytic.report(result), "markdown")
    assert "| hidden layer |" in shown


def test_a_derivation_shows_itself_in_display_style():
    assert analytic.derive_chain(2)._repr_latex_().startswith(r"$\displaystyle \frac")


def test_type_checkers_see_every_lazily_loaded_name_as_the_object_it_is():
    # analytic/__init__.pyi imports what __init__.py's table loads on first use: the same
    # names from the same modules, and nothing else (py.typed ships it)
    import ast
    from pathlib import Path

    package = Path(analytic.__file__).parent
    stub = ast.parse((package / "__init__.pyi").read_text())
    imported = {}
    for node in stub.body:
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                imported[alias.asname or alias.name] = (node.module, alias.name)
    assert imported == analytic._EXPORTS
    listed = next(n.value for n in stub.body if isinstance(n, ast.Assign)
                  and n.targets[0].id == "__all__")
    assert [e.value for e in listed.elts] == analytic.__all__
    assert (package / "py.typed").is_file()
