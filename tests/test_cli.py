"""The core commands through typer's CliRunner: output, JSON keys, exit codes, one-line errors."""

import json

import pytest
from helpers import assert_one_line_error, invoke


def run(*args):
    return invoke(*args)


def test_derive_text_shows_the_chapters_product_and_says_it_was_verified():
    result = run("derive", "--depth", "4")
    assert result.exit_code == 0
    assert "∂C/∂b₁ = σ′(z₁)·w₂·σ′(z₂)·w₃·σ′(z₃)·w₄·σ′(z₄)·∂C/∂a₄" in result.output
    assert "(verified)" in result.output and "FAILED" not in result.output


def test_derive_json_has_the_documented_keys_and_one_factor_per_term():
    result = run("derive", "--depth", "3", "--layer", "2", "--activation", "tanh",
                 "--cost", "cross-entropy", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"depth", "layer", "activation", "cost", "product", "latex", "factors", "verified",
            "checks"} <= set(data)
    chain = (data["depth"], data["layer"], data["activation"], data["cost"])
    assert chain == (3, 2, "tanh", "cross-entropy")
    assert data["factors"] == ["tanh′(z₂)", "w₃", "tanh′(z₃)", "∂C/∂a₃"]
    assert data["verified"] is True and all(c["passed"] for c in data["checks"])


def test_derive_latex_is_one_formula_for_a_math_environment():
    result = run("derive", "--depth", "2", "--format", "latex")
    assert result.exit_code == 0
    assert result.output.strip().startswith(r"\frac{\partial C}{\partial b_{1}} = \sigma'")


def test_check_json_reports_both_errors_below_tolerance_and_passes():
    result = run("check", "--depth", "5", "--trials", "20", "--activation", "relu",
                 "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["trials"] == 20 and data["passed"] is True
    assert data["max_rel_error_backprop"] < 1e-9 and data["max_rel_error_finite_difference"] < 1e-9


def test_check_exits_1_when_the_backprop_disagrees(monkeypatch):
    import analytic.chain.verify as symbolic

    real = symbolic.backprop

    def doubled(*args, **kwargs):
        g = real(*args, **kwargs)
        return type(g)([2 * nb for nb in g.nabla_b], g.nabla_w, g.deltas, g.zs, g.activations)

    monkeypatch.setattr(symbolic, "backprop", doubled)
    result = run("check", "--depth", "3", "--trials", "3")
    assert result.exit_code == 1 and "FAILED" in result.output


@pytest.mark.parametrize(
    "args, says",
    [
        (("derive", "--depth", "0"), "from 1 to 2,000"),
        (("derive", "--depth", "2001"), "from 1 to 2,000"),
        (("derive", "--depth", "abc"), "--depth"),
        (("derive", "--depth", "3", "--layer", "4"), "from 1 to the depth (3)"),
        (("derive", "--layer", "0"), "must be an integer from 1"),
        (("derive", "--activation", "softmaxx"), "sigmoid, tanh, relu, leaky_relu"),
        (("derive", "--activation", "leaky_relu:abc"), "must be a number"),
        (("derive", "--cost", "hinge"), "quadratic, cross-entropy"),
        (("derive", "--format", "xml"), "not one of text, latex, json"),
        (("check", "--trials", "0"), "from 1 to 100,000"),
        (("check", "--trials", "x"), "--trials"),
        (("check", "--depth", "-1"), "from 1 to 2,000"),
        (("check", "--cost", "nope"), "quadratic, cross-entropy"),
        # an option the chosen mode does not use is refused, never silently ignored
        (("derive", "--weight", "5"), "--weight is used only with --explode"),
        (("derive", "--explode", "--layer", "2"), "--layer is not used with --explode"),
        (("derive", "--explode", "--layer", "1"), "--layer is not used with --explode"),
        (("derive", "--explode", "--cost", "cross-entropy"), "--cost is not used with --explode"),
        (("derive", "--explode", "--seed", "3"), "--seed is not used with --explode"),
        (("derive", "--tied", "--layer", "2"), "--layer is not used with --tied"),
        (("derive", "--tied", "--weight", "2"), "--weight is used only with --explode"),
        (("derive", "--tied", "--explode"), "choose one"),
        (("derive", "--tied", "--depth", "2001"), "from 1 to 2,000"),
    ],
)
def test_bad_input_is_one_line_naming_the_valid_choices_with_exit_code_2(args, says):
    assert_one_line_error(run(*args), says)


def test_no_arguments_print_the_help_and_succeed():
    result = run()
    assert result.exit_code == 0 and "derive" in result.output and "check" in result.output


def test_python_dash_m_analytic_reports_a_bad_depth_in_one_line_with_exit_code_2():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "analytic", "derive", "--depth", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    expected = "error: --depth: must be an integer from 1 to 2,000, got 0"
    assert done.stderr.strip().splitlines() == [expected]


def test_a_missing_dependency_at_start_up_is_one_line_naming_the_install_command():
    import subprocess
    import sys

    # sys.modules[name] = None makes `import typer` fail as if typer were not installed
    code = ("import sys, runpy; sys.modules['typer'] = None; "
            "runpy.run_module('analytic', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", code, "derive"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: analytic needs the package 'typer'; install it with: pip install -e ."
    ]


def test_a_missing_dependency_inside_a_command_is_one_line(monkeypatch, tmp_path):
    import sys

    # a command imports threadpoolctl only when it runs (to hold BLAS to one thread)
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)
    result = run("figures", "--out", str(tmp_path), "--only", "sigmoid_derivative")
    assert_one_line_error(
        result,
        "error: analytic needs the package 'threadpoolctl'; install it with: pip install -e .",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("group", [(), ("problem",), ("theory",), ("experiment",)])
def test_every_command_summary_in_the_help_is_a_whole_sentence(group):
    listing = run(*group, "--help").stdout.partition("Commands:")[2]
    summaries = [line.split(None, 1)[1] for line in listing.splitlines() if line.strip()]
    assert summaries and all(s.endswith((".", "?")) and "..." not in s for s in summaries)


def test_h_is_help_and_version_prints_the_version():
    import analytic

    assert run("-h").stdout == run("--help").stdout
    assert run("derive", "-h").exit_code == 0 and "--depth" in run("derive", "-h").stdout
    assert run("--version").stdout.strip() == f"analytic {analytic.__version__}"


def test_derive_tied_text_shows_w_phi_prime_per_step_and_is_checked_against_bptt():
    result = run("derive", "--tied", "--depth", "3")
    assert result.exit_code == 0
    assert "∂C/∂h₁ = w·σ′(z₂)·w·σ′(z₃)·∂C/∂h₃" in result.output
    assert "(verified)" in result.output and "backpropagation through time" in result.output


def test_derive_tied_json_and_latex_name_the_state_gradient():
    data = json.loads(run("derive", "--tied", "--depth", "4", "--activation", "tanh",
                          "--format", "json").output)
    assert data["tied"] is True and "layer" not in data
    assert (data["depth"], data["gradient"], data["verified"]) == (4, "∂C/∂h1", True)
    assert data["factors"] == ["w", "tanh′(z₂)", "w", "tanh′(z₃)", "w", "tanh′(z₄)", "∂C/∂h₄"]
    latex = run("derive", "--tied", "--depth", "2", "--format", "latex").output.strip()
    assert latex == (r"\frac{\partial C}{\partial h_{1}} = w \, \sigma'\left(z_{2}\right) \, "
                     r"\frac{\partial C}{\partial h_{2}}")


def test_explode_honours_its_own_weight_and_depth():
    result = run("derive", "--explode", "--weight", "5", "--depth", "3", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["weight"] == 5 and data["depth"] == 3


def test_derive_depth_2000_json_lists_every_factor_and_verifies():
    # one lambdified 4000-operand product would exceed Python's recursion limit
    result = run("derive", "--depth", "2000", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["verified"] is True and len(data["factors"]) == 4000
    assert data["checks_not_run"] == ["fully nested sympy.diff: not run (depth > 8)"]


def test_derive_gelu_at_depth_8_says_which_check_it_skipped_before_starting_it():
    result = run("derive", "--depth", "8", "--activation", "gelu", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["verified"] is True and [c["name"] for c in data["checks"]] == [
        "symbolic: product form = SymPy chain rule", "numeric: = NumPy backprop"]
    assert data["checks_not_run"][0].startswith("fully nested sympy.diff: not run (estimated cost")
    text = run("derive", "--depth", "8", "--activation", "gelu").output
    assert "  [--] fully nested sympy.diff: not run" in text
