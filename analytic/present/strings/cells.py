"""Gated recurrent cells (``experiment rnn --cell``, ``derive --tied --cell lstm``):
key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # the cells by name
    "cells.name.vanilla": {"en": "vanilla RNN", "ja": "単純な RNN"},
    "cells.name.lstm": {"en": "LSTM", "ja": "LSTM"},
    "cells.name.gru": {"en": "GRU", "ja": "GRU"},
    # experiment rnn --cell: the report
    "cells.heading": {
        "en": "Gradients through time in gated cells at initialisation: ‖∂C/∂h_t‖ for C = vᵀh_T "
        "(‖v‖ = 1), the same inputs and read-out for every cell",
        "ja": "初期化直後のゲート付きセルの時間方向の勾配：C = vᵀh_T（‖v‖ = 1）の ‖∂C/∂h_t‖"
        "（どのセルも入力と読み出しは同じ）",
    },
    "cells.equations.vanilla": {
        "en": "vanilla: h_t = {act}(W h_(t−1) + U x_t)",
        "ja": "単純な RNN：h_t = {act}(W h_(t−1) + U x_t)",
    },
    "cells.equations.lstm": {
        "en": "LSTM (no peepholes): i, f, o = σ(W_k h_(t−1) + U_k x_t + b_k), g = tanh(…), "
        "c_t = f⊙c_(t−1) + i⊙g, h_t = o⊙tanh c_t",
        "ja": "LSTM（のぞき穴結合なし）：i, f, o = σ(W_k h_(t−1) + U_k x_t + b_k)、g = tanh(…)、"
        "c_t = f⊙c_(t−1) + i⊙g、h_t = o⊙tanh c_t",
    },
    "cells.equations.gru": {
        "en": "GRU (Cho et al. 2014): r, z = σ(…), h̃ = tanh(W (r⊙h_(t−1)) + U x_t), "
        "h_t = z⊙h_(t−1) + (1 − z)⊙h̃",
        "ja": "GRU（Cho ら 2014）：r, z = σ(…)、h̃ = tanh(W (r⊙h_(t−1)) + U x_t)、"
        "h_t = z⊙h_(t−1) + (1 − z)⊙h̃",
    },
    "cells.network": {
        "en": "{units} units, {inputs} inputs x_t ~ N(0, {std}²), T = {steps} steps; {samples} "
        "random networks per ρ, every recurrent block W_k = ρ·G_k/ρ(G_k), G_k ~ N(0, 1/n); "
        "seed {seed}",
        "ja": "ユニット {units} 個、入力 {inputs} 次元 x_t ~ N(0, {std}²)、T = {steps} ステップ；"
        "ρ ごとに {samples} 個のランダムなネットワーク、どの再帰ブロックも W_k = ρ·G_k/ρ(G_k)"
        "（G_k ~ N(0, 1/n)）；シード {seed}",
    },
    "cells.bias": {
        "en": "biases 0 but the keep gate's (the LSTM's forget gate f, the GRU's update gate z): "
        "{bias}, so the keep gate is σ({bias}) = {keep} where its input is its bias alone",
        "ja": "バイアスは保持ゲート（LSTM の忘却ゲート f、GRU の更新ゲート z）以外 0、保持ゲートは "
        "{bias}：入力がバイアスだけなら保持ゲートは σ({bias}) = {keep}",
    },
    "cells.path": {
        "en": "keep path: the error carried back by the keep gate alone, ∏ f_k (the LSTM's "
        "constant error carousel, from δc_T) or ∏ z_k (the GRU's, from v)",
        "ja": "保持経路：保持ゲートだけで運ばれる誤差 ∏ f_k（LSTM の定誤差カルーセル、δc_T から）"
        "または ∏ z_k（GRU、v から）",
    },
    "cells.title": {
        "en": "‖∂C/∂h₁‖, T − 1 steps back from the cost, per cell and spectral radius ρ",
        "ja": "セルとスペクトル半径 ρ ごとの ‖∂C/∂h₁‖（誤差から T − 1 ステップさかのぼった勾配）",
    },
    "cells.block": {"en": "cell", "ja": "セル"},
    "cells.note": {
        "en": "medians and percentiles over the networks; rate: median of "
        "(‖∂C/∂h₁‖/‖∂C/∂h_T‖)^(1/{steps}); linearised: the rate of the network with no "
        "input (state 0, every gate at σ(bias)); δc₁: the error reaching the memory cell c₁, "
        "h₁ = o₁ tanh c₁ following it",
        "ja": "中央値とパーセンタイルはネットワーク間；倍率：(‖∂C/∂h₁‖/‖∂C/∂h_T‖)^(1/{steps}) の"
        "中央値；線形化：入力のないネットワーク（状態 0、どのゲートも σ(バイアス)）の倍率；"
        "δc₁：記憶セル c₁ に届く誤差（h₁ = o₁ tanh c₁ も c₁ とともに動く）",
    },
    "cells.col.rho": {"en": "ρ", "ja": "ρ"},
    "cells.col.log10_norm_h1_median": {"en": "log₁₀‖∂C/∂h₁‖", "ja": "log₁₀‖∂C/∂h₁‖"},
    "cells.col.log10_norm_h1_p10": {"en": "10 %", "ja": "10 %"},
    "cells.col.log10_norm_h1_p90": {"en": "90 %", "ja": "90 %"},
    "cells.col.rate_median": {"en": "rate", "ja": "倍率"},
    "cells.col.linear_rate_median": {"en": "linearised", "ja": "線形化"},
    "cells.col.keep_gate_median": {"en": "keep gate", "ja": "保持ゲート"},
    "cells.col.log10_path_h1_median": {"en": "log₁₀ keep path", "ja": "log₁₀ 保持経路"},
    "cells.col.path_rate_median": {"en": "its rate", "ja": "その倍率"},
    "cells.col.log10_cell_h1_median": {"en": "log₁₀‖δc₁‖", "ja": "log₁₀‖δc₁‖"},
    # experiment rnn --cell: the figure
    "fig.rnn_cells": {
        "en": "Gradients through time at initialisation: {cells}\n"
        "({n} units, keep-gate bias {bias})",
        "ja": "初期化直後の時間方向の勾配：{cells}\n（ユニット {n} 個、保持ゲートのバイアス {bias}）",
    },
    "cells.fig.and": {"en": ", ", "ja": "、"},
    "cells.fig.norm": {"en": r"$\|\partial C/\partial h_t\|$", "ja": r"$\|\partial C/\partial h_t\|$"},
    "cells.fig.t": {"en": "step $t$ (cost at $T$ = {steps})", "ja": "ステップ $t$（誤差は $T$ = {steps}）"},
    "cells.fig.rho": {"en": r"$\rho$ = {rho}", "ja": r"$\rho$ = {rho}"},
    "cells.fig.path": {
        "en": r"keep path alone: $\prod f_k$ (LSTM), $\prod z_k$ (GRU)",
        "ja": r"保持経路のみ：$\prod f_k$（LSTM）、$\prod z_k$（GRU）",
    },
    "cells.fig.legend": {
        "en": "median and 10–90 % band over {samples} networks per ρ",
        "ja": "ρ ごとに {samples} 個のネットワークの中央値と 10–90 % の帯",
    },
}

STRINGS.update({
    # derive --tied --cell lstm
    "carousel.head": {
        "en": "One-unit LSTM unrolled for {steps}, weights tied, no peepholes ({status}):",
        "ja": "ユニットが一つだけの LSTM を {steps}分展開（重みは全ステップで共有、のぞき穴結合なし）"
        "（{status}）：",
    },
    "carousel.along": {
        "en": "along the constant error carousel (each step differentiated in c_(t−1) with "
        "h_(t−1), and so every gate, held):",
        "ja": "定誤差カルーセルに沿って（各ステップを h_(t−1) とすべてのゲートを固定して "
        "c_(t−1) で微分）：",
    },
    "carousel.gate": {
        "en": "f_t = σ(w_f h_(t−1) + u_f x_t + b_f)",
        "ja": "f_t = σ(w_f h_(t−1) + u_f x_t + b_f)",
    },
    "carousel.full": {
        "en": "in full (h_t = o_t tanh c_t follows c_t, the gates follow h_(t−1)): a sum of "
        "{paths} products, one per path through c and h, the carousel one of them:",
        "ja": "完全な微分（h_t = o_t tanh c_t は c_t に、ゲートは h_(t−1) に従って動く）："
        "c と h を通る経路ごとの積 {paths} 個の和で、カルーセルはその一つ：",
    },
    "carousel.jacobian": {
        "en": "J_t = ∂(c_t, h_t)/∂(c_(t−1), h_(t−1))",
        "ja": "J_t = ∂(c_t, h_t)/∂(c_(t−1), h_(t−1))",
    },
    "carousel.example": {
        "en": "at the first random LSTM of the checks: carousel {carousel}, full {full}",
        "ja": "検証で使った最初のランダムな LSTM では：カルーセル {carousel}、完全な微分 {full}",
    },
    # its checks: name and detail of each, in the words of analytic.chain.carousel_checks
    "check.carousel_factor.name": {
        "en": "symbolic: carousel factor ∂c_t/∂c_(t−1) = f_t (SymPy diff)",
        "ja": "カルーセルの因子 ∂c_t/∂c_(t−1) = f_t（SymPy の diff、記号計算）",
    },
    "check.carousel_factor.detail": {
        "en": "exact at each of the {factors} steps",
        "ja": "{factors} 個のステップのすべてで厳密に一致",
    },
    "check.carousel_jacobian.name": {
        "en": "symbolic: step Jacobian = the LSTM's equations",
        "ja": "各ステップのヤコビ行列 = LSTM の式（記号計算）",
    },
    "check.carousel_jacobian.detail": {
        "en": "all 4 entries of ∂(c_t, h_t)/∂(c_(t−1), h_(t−1)) match exactly",
        "ja": "∂(c_t, h_t)/∂(c_(t−1), h_(t−1)) の 4 成分すべてが厳密に一致",
    },
    "check.carousel_cut.name": {
        "en": "symbolic: carousel = full derivative with the gates cut from h",
        "ja": "カルーセル = ゲートを h から切り離したときの完全な微分（記号計算）",
    },
    "check.carousel_cut.detail": {
        "en": "at w_i = w_f = w_g = w_o = 0, ∂c_t/∂h_(t−1) = 0 and the product is ∏ f_t, "
        "at every depth",
        "ja": "w_i = w_f = w_g = w_o = 0 なら ∂c_t/∂h_(t−1) = 0 で、積はどの深さでも ∏ f_t",
    },
    "check.nested_full.name": {
        "en": "symbolic: full derivative = fully nested sympy.diff",
        "ja": "完全な微分 = 完全に入れ子にした式の sympy.diff（記号計算）",
    },
    "check.nested_full.detail": {
        "en": "difference simplifies to 0 (checked for depth <= {max_depth})",
        "ja": "差を簡約すると 0（この検証は深さ <= {max_depth} で実行）",
    },
    "check.nested_full.short": {
        "en": "fully nested sympy.diff", "ja": "完全に入れ子にした式の sympy.diff",
    },
    "check.carousel_bptt.name": {
        "en": "numeric: carousel and full = backpropagation through time (NumPy)",
        "ja": "カルーセルと完全な微分 = NumPy による通時的誤差逆伝播法（数値計算）",
    },
    "check.carousel_bptt.detail": {
        "en": "max relative error {error} over {trials} random LSTMs (tolerance {tolerance})",
        "ja": "ランダムな LSTM {trials} 個での最大相対誤差 {error}（許容誤差 {tolerance}）",
    },
    "check.carousel_fd.name": {
        "en": "numeric: carousel and full = mpmath finite differences",
        "ja": "カルーセルと完全な微分 = mpmath による有限差分（数値計算）",
    },
    "check.carousel_fd.detail": {
        "en": "max relative error {error} over {trials} random LSTMs (tolerance {tolerance})",
        "ja": "ランダムな LSTM {trials} 個での最大相対誤差 {error}（許容誤差 {tolerance}）",
    },
})
