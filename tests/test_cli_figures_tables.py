"""The figures and table commands: files written, one-line errors with exit code 2."""

import csv
import io
import json

import pytest
from helpers import assert_one_line_error, invoke

_invoke = invoke


def test_figures_writes_the_requested_figures_and_prints_their_paths(tmp_path):
    out = tmp_path / "f"
    result = _invoke("figures", "--out", str(out), "--figure", "svg",
                     "--only", "sigmoid_window", "--only", "sigmoid_derivative")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["sigmoid_derivative.svg",
                                                     "sigmoid_window.svg"]
    assert str(out / "sigmoid_window.svg") in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--only", "nope"], "unknown figure 'nope'; choose from:"),
        (["--figure", "gif"], "--figure: 'gif' is not one of png, svg, pdf"),
        (["--format", "svg"], "--format: 'svg' is a file type: give it as --figure"),
        (["--format", "xml"], "--format: 'xml' is not one of text, json"),
        (["--lang", "fr"], "'fr' is not one of en, ja"),
        (["--style", "poster"], "--style: 'poster' is not one of paper, slides"),
    ],
)
def test_figures_bad_options_give_one_line_and_exit_code_2(tmp_path, args, message):
    assert_one_line_error(_invoke("figures", "--out", str(tmp_path), *args), message)
    assert list(tmp_path.iterdir()) == []


def test_figures_out_that_is_a_file_gives_one_line_and_exit_code_2(tmp_path):
    (tmp_path / "taken").write_text("x")
    assert_one_line_error(_invoke("figures", "--out", str(tmp_path / "taken")), "is a file")


def test_table_explosion_csv_has_ratios_25_to_the_k():
    result = _invoke("table", "explosion", "--depth", "6", "--format", "csv")
    assert result.exit_code == 0
    for row in csv.DictReader(io.StringIO(result.output)):
        assert float(row["backprop"]) == pytest.approx(25.0 ** int(row["k"]), rel=1e-9)


def test_table_vanishing_json_reports_samples_seed_and_blocks():
    result = _invoke("table", "vanishing", "--depth", "3", "--chains", "50", "--seed", "4",
                     "--format", "json", "--activation", "sigmoid", "--activation", "gelu")
    data = json.loads(result.output)
    assert (data["samples"], data["seed"]) == (50, 4)
    assert [b["name"] for b in data["blocks"]] == ["sigmoid", "gelu"]
    assert data["blocks"][0]["rows"][2]["bound"] == pytest.approx(0.25**3, rel=1e-12)


def test_table_text_in_japanese_has_japanese_headers():
    result = _invoke("table", "explosion", "--depth", "2", "--lang", "ja")
    assert result.exit_code == 0 and "勾配爆発" in result.output and "相対差" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope"], "'nope' is not one of"),
        (["vanishing", "--depth", "0"], "--depth: must be an integer from 1 to 200, got 0"),
        (["explosion", "--weight", "0"], "--weight: must be a number with 1e-6 ≤ |w| ≤ 1e6"),
        (["activations", "--chains", "5"], "--chains does not apply to the activations table"),
        (["vanishing", "--activation", "bogus"], "unknown activation 'bogus'; choose from"),
        (["explosion", "--format", "xls"], "'xls' is not one of"),
    ],
)
def test_table_bad_requests_give_one_line_and_exit_code_2(args, message):
    assert_one_line_error(_invoke("table", *args), message)


def _cells(line: str) -> int:
    # cells of a markdown row: split on pipes that are not escaped
    import re

    return len(re.split(r"(?<!\\)\|", line.strip())) - 2


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_markdown_tables_have_as_many_cells_in_every_row_as_in_the_separator(lang):
    out = _invoke("table", "vanishing", "--depth", "2", "--chains", "20", "--lang", lang,
                  "--format", "markdown").stdout
    rows = [line for line in out.splitlines() if line.startswith("|")]
    separators = [line for line in rows if set(line) <= set("|-: ")]
    assert separators and all(_cells(r) == _cells(separators[0]) for r in rows)


def test_figures_help_names_every_gallery_figure():
    from analytic.present.figures import GALLERY

    text = " ".join(_invoke("figures", "--help").stdout.split())
    assert all(name in text for name in GALLERY)


def test_an_activation_whose_parameters_hold_commas_stays_one_item_in_a_list():
    out = _invoke("table", "vanishing", "--depth", "1", "--chains", "10", "--format", "csv",
                  "--activation", "rrelu:0.125,0.333,tanh", "--activation", "leaky_relu:0.2").stdout
    names = sorted({row["activation"] for row in csv.DictReader(io.StringIO(out))})
    assert names == ["leaky_relu:slope=0.2", "rrelu:lower=0.125,upper=0.333", "tanh"]
