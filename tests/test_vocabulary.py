"""One option vocabulary: every weight scheme form works wherever a scheme is taken, every
command speaks Japanese, and every list of values a help shows is exactly what the option
accepts.

References: the laws written out here (N(0, 0.1²), N(0, 100/n_in), ...), the registered
names of :data:`analytic.core.activations.ACTIVATIONS`, and each option's own parser asked
directly; Japanese is told from English by its script (kana and kanji) and by the English words
of the same command's English output that are left in it.
"""

from __future__ import annotations

import inspect
import re
from enum import Enum

import pytest
from helpers import command as analytic
from helpers import invoke

from analytic.core.activations import ACTIVATIONS

#: A small run of every command that draws or trains networks (they all take --init or
#: --setup), with the option that takes the scheme.
SCHEME_TAKERS = {
    "experiment init-norms": ["--networks", "2", "--images", "50", "--hidden", "2"],
    "experiment compare-inits": ["--networks", "1", "--images", "50", "--hidden", "2",
                                 "--activation", "tanh"],
    "experiment training-speed": ["--epochs", "2", "--images", "50", "--hidden", "2"],
    "experiment depth-accuracy": ["--epochs", "1", "--images", "50", "--validation", "50",
                                  "--max-hidden", "1"],
    "experiment dying-relu": ["--epochs", "1", "--images", "20", "--validation", "10",
                              "--records", "1", "--hidden", "1", "--networks", "1",
                              "--activation", "relu"],
    "experiment remedies": ["--remedy", "plain", "--networks", "1", "--epochs", "1",
                            "--images", "50", "--validation", "50", "--hidden", "2"],
    "theory predict": ["--networks", "2", "--images", "50", "--hidden", "2"],
}
SETUP_TAKERS = {
    "experiment saturation": ["--epochs", "1", "--images", "20", "--validation", "10",
                              "--records", "1", "--hidden", "1", "--width", "3"],
    "experiment histograms": ["--images", "20", "--hidden", "1", "--width", "5"],
}
#: Forms of a scheme as users write them, and the law each must be printed as.
FORMS = [("normal:0.1", "N(0, 0.1²)"), ("scaled:10", "N(0, 100/n_in)"),
         (" HE ", "N(0, 2/n_in)"), ("Normal:std=0.5", "N(0, 0.5²)"),
         ("Standard", "U(±1/√n_in)")]


def run(path: str, *args: str, tmp_path=None):
    out = ["--out", str(tmp_path)] if tmp_path is not None and _writes_files(path) else []
    return invoke(*path.split(), *args, *out)


def _writes_files(path: str) -> bool:
    return any(p.name == "out" for p in _command(path).params)


def _command(path: str):
    group = analytic
    for word in path.split():
        group = group.commands[word]
    return group


# --- every scheme form, everywhere a scheme is taken ---------------------------------------------
@pytest.mark.parametrize("form, law", FORMS)
@pytest.mark.parametrize("path", sorted(SCHEME_TAKERS))
def test_every_scheme_form_runs_and_prints_its_law(path, form, law, tmp_path):
    result = run(path, *SCHEME_TAKERS[path], "--init", form, tmp_path=tmp_path)
    assert result.exit_code == 0, (path, form, result.output)
    # the remedies' rows are titled by the scheme's short name (He, Xavier, standard; a law
    # otherwise), theory predict's source by the option's own spelling
    shown = {"experiment remedies": {"N(0, 2/n_in)": "He", "U(±1/√n_in)": "standard"}.get(
                 law, law),
             "theory predict": form.strip().lower().replace("std=", "")}.get(path, law)
    assert shown in result.stdout, (path, form)


@pytest.mark.parametrize("form, law", FORMS)
@pytest.mark.parametrize("path", sorted(SETUP_TAKERS))
def test_every_scheme_form_works_in_a_setup_and_titles_it_with_its_law(path, form, law,
                                                                      tmp_path):
    result = run(path, *SETUP_TAKERS[path], "--setup", f"tanh/{form}", tmp_path=tmp_path)
    assert result.exit_code == 0, (path, form, result.output)
    assert f"(weights {law})" in result.stdout


# --- Japanese on every command -------------------------------------------------------------------
def _commands(group=analytic, path=()):
    for name, sub in getattr(group, "commands", {}).items():
        if getattr(sub, "commands", None):
            yield from _commands(sub, (*path, name))
        else:
            yield " ".join((*path, name)), sub


#: A small run of every command (the table needs its name).
SMALL = {
    **SCHEME_TAKERS, **SETUP_TAKERS,
    "check": ["--trials", "2", "--depth", "3"],
    "derive": ["--depth", "3"],
    "figures": ["--only", "sigmoid_window"],
    "table": ["vanishing", "--chains", "20", "--depth", "3"],
    "problem larger-derivative": ["--chains", "50", "--depth", "4"],
    "experiment neuron-bars": ["--images", "50"],
    "experiment batch-norm-scales": ["--scale", "0.1", "--epochs", "1", "--images", "100",
                                    "--validation", "100", "--watch-epochs", "1"],
    "experiment rnn": ["--networks", "2", "--steps", "10"],
    "theory depth-scale": ["--points", "3", "--sigma-w2", "1"],
    "experiment trainability": ["--depth", "2", "--sigma-w2", "1", "--images", "50",
                                "--validation", "50", "--epochs", "1", "--jobs", "1"],
    "experiment saturation": [*SETUP_TAKERS["experiment saturation"], "--setup",
                              "sigmoid/scaled"],
    "reproduce": ["--quick", "--reference", "meanfield,variance-glorot"],
    "slides": ["--only", "chain,relu"],  # tests/test_slides.py reads every slide back
}
#: Words both languages share: names of functions, schemes (the names the options take), data
#: sets, libraries and file types.
NAMES = {*ACTIVATIONS, "softmax", "gaussian", "scaled", "standard", "xavier", "normal", "MNIST",
         "Shapeset", "SymPy", "NumPy", "mpmath", "sympy", "diff", "findroot", "simplify",
         "Nesterov", "Glorot", "Bengio", "Pascanu", "Xavier", "Leaky", "PReLU", "RReLU", "ReLU",
         "LReLU", "experiment", "init", "norms", "mean",  # mean(...) in a formula
         "LSTM", "Ioffe", "Szegedy",
         # the authors reproduce cites, the data sets their papers used, and options it names
         "Nielsen", "Mikolov", "Poole", "Schoenholz", "ImageNet", "pickle", "data", "quick",
         "LSTM"}  # and the quiz's cell-state question
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def english_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[A-Za-z]{4,}", text) if w not in NAMES}


@pytest.mark.parametrize("path, command", sorted(_commands()), ids=[p for p, _ in
                                                                    sorted(_commands())])
def test_every_command_speaks_japanese_with_lang_ja(path, command, tmp_path):
    assert any(p.name == "lang" for p in command.params), f"{path} has no --lang"
    english = run(path, *SMALL.get(path, []), tmp_path=tmp_path / "en")
    japanese = run(path, *SMALL.get(path, []), "--lang", "ja", tmp_path=tmp_path / "ja")
    assert english.exit_code in (0, 1) and japanese.exit_code == english.exit_code, (
        path, japanese.output)
    if path == "figures":  # it prints the files it wrote; their words are in the figures
        return
    assert JAPANESE.search(japanese.stdout), path
    left = english_words(english.stdout) & english_words(japanese.stdout)
    assert left == set(), (path, sorted(left))


def test_the_language_comes_from_analytic_lang_unless_lang_is_given(monkeypatch):
    monkeypatch.setenv("ANALYTIC_LANG", "ja")
    assert JAPANESE.search(invoke("derive", "--depth", "2").stdout)
    assert not JAPANESE.search(invoke("derive", "--depth", "2", "--lang", "en").stdout)


# --- help lists what the option accepts ----------------------------------------------------------
def _info(path: str, name: str):
    """The option's declaration: its type and its typer OptionInfo (parser, callback)."""
    annotation = inspect.signature(_command(path).callback).parameters[name].annotation
    return annotation.__origin__, annotation.__metadata__[0]


def _refused(read, value) -> bool:
    try:
        read(value)
    except Exception as e:  # the parser's refusal is a click BadParameter
        assert "BadParameter" in type(e).__name__, e
        return True
    return False


def _activation_options():
    # every --activation that takes registered names (larger-derivative also takes sigmoid*c)
    for path, command in _commands():
        for param in command.params:
            if param.name == "activation" and path != "problem larger-derivative":
                yield path, param


def _listed(help_text: str) -> set[str]:
    # "...: name, name, name; a parameter follows a colon: ...", or ending with ". Default:"
    names = help_text.split(";")[0].split(". Default")[0].rsplit(": ", 1)[1]
    return {n.strip(" .") for n in names.split(",")}


@pytest.mark.parametrize("path, param", list(_activation_options()),
                         ids=[p for p, _ in _activation_options()])
def test_an_activation_option_lists_exactly_the_registered_names_it_accepts(path, param):
    listed = _listed(param.help)
    assert listed <= set(ACTIVATIONS), (path, listed)
    read = _info(path, "activation")[1].parser
    for name in ACTIVATIONS:
        assert _refused(read, name) == (name not in listed), (path, name)


def test_the_commands_that_take_only_some_activations_list_only_those():
    rectifiers = _listed(_option("experiment dying-relu", "activation").help)
    bounded = _listed(_option("experiment rnn", "activation").help)
    assert rectifiers == {"relu", "leaky_relu", "prelu", "rrelu", "elu"}
    assert bounded == {"sigmoid", "tanh"}


def _option(path: str, name: str):
    return next(p for p in _command(path).params if p.name == name)


@pytest.mark.parametrize("path, command", sorted(_commands()), ids=[p for p, _ in
                                                                    sorted(_commands())])
def test_a_format_option_accepts_exactly_the_formats_it_shows(path, command):
    kind, info = _info(path, "format")
    param = _option(path, "format")
    if isinstance(kind, type) and issubclass(kind, Enum):  # a choice lists its choices
        shown, accepted = [v.value for v in kind], lambda v: v in {k.value for k in kind}
    else:  # a format with a hint for a value that once was one shows them as its metavar
        shown = re.findall(r"\w+", param.metavar)
        accepted = lambda v: not _refused(info.callback, v)  # noqa: E731
    assert "text" in shown and "json" in shown, path
    assert '|'.join(shown) in invoke(*path.split(), "--help").stdout.replace(" ", "")
    for fmt in ("text", "markdown", "csv", "latex", "json", "png", "svg", "pdf", "xml"):
        assert accepted(fmt) == (fmt in shown), (path, fmt)


def test_the_same_option_has_the_same_range_on_every_command():
    # the limits table is the only source: every command shows a quantity's range alike
    spans: dict[str, set[str]] = {}
    for _, command in _commands():
        for param in command.params:
            found = re.search(r"\(([-\d,.e+]+ to [-\d,.e+]+|in [(\[].*?[)\]])\)", param.help or "")
            if found and param.name not in ("layer", "depth"):
                spans.setdefault(param.name, set()).add(found.group(1))
    differing = {name: s for name, s in spans.items() if len(s) > 1}
    assert differing == {}


@pytest.mark.parametrize("path, command", sorted(_commands()), ids=[p for p, _ in
                                                                    sorted(_commands())])
def test_every_help_text_reads_as_sentences_rewrapped_to_the_terminal(path, command):
    # a docstring joined with unindented text keeps its indentation, which the help's rewrap
    # shows as runs of spaces inside a sentence ("weight decay     λ")
    shown = invoke(*path.split(), "--help").stdout
    description = shown.split("Options:")[0].splitlines()[1:]
    runs = [line for line in description if re.search(r"\S {2,}\S", line)]
    assert runs == [], (path, runs)
