"""Write the learning path's notebooks, in English and Japanese, from one definition.

Usage: python tools/build_notebooks.py [--check]

notebooks/en/NN-NAME.ipynb and notebooks/ja/NN-NAME.ipynb: one notebook per stage of the
learning path (the chain and the bound 1/4, tanh and the ReLU family, exploding gradients and
the window, the chapter's experiments, the remedies, inside the layers, signal propagation) and
an interactive explorer. Every cell is written here once: markdown in both languages, code
the same in both apart from ``LANG``. The notebooks hold no outputs (the reader runs them);
they use the public API only, and their first cell installs the package where it is missing
(Colab). tests/test_notebooks.py executes them all (nbclient, the ``notebook`` extra) and
checks that the committed files are what this tool writes. With --check nothing is written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
LANGUAGES = ("en", "ja")
#: The distribution the first cell installs where ``import analytic`` fails (Colab).
DISTRIBUTION = "analytic-gradients"


@dataclass(frozen=True)
class Cell:
    kind: str  # "markdown" or "code"
    text: dict[str, str]  # language -> source (code: one source for both)


def md(en: str, ja: str) -> Cell:
    return Cell("markdown", {"en": en.strip(), "ja": ja.strip()})


def code(source: str) -> Cell:
    return Cell("code", {lang: source.strip() for lang in LANGUAGES})


INSTALL = code(f'''
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("analytic") is None:  # on Colab: install the package first
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "{DISTRIBUTION}"])
''')

SETUP = code('''
from IPython.display import Image, Markdown, display

import analytic

LANG = "{lang}"  # "en" or "ja": the language of the tables and figures


def show(name, data=None, style="paper"):
    """Figure ``name`` (drawn from ``data``, or the gallery's own data) in LANG."""
    display(Image(analytic.figure_bytes(name, data, LANG, style, "png")))


def table(result):
    """A result's report, in LANG, as a markdown table."""
    display(Markdown(analytic.render(analytic.report(result, LANG), "markdown")))
''')


NOTEBOOKS: dict[str, tuple[dict[str, str], list[Cell]]] = {
    "01-chain": ({"en": "The chain network and the bound 1/4",
                  "ja": "連鎖ネットワークと上界 1/4"}, [
        md("""
A chain has one neuron per layer: $z_j = w_j a_{j-1} + b_j$, $a_j = \\sigma(z_j)$. The chapter
shows that the gradient reaching the first bias is a product with one factor
$w_j \\sigma'(z_j)$ per layer. SymPy derives it here, with the activation left abstract.""", """
連鎖ネットワークは各層にニューロンが 1 つだけのネットワークです：$z_j = w_j a_{j-1} + b_j$、
$a_j = \\sigma(z_j)$。本章は、最初のバイアスに届く勾配が層ごとに 1 つの因子 $w_j \\sigma'(z_j)$
を持つ積になることを示します。ここでは SymPy が活性化関数を抽象のまま導出します。"""),
        code("d = analytic.derive_chain(4)\nd"),
        md("""
The derivation is checked apart from deriving it: against SymPy's chain rule, one nested
`diff` of the whole cost, and a NumPy backpropagation at random chains.""", """
導出とは別に検証します：SymPy の連鎖律、コスト全体を一度に `diff` した結果、そして
ランダムな連鎖での NumPy 逆伝播と比べます。"""),
        code("v = analytic.verify(d)\nv.verified, [c.name for c in v.checks]"),
        md("""
Each factor holds $\\sigma'(z_j)$, and the sigmoid's derivative is at most $1/4$, at $z = 0$.
With $|w_j| \\le 1$ every factor is at most $1/4$, so after $k$ layers the gradient has shrunk by
at least $4^k$: the vanishing gradient.""", """
各因子には $\\sigma'(z_j)$ が入り、シグモイドの導関数は $z = 0$ で最大値 $1/4$ をとります。
$|w_j| \\le 1$ なら各因子は $1/4$ 以下なので、$k$ 層さかのぼると勾配は少なくとも $4^k$ 分の 1
になります。これが勾配消失です。"""),
        code('sigmoid = analytic.get_activation("sigmoid")\n'
             'sigmoid.peak_prime, sigmoid.steepest_point'),
        code('show("sigmoid_derivative")'),
        code('show("gradient_product")'),
        md("""
**Try it**: derive a deeper chain, another layer (`layer=3`), or another activation
(`activation=analytic.get_activation("tanh")`).""", """
**やってみよう**：もっと深い連鎖、別の層（`layer=3`）、別の活性化関数
（`activation=analytic.get_activation("tanh")`）で導出してみましょう。"""),
        code('analytic.derive_chain(6, layer=3, activation=analytic.get_activation("tanh"))'),
    ]),
    "02-activations": ({"en": "tanh and the ReLU family", "ja": "tanh と ReLU の仲間"}, [
        md("""
tanh's derivative reaches 1, four times the sigmoid's peak, but it still vanishes in both
tails. ReLU's derivative is exactly 1 for $z > 0$ and 0 below: no shrinking factor while a
unit is active, but a unit that is never active passes no gradient at all.""", """
tanh の導関数はシグモイドの最大値の 4 倍の 1 に達しますが、両側の裾では依然として消えます。
ReLU の導関数は $z > 0$ でちょうど 1、それ以下で 0 です。活性なユニットでは勾配を縮めませんが、
一度も活性にならないユニットは勾配をまったく通しません。"""),
        code('show("tanh_derivative")'),
        code('show("relu_family")'),
        md("""
Leaky ReLU, PReLU and RReLU change only the side $z < 0$: a fixed small slope, a slope the
network learns, and a slope drawn at random in training (its mean at test time).""", """
Leaky ReLU、PReLU、RReLU が変えるのは $z < 0$ の側だけです。固定の小さな傾き、
ネットワークが学習する傾き、学習中にランダムに引く傾き（テスト時はその平均）です。"""),
        code('for name in ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu"):\n'
             '    facts = analytic.activation_facts(analytic.get_activation(name))\n'
             '    print(f"{name:11s} max φ′ = {facts.max_prime:.4g}")'),
        code('show("modern_activations")'),
        code('show("derivative_comparison")'),
    ]),
    "03-exploding": ({"en": "Exploding gradients and the window", "ja": "勾配爆発と窓"}, [
        md("""
Large weights can make every factor $w_j\\sigma'(z_j)$ larger than 1. Choosing the biases so
that every $z_j$ sits at the steepest point, each layer multiplies the gradient by $W/4$ for
the sigmoid: with $W = 100$, by 25.""", """
重みが大きいと、すべての因子 $w_j\\sigma'(z_j)$ が 1 を超えることがあります。すべての $z_j$
が最も急な点に来るようにバイアスを選ぶと、シグモイドでは各層が勾配を $W/4$ 倍します。
$W = 100$ なら 25 倍です。"""),
        code("e = analytic.explode(100, 5)\ne.factor_value, float(e.gradient_value)"),
        md("""
But $|w\\sigma'(wa + b)| \\ge 1$ only holds in a narrow window of inputs $a$, and in none
when $|w| < 4$: the gradient is unstable, vanishing or exploding, rarely just right.""", """
しかし $|w\\sigma'(wa + b)| \\ge 1$ が成り立つのは入力 $a$ の狭い窓の中だけで、
$|w| < 4$ なら窓はありません。勾配は不安定で、消えるか爆発するかで、ちょうどよいことは
まれです。"""),
        code('show("sigmoid_window")'),
        code("w = analytic.widest_window()\nw.argmax_abs_w, w.max_width"),
        code('show("window_width")'),
    ]),
    "04-experiments": ({"en": "The chapter's experiments on MNIST", "ja": "MNIST での本章の実験"}, [
        md("""
How fast does each hidden layer learn? The speed of layer $l$ is $\\|\\partial C/\\partial
b^l\\|$ over the training digits. At initialisation the earlier layers learn much more
slowly, here over a few networks of the chapter's set-up on the embedded digits.""", """
各隠れ層はどのくらい速く学習するでしょうか。層 $l$ の学習の速さは、学習用の数字全体での
$\\|\\partial C/\\partial b^l\\|$ です。初期化直後は前の層ほどずっと遅く学習します。ここでは
同梱の数字で、本章の設定のネットワークをいくつか使います。"""),
        code("recipe = analytic.Recipe(hidden=4, images=300, validation=0)\n"
             "speeds = analytic.init_norms(recipe, networks=10)\ntable(speeds)"),
        md("""
During full-batch training the speeds fall together and stay apart: the first layer keeps
learning slowest.""", """
フルバッチ学習の間、各層の速さはそろって下がり、差は開いたままです。最初の層は最も遅い
ままです。"""),
        code("run = analytic.training_speed(analytic.Recipe(\n"
             "    hidden=4, batch_size=None, eta=0.1, lmbda=5.0, epochs=100, images=300,"
             " validation=0))\n"
             'show("training_speed", run)'),
    ]),
    "05-remedies": ({"en": "The remedies", "ja": "対策"}, [
        md("""
What makes a deep network trainable? One deep network trained with a few remedies side by
side: the chapter's plain sigmoid network, ReLU with He's initialisation, and batch
normalisation (a short run: few digits and epochs).""", """
何が深いネットワークを学習可能にするのでしょうか。1 つの深いネットワークをいくつかの対策で
並べて学習します：本章のシグモイドのままのネットワーク、He の初期化の ReLU、
バッチ正規化（数字もエポックも少ない短い実行です）。"""),
        code("from analytic.experiments.remedies import BASE\n\n"
             "rows = [r for r in analytic.REMEDIES if r.name in ('plain', 'relu', 'batch_norm')]\n"
             "base = BASE.but(epochs=2, images=300, validation=300)\n"
             "result = analytic.remedies(rows, base, networks=1)\ntable(result)"),
        code('show("remedies", result)'),
    ]),
    "06-inside": ({"en": "Inside the layers", "ja": "層の内側"}, [
        md("""
The histograms of each layer's activations and errors at initialisation show why: with
$N(0, 1)$ weights sigmoid units saturate, with tiny weights they all sit at $1/2$ and the
errors shrink layer by layer towards the input.""", """
初期化直後の各層の活性値と誤差のヒストグラムを見ると理由が分かります。重みが $N(0, 1)$ なら
シグモイドのユニットは飽和し、重みがとても小さければすべて $1/2$ に集まり、誤差は入力に
向かって層ごとに縮みます。"""),
        code("histograms = analytic.layer_histograms()\n"
             'show("layer_histograms", histograms)\nshow("delta_histograms", histograms)'),
        md("""
In a recurrent network the same weight matrix multiplies the gradient at every step back in
time: it vanishes when the spectral radius is small and explodes when it is large.""", """
再帰型ネットワークでは、時間をさかのぼる各ステップで同じ重み行列が勾配に掛かります。
スペクトル半径が小さければ消え、大きければ爆発します。"""),
        code("rnn = analytic.recurrent_gradients(samples=20)\nshow('rnn_gradients', rnn)"),
    ]),
    "07-signal": ({"en": "Signal propagation: mean field and the edge of chaos",
                   "ja": "信号の伝播：平均場とカオスの縁"}, [
        md("""
Mean-field theory predicts the factor by which the gradient changes per layer in a wide
random network, $\\sqrt{\\chi_1}$ with $\\chi_1 = \\sigma_w^2\\,E[\\phi'(z)^2]$: below 1 it
vanishes, above 1 it explodes, and at $\\chi_1 = 1$, the edge of chaos, it is preserved.""", """
平均場理論は、幅の広いランダムなネットワークで層ごとに勾配が何倍になるかを
$\\chi_1 = \\sigma_w^2\\,E[\\phi'(z)^2]$ として $\\sqrt{\\chi_1}$ と予測します。1 より小さければ
消え、大きければ爆発し、$\\chi_1 = 1$（カオスの縁）では保たれます。"""),
        code('tanh = analytic.get_activation("tanh")\n'
             "for sigma_w in (0.5, 1.0, 1.5, 2.5):\n"
             "    m = analytic.chi(tanh, sigma_w, 0.5)\n"
             '    print(f"σ_w = {sigma_w}: √χ₁ = {m.chi1 ** 0.5:.3f}")'),
        code('show("tanh_phase_diagram")'),
    ]),
    "08-explorer": ({"en": "Explorer: the product, the window and the gradients",
                     "ja": "探索：積、窓、勾配"}, [
        md("""
Move the sliders: the weight $w$ and bias $b$ of every layer of a chain, its depth and its
activation. The left panel draws the factor $|w\\phi'(wa + b)|$ against the input $a$ (the
window where it exceeds 1), the right one $|\\partial C/\\partial b_j|$ of every layer, from the
library's backpropagation.""", """
スライダーを動かしてみましょう：連鎖のすべての層の重み $w$ とバイアス $b$、深さ、活性化関数
です。左のパネルは入力 $a$ に対する因子 $|w\\phi'(wa + b)|$（1 を超える窓）、右のパネルは
ライブラリの逆伝播による各層の $|\\partial C/\\partial b_j|$ です。"""),
        code('''
import io

import ipywidgets as widgets
import matplotlib_fontja  # noqa: F401  (Japanese glyphs for the labels)
import numpy as np
from matplotlib.figure import Figure

LABELS = {"en": ("input a", "layer j"), "ja": ("入力 a", "層 j")}[LANG]


def explore(w=6.0, b=-3.0, depth=10, activation="sigmoid"):
    phi = analytic.get_activation(activation)
    a = np.linspace(-1.0, 2.0, 601)
    net = analytic.chain_network([w] * depth, [b] * depth, phi)
    grads = analytic.backprop(net, [[0.5]], [[0.0]])
    layers = np.arange(1, depth + 1)
    fig = Figure(figsize=(10, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2)
    left.plot(a, np.abs(w * phi.prime(w * a + b)))
    left.axhline(1.0, color="0.5", linestyle="--")
    left.set(xlabel=LABELS[0], ylabel="|w φ′(wa + b)|")
    right.semilogy(layers, [max(abs(float(g[0, 0])), 1e-300) for g in grads.deltas], "o-")
    right.set(xlabel=LABELS[1], ylabel="|∂C/∂b_j|")
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=100)
    display(Image(png.getvalue()))


explore()  # once as it starts; the sliders below redraw it
'''),
        code('''
widgets.interact(explore, w=widgets.FloatSlider(6.0, min=-10, max=10, step=0.1),
                 b=widgets.FloatSlider(-3.0, min=-10, max=10, step=0.1),
                 depth=widgets.IntSlider(10, min=1, max=30),
                 activation=["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu"])
'''),
    ]),
}


def notebook(name: str, lang: str) -> dict:
    """The notebook ``name`` in ``lang``, as nbformat 4 JSON."""
    title, cells = NOTEBOOKS[name]
    heading = md(f"# {title['en']}", f"# {title['ja']}")
    body = [heading, INSTALL, SETUP, *cells]
    return {
        "cells": [_cell(c, lang, i) for i, c in enumerate(body)],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                    "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }


def _cell(cell: Cell, lang: str, index: int) -> dict:
    source = cell.text[lang].replace("{lang}", lang)
    lines = source.splitlines(keepends=True)
    digest = hashlib.sha256(f"{index}\n{cell.kind}\n{source}".encode()).hexdigest()[:12]
    base = {"cell_type": cell.kind, "id": digest,  # the same every build
            "metadata": {}, "source": lines}
    if cell.kind == "code":
        base.update(execution_count=None, outputs=[])
    return base


def files() -> dict[str, bytes]:
    """Every notebook's path under notebooks/ -> its bytes."""
    return {f"{lang}/{name}.ipynb": (json.dumps(notebook(name, lang), ensure_ascii=False,
                                                indent=1) + "\n").encode()
            for lang in LANGUAGES for name in NOTEBOOKS}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build_notebooks.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a committed notebook differs")
    args = parser.parse_args(argv)
    wanted = files()
    if args.check:
        stale = [p for p, b in wanted.items()
                 if not (FOLDER / p).is_file() or (FOLDER / p).read_bytes() != b]
        for path in stale:
            print(f"notebooks/{path}: not what tools/build_notebooks.py writes")
        print(f"{len(stale)} notebook(s) differ" if stale else "every notebook is up to date")
        return 1 if stale else 0
    from analytic.present.output import write_files

    for lang in LANGUAGES:
        (FOLDER / lang).mkdir(parents=True, exist_ok=True)
    for path in write_files(FOLDER, wanted):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
