"""The depth scales and the trainability map (``analytic theory depth-scale``, ``analytic
experiment trainability``): key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- theory depth-scale ----------------------------------------------------------------------
    "depth.title": {
        "en": "Depth scales of wide random networks: {act}, σ_w² = {sw2}, σ_b² = {sb2}",
        "ja": "幅の広いランダムなネットワークの深さスケール：{act}、σ_w² = {sw2}、σ_b² = {sb2}",
    },
    "depth.q_star": {"en": "  q* = {q}  (fixed point of the variance map)", "ja": "  q* = {q}（分散写像の固定点）"},
    "depth.c_star": {"en": "  c* = {c}  (fixed point of the correlation map)", "ja": "  c* = {c}（相関写像の固定点）"},
    "depth.chi": {"en": "  χ₁ = {chi1}, χ_c = {chi_c}: {phase}", "ja": "  χ₁ = {chi1}、χ_c = {chi_c}：{phase}"},
    "depth.xi": {
        "en": "  ξ_q = {xi_q} layers, ξ_c = {xi_c} layers; trainable to a depth of about 6ξ_c = {six}",
        "ja": "  ξ_q = {xi_q} 層、ξ_c = {xi_c} 層；訓練できる深さの目安 6ξ_c = {six}",
    },
    "depth.critical": {
        "en": "  The order–chaos line at σ_b² = {sb2}: σ_w² = {sw2}",
        "ja": "  σ_b² = {sb2} での秩序とカオスの境界：σ_w² = {sw2}",
    },
    "depth.no_critical": {
        "en": "  No order–chaos line at σ_b² = {sb2} for σ_w² up to 100",
        "ja": "  σ_b² = {sb2} では σ_w² が 100 以下に秩序とカオスの境界がない",
    },
    "depth.ordered": {"en": "ordered (inputs become alike, gradients vanish)", "ja": "秩序相（入力は似ていき、勾配は消失する）"},
    "depth.chaotic": {"en": "chaotic (inputs decorrelate, gradients explode)", "ja": "カオス相（入力の相関は失われ、勾配は爆発する）"},
    "depth.critical_phase": {"en": "on the order–chaos line", "ja": "秩序とカオスの境界上"},
    "depth.diverges": {"en": "∞ (diverges)", "ja": "∞（発散）"},
    "depth.none": {"en": "none (q* unbounded)", "ja": "なし（q* は有界でない）"},
    "depth.definitions": {
        "en": "ξ_q = −1/ln χ_q (χ_q: the variance map's slope at q*), ξ_c = −1/ln χ_c "
        "(Schoenholz et al. 2017, eqs. 6 and 8).",
        "ja": "ξ_q = −1/ln χ_q（χ_q：q* での分散写像の傾き）、ξ_c = −1/ln χ_c（Schoenholz ら 2017、式 6 と 8）。",
    },
    "depth.curve": {"en": "Along σ_w² at σ_b² = {sb2}", "ja": "σ_b² = {sb2} で σ_w² を変えたとき"},
    "depth.line": {"en": "The order–chaos line", "ja": "秩序とカオスの境界"},
    "depth.col.sigma_w2": {"en": "σ_w²", "ja": "σ_w²"},
    "depth.col.sigma_b2": {"en": "σ_b²", "ja": "σ_b²"},
    "depth.col.critical_sigma_w2": {"en": "critical σ_w²", "ja": "臨界 σ_w²"},
    "depth.col.q_star": {"en": "q*", "ja": "q*"},
    "depth.col.c_star": {"en": "c*", "ja": "c*"},
    "depth.col.chi1": {"en": "χ₁", "ja": "χ₁"},
    "depth.col.chi_c": {"en": "χ_c", "ja": "χ_c"},
    "depth.col.xi_q": {"en": "ξ_q", "ja": "ξ_q"},
    "depth.col.xi_c": {"en": "ξ_c", "ja": "ξ_c"},
    "depth.fig.title": {"en": "Depth scales: {act}, σ_b² = {sb2}", "ja": "深さスケール：{act}、σ_b² = {sb2}"},
    "depth.fig.scale": {"en": "depth scale (layers)", "ja": "深さスケール（層）"},
    "depth.fig.line": {"en": "order–chaos line", "ja": "秩序とカオスの境界"},
    "depth.fig.phases": {"en": "The order–chaos line", "ja": "秩序とカオスの境界"},
    "depth.fig.ordered": {"en": "ordered", "ja": "秩序相"},
    "depth.fig.chaotic": {"en": "chaotic", "ja": "カオス相"},
    # --- experiment trainability -----------------------------------------------------------------
    "train_map.title": {
        "en": "Trainability: validation accuracy after {steps} SGD steps, depth × σ_w² at σ_b² = {sb2}",
        "ja": "訓練可能性：SGD {steps} ステップ後の検証精度、深さ × σ_w²（σ_b² = {sb2}）",
    },
    "train_map.setup": {
        "en": "{act} hidden layers of {width} units, weights N(0, σ_w²/n_in), biases N(0, σ_b²), {output} output; {training}; {networks} network(s) a cell, accuracy on {validation} validation digits",
        "ja": "{act} の隠れ層（各 {width} ユニット）、重み N(0, σ_w²/n_in)、バイアス N(0, σ_b²)、出力層は {output}；{training}；1 マスあたり {networks} 個のネットワーク、検証用の数字画像 {validation} 枚での精度",
    },
    "train_map.table": {"en": "Mean accuracy (rows: hidden layers; columns: σ_w²)", "ja": "平均精度（行：隠れ層の数、列：σ_w²）"},
    "train_map.col.depth": {"en": "depth", "ja": "深さ"},
    "train_map.row.xi_c": {"en": "ξ_c", "ja": "ξ_c"},
    "train_map.row.six": {"en": "6ξ_c", "ja": "6ξ_c"},
    "train_map.critical": {
        "en": "Theory (mean field): the order–chaos line is at σ_w² = {sw2}, where ξ_c diverges; the paper's prediction: a network trains when its depth is at most about 6ξ_c.",
        "ja": "理論（平均場）：秩序とカオスの境界は σ_w² = {sw2} にあり、そこで ξ_c は発散する。論文の予測：深さが 6ξ_c 程度以下のネットワークは訓練できる。",
    },
    "train_map.agreement": {
        "en": "Cells that train (accuracy ≥ {level}): {trained} of {cells}; inside depth ≤ 6ξ_c {inside_trained} of {inside}, beyond it {outside_trained} of {outside}.",
        "ja": "訓練できたマス（精度 {level} 以上）：{cells} マス中 {trained}；深さ ≤ 6ξ_c の内側では {inside} マス中 {inside_trained}、外側では {outside} マス中 {outside_trained}。",
    },
    "train_map.diverged": {"en": "Runs that diverged: {count}", "ja": "発散した訓練：{count}"},
    "train_map.fig.title": {"en": "Trainability of {act} networks (σ_b² = {sb2}, {steps} steps)", "ja": "{act} ネットワークの訓練可能性（σ_b² = {sb2}、{steps} ステップ）"},
    "train_map.fig.accuracy": {"en": "validation accuracy", "ja": "検証精度"},
    "train_map.fig.depth": {"en": "hidden layers L", "ja": "隠れ層の数 L"},
    "train_map.timing": {
        "en": "took {seconds} s with {jobs} job(s); a full grid (every depth 1–50 × {columns} σ_w²) would take about {full} min here",
        "ja": "所要 {seconds} 秒（ジョブ {jobs} 個）；全グリッド（深さ 1–50 のすべて × σ_w² {columns} 個）ならここで約 {full} 分",
    },
}
