"""Inside the layers (histograms, saturation, dead units, the recurrent net):
key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # inside the layers: figures
    "fig.layer_histograms": {
        "en": "Activations $a$ of each hidden layer at initialisation",
        "ja": "初期化直後の各隠れ層の活性値 $a$",
    },
    "fig.delta_histograms": {
        "en": r"Errors $\delta = \partial C/\partial z$ of each hidden layer at initialisation",
        "ja": r"初期化直後の各隠れ層の誤差 $\delta = \partial C/\partial z$",
    },
    "fig.rnn_gradients": {
        "en": "Gradients through time in random recurrent networks ({act}, {n} units)",
        "ja": "ランダムな再帰型ネットワークの時間方向の勾配（{act}、ユニット {n} 個）",
    },
    "fig.saturation": {
        "en": "Each hidden layer's activations during training",
        "ja": "学習中の各隠れ層の活性値",
    },
    "fig.dead_units": {
        "en": "Dead units during training: ReLU against its variants",
        "ja": "学習中の死んだユニット：ReLU とその派生",
    },
    "inside.fig.accuracy": {"en": "validation accuracy", "ja": "検証データの正解率"},
    "inside.fig.accuracy_short": {"en": "accuracy", "ja": "正解率"},
    "inside.fig.sat_mean": {"en": "mean of $a$", "ja": "$a$ の平均"},
    "inside.fig.sat_median": {"en": "median of $a$", "ja": "$a$ の中央値"},
    "inside.fig.sat_band": {
        "en": "2nd to 98th percentile of $a$", "ja": "$a$ の 2〜98 パーセンタイル",
    },
    "inside.fig.sat_legend": {
        "en": "activations $a$ of each hidden layer over {images} validation digits and its units",
        "ja": "各隠れ層の活性値 $a$（検証用の画像 {images} 枚とその層のユニットにわたる）",
    },
    "inside.fig.diverged": {
        "en": "diverged in epoch {epoch}", "ja": "エポック {epoch} で発散",
    },
    "inside.fig.dead": {
        "en": r"dead units ($z \leq 0$ on every validation digit)",
        "ja": r"死んだユニット（検証用のすべての画像で $z \leq 0$）",
    },
    "inside.fig.dead_legend": {
        "en": "hidden biases start at N(−{shift}, 1); median and {band} band over {seeds} "
        "networks",
        "ja": "隠れ層のバイアスの初期値は N(−{shift}, 1)；{seeds} 個のネットワークの中央値と {band} の帯",
    },
    "inside.fig.layer": {"en": "layer {l}", "ja": "第 {l} 層"},
    "inside.fig.a": {"en": "$a$", "ja": "$a$"},
    "inside.fig.delta": {"en": r"$\delta$", "ja": r"$\delta$"},
    "inside.fig.saturated": {"en": "{percent} saturated", "ja": "飽和 {percent}"},
    "inside.fig.inactive": {"en": "{percent} inactive", "ja": "不活性 {percent}"},
    "inside.fig.std": {"en": "std {value}", "ja": "標準偏差 {value}"},
    "inside.fig.rms": {"en": "rms {value}", "ja": "rms {value}"},
    "inside.fig.overflow": {
        "en": "values pass $10^{{145}}$\nat layer {layer}:\nnothing to show",
        "ja": "第 {layer} 層で\n$10^{{145}}$ を超え\n表示できない",
    },
    "inside.fig.hist_note": {
        "en": "each panel: share of (image, neuron) pairs per bin, on its own vertical scale",
        "ja": "各パネル：ビンごとの（画像, ニューロン）の組の割合（縦軸はパネルごと）",
    },
    "inside.fig.t": {
        "en": "step $t$ (the cost reads $h_T$, $T$ = {steps})",
        "ja": "ステップ $t$（誤差は $h_T$ から、$T$ = {steps}）",
    },
    "inside.fig.norm": {
        "en": r"$\Vert\partial C/\partial h_t\Vert$",
        "ja": r"$\Vert\partial C/\partial h_t\Vert$",
    },
    "inside.fig.unclipped": {"en": "without clipping", "ja": "クリッピングなし"},
    "inside.fig.clipped": {
        "en": "what the learner uses after clipping at $c$ = {clip}",
        "ja": "$c$ = {clip} でクリッピングした後に学習に使われる値",
    },
    "inside.fig.rho": {"en": r"$\rho$ = {rho} ({percent})", "ja": r"$\rho$ = {rho}（{percent}）"},
    "inside.fig.legend": {
        "en": "spectral radius $\\rho$ of $W$ (share of networks clipped): median and 10–90 % "
        "band over {samples} networks",
        "ja": "$W$ のスペクトル半径 $\\rho$（クリップされたネットワークの割合）：{samples} 個のネットワークの"
        "中央値と 10–90 % の帯",
    },
    # inside the layers: tables
    "inside.hist.heading": {
        "en": "Inside the layers at initialisation: activations a, weighted inputs z and errors "
        "δ = ∂C/∂z of each hidden layer",
        "ja": "初期化直後の各隠れ層の中身：活性値 a、重み付き入力 z、誤差 δ = ∂C/∂z",
    },
    "inside.hist.digits": {
        "en": "fed {digits} at initialisation; network 0 of seed {seed} for every set-up",
        "ja": "初期化直後に {digits} を入力；どの設定もシード {seed} の 0 番目のネットワーク",
    },
    "inside.hist.saturated": {
        "en": "saturated: share of a within {percent} of either end of φ's range; inactive "
        "(rectifiers): share of z ≤ 0",
        "ja": "飽和：a が φ の値域の両端から {percent} 以内にある割合；不活性（ReLU 系）：z ≤ 0 の割合",
    },
    "inside.hist.predicted": {
        "en": "pred.: Var[z^l] = n·Var[w]·mean((a^(l−1))²) + Var[b] from the measured layer "
        "before, rms δ^l from the measured layer after; mean field: Var[z^l] from the input alone",
        "ja": "予測：Var[z^l] は直前の層の実測から n·Var[w]·mean((a^(l−1))²) + Var[b]、rms δ^l は"
        "直後の層の実測から；平均場：入力だけから求めた Var[z^l]",
    },
    "inside.hist.setup": {"en": "{act}, {init} (weights {law})", "ja": "{act}、{init}（重み {law}）"},
    "inside.hist.bias": {"en": ", biases N(0, {b}²)", "ja": "、バイアス N(0, {b}²)"},
    "inside.hist.overflow": {
        "en": "z or δ passed 1e145 at layer {layer}: no statistics (float64 would overflow)",
        "ja": "第 {layer} 層で z または δ が 1e145 を超えたため統計なし（float64 があふれる）",
    },
    "inside.col.layer": {"en": "layer", "ja": "層"},
    "inside.col.mean": {"en": "mean a", "ja": "a の平均"},
    "inside.col.std": {"en": "std a", "ja": "a の標準偏差"},
    "inside.col.saturated": {"en": "saturated", "ja": "飽和"},
    "inside.col.inactive": {"en": "inactive", "ja": "不活性"},
    "inside.col.none": {"en": "saturated", "ja": "飽和"},
    "inside.col.z_var": {"en": "Var[z]", "ja": "Var[z]"},
    "inside.col.z_var_predicted": {"en": "pred.", "ja": "予測"},
    "inside.col.z_var_meanfield": {"en": "mean field", "ja": "平均場"},
    "inside.col.delta_rms": {"en": "rms δ", "ja": "rms δ"},
    "inside.col.delta_rms_predicted": {"en": "pred.", "ja": "予測"},
    "inside.rnn.heading": {
        "en": "Gradients through time in random recurrent networks: h_t = {act}(W h_(t−1) + "
        "U x_t), cost C = vᵀh_T with ‖v‖ = 1",
        "ja": "ランダムな再帰型ネットワークの時間方向の勾配：h_t = {act}(W h_(t−1) + U x_t)、"
        "誤差 C = vᵀh_T（‖v‖ = 1）",
    },
    "inside.rnn.network": {
        "en": "{units} units, {inputs} inputs x_t ~ N(0, {std}²), T = {steps} steps; {samples} "
        "random networks per ρ (W = ρ·G/ρ(G), G ~ N(0, 1/n)), seed {seed}",
        "ja": "ユニット {units} 個、入力 {inputs} 次元 x_t ~ N(0, {std}²)、T = {steps} ステップ；"
        "ρ ごとに {samples} 個のランダムなネットワーク（W = ρ·G/ρ(G)、G ~ N(0, 1/n)）、シード {seed}",
    },
    "inside.rnn.pascanu": {
        "en": "Pascanu et al. (2013): ‖∂h_t/∂h_(t−1)‖ ≤ λ₁γ, λ₁ the largest singular value of W "
        "and γ = max φ′ = {gamma}; λ₁ < 1/γ = {bound} suffices for vanishing",
        "ja": "Pascanu ら (2013)：‖∂h_t/∂h_(t−1)‖ ≤ λ₁γ（λ₁ は W の最大特異値、γ = max φ′ = {gamma}）；"
        "λ₁ < 1/γ = {bound} なら必ず消失する",
    },
    "inside.rnn.clip": {
        "en": "clipping: g ← g·min(1, c/‖g‖) with c = {clip}, one factor for every step",
        "ja": "クリッピング：g ← g·min(1, c/‖g‖)、c = {clip}（全ステップに同じ倍率）",
    },
    "inside.rnn.title": {
        "en": "‖∂C/∂h₁‖, the gradient T − 1 steps back from the cost, per spectral radius ρ",
        "ja": "スペクトル半径 ρ ごとの ‖∂C/∂h₁‖（誤差から T − 1 ステップさかのぼった勾配）",
    },
    "inside.rnn.note": {
        "en": "shares and percentiles are over the networks; rate: median of "
        "(‖∂C/∂h₁‖/‖∂C/∂h_T‖)^(1/{steps}); mean field √χ₁: the wide-network rate for σ_w = ρ",
        "ja": "割合とパーセンタイルはネットワーク間；倍率：(‖∂C/∂h₁‖/‖∂C/∂h_T‖)^(1/{steps}) の中央値；"
        "平均場 √χ₁：σ_w = ρ の幅の広いネットワークでの倍率",
    },
    "inside.rnn.overflow": {
        "en": "ρ = {rho}: ‖∂C/∂h₁‖ passes float64's largest number ({limit}) in {percent} of "
        "networks; a plain backward pass would give inf there",
        "ja": "ρ = {rho}：{percent} のネットワークで ‖∂C/∂h₁‖ が float64 の最大値 ({limit}) を超える"
        "（通常の逆伝播では inf になる）",
    },
    "inside.col.rho": {"en": "ρ", "ja": "ρ"},
    "inside.col.lambda1_median": {"en": "λ₁ median", "ja": "λ₁ 中央値"},
    "inside.col.pascanu_fraction": {"en": "λ₁ < 1/γ", "ja": "λ₁ < 1/γ"},
    "inside.col.log10_norm_h1_median": {"en": "log₁₀‖∂C/∂h₁‖", "ja": "log₁₀‖∂C/∂h₁‖"},
    "inside.col.log10_norm_h1_p10": {"en": "10 %", "ja": "10 %"},
    "inside.col.log10_norm_h1_p90": {"en": "90 %", "ja": "90 %"},
    "inside.col.rate_median": {"en": "rate", "ja": "倍率"},
    "inside.col.meanfield_factor": {"en": "mean field √χ₁", "ja": "平均場 √χ₁"},
    "inside.col.clipped_fraction": {"en": "clipped", "ja": "クリップ"},
    "inside.col.log10_clipped_norm_h1_median": {"en": "after clipping", "ja": "クリップ後"},
    # inside the layers during training: tables
    "inside.sat.heading": {
        "en": "Inside the layers during training: each hidden layer's activations a, as Glorot "
        "and Bengio (2010, Figure 2) watched them",
        "ja": "学習中の各隠れ層の中身：Glorot と Bengio（2010、図 2）が観察した各隠れ層の活性値 a",
    },
    "inside.sat.measured": {
        "en": "measured {records} times an epoch (every {every} steps) on {validation} "
        "validation digits: the mean of a^l and its 2nd, 50th and 98th percentiles over "
        "(image, unit) pairs",
        "ja": "1 エポックに {records} 回（{every} ステップごと）、検証用の数字画像 {validation} 枚で測定："
        "a^l の平均と、（画像, ユニット）の組についての 2・50・98 パーセンタイル",
    },
    "inside.sat.diverged": {
        "en": "a number became infinite or undefined (0/0) in epoch {epoch}; the run stopped there",
        "ja": "エポック {epoch} で値が無限大または未定義（0/0）になったため、そこで停止",
    },
    "inside.sat.lowest": {
        "en": "{setup}: the top hidden layer's (layer {l}) mean a went from {start} to its "
        "lowest, {low}, at epoch {epoch} (accuracy then {accuracy}); at epoch {end_epoch} it "
        "is {end} (2–98 %: {p2}–{p98})",
        "ja": "{setup}：最上位の隠れ層（第 {l} 層）の a の平均は {start} から、エポック {epoch} で最小の "
        "{low} まで下がった（そのときの正解率 {accuracy}）；エポック {end_epoch} では {end}"
        "（2–98 %：{p2}–{p98}）",
    },
    "inside.sat.never_lower": {
        "en": "{setup}: the top hidden layer's (layer {l}) mean a, {start} at the start, never "
        "went lower; at epoch {end_epoch} it is {end} (2–98 %: {p2}–{p98})",
        "ja": "{setup}：最上位の隠れ層（第 {l} 層）の a の平均は最初の {start} より下がらなかった"
        "；エポック {end_epoch} では {end}（2–98 %：{p2}–{p98}）",
    },
    "inside.sat.follows": {
        "en": "as Glorot and Bengio (2010, Fig. 2): {items}",
        "ja": "Glorot と Bengio（2010、図 2）と同じ点：{items}",
    },
    "inside.sat.differs": {
        "en": "unlike them: {items}", "ja": "異なる点：{items}",
    },
    "inside.sat.none": {"en": "nothing", "ja": "なし"},
    "inside.sat.sep": {"en": "; ", "ja": "；"},
    "gb.sigmoid_standard": {
        "en": "sigmoid hidden layers with the standard initialisation U(±1/√n_in)",
        "ja": "隠れ層は sigmoid、重みは標準の初期化 U(±1/√n_in)",
    },
    "gb.sigmoid_standard.here": {
        "en": "no set-up is theirs, sigmoid with the standard initialisation U(±1/√n_in)",
        "ja": "sigmoid と標準の初期化 U(±1/√n_in)（論文の設定）の組がない",
    },
    "gb.zero_biases": {"en": "biases 0", "ja": "バイアス 0"},
    "gb.zero_biases.here": {"en": "{biases} (theirs 0)", "ja": "{biases}（論文は 0）"},
    "gb.width": {"en": "1,000 units a hidden layer", "ja": "隠れ層あたり 1,000 ユニット"},
    "gb.width.here": {
        "en": "units a hidden layer: {width} (theirs 1,000)",
        "ja": "隠れ層あたり {width} ユニット（論文は 1,000）",
    },
    "gb.depth": {"en": "four hidden layers", "ja": "隠れ層 4 層"},
    "gb.depth.here": {
        "en": "hidden layers: {hidden} (theirs four)", "ja": "隠れ層 {hidden} 層（論文は 4 層）",
    },
    "gb.softmax": {
        "en": "a softmax output with the negative log-likelihood cost",
        "ja": "出力層は softmax、誤差は負の対数尤度",
    },
    "gb.softmax.here": {
        "en": "{output} output, {cost} (theirs softmax, negative log-likelihood)",
        "ja": "出力層は {output}、{cost}（論文は softmax と負の対数尤度）",
    },
    "gb.batch": {"en": "mini-batches of 10", "ja": "ミニバッチ 10"},
    "gb.batch.here": {
        "en": "mini-batches of {batch} (theirs 10)", "ja": "ミニバッチ {batch}（論文は 10）",
    },
    "gb.data.here": {
        "en": "MNIST digits, not Shapeset-3×2 (32×32 images of one or two triangles, "
        "parallelograms or ellipses, 9 classes, drawn afresh for every update)",
        "ja": "MNIST の数字画像（論文は Shapeset-3×2：三角形・平行四辺形・楕円を 1〜2 個含む 32×32 の画像、"
        "9 クラス、更新ごとに新しく生成）",
    },
    "gb.training.here": {
        "en": "{steps} steps of training, where they ran millions (their learning rates were "
        "judged after 5 million updates; their top layer recovers around their epoch 100)",
        "ja": "学習は {steps} ステップ（論文は数百万回の更新：学習率は 500 万回の更新後に評価し、"
        "最上位の層はエポック 100 ごろに回復）",
    },
    "gb.eta.here": {
        "en": "a fixed learning rate η = {eta}, not one chosen on validation error",
        "ja": "学習率は固定の η = {eta}（論文は検証誤差で選んだ値）",
    },
    "gb.measured.here": {
        "en": "mean, median and 2–98 % band of a on {validation} validation digits, not the "
        "mean and standard deviation on 300 fixed test images",
        "ja": "検証用の数字画像 {validation} 枚での a の平均・中央値・2–98 % の帯（論文は固定した"
        "テスト画像 300 枚での平均と標準偏差）",
    },
    "inside.sat.heading_dead": {
        "en": "Inside the layers during training: each hidden layer's dead units (rectifiers)",
        "ja": "学習中の各隠れ層の中身：各隠れ層の死んだユニット（ReLU 系の活性化関数）",
    },
    "inside.sat.measured_dead": {
        "en": "measured {records} times an epoch (every {every} steps) on {validation} "
        "validation digits: each hidden layer's share of dead units (z ≤ 0 on every one of them)",
        "ja": "1 エポックに {records} 回（{every} ステップごと）、検証用の数字画像 {validation} 枚で測定："
        "各隠れ層の死んだユニット（そのすべての画像で z ≤ 0）の割合",
    },
    "inside.sat.dead_line": {
        "en": "{setup}: dead units per hidden layer {start} at the start, {end} at epoch "
        "{end_epoch}; at most {most} (layer {layer})",
        "ja": "{setup}：各隠れ層の死んだユニットは最初 {start}、エポック {end_epoch} で {end}；"
        "最大 {most}（第 {layer} 層）",
    },
    "inside.col.dead_layer": {"en": "dead in {l}", "ja": "死んだユニット（層 {l}）"},
    "fig.saturation_dead": {
        "en": "Dead units in each hidden layer during training",
        "ja": "学習中の各隠れ層の死んだユニット",
    },
    "inside.fig.dead_short": {
        "en": "dead units\n($z \\leq 0$ on every\nvalidation digit)",
        "ja": "死んだユニット\n（検証用のすべての\n画像で $z \\leq 0$）",
    },
    "inside.col.epoch": {"en": "epoch", "ja": "エポック"},
    "inside.col.accuracy": {"en": "accuracy", "ja": "正解率"},
    "inside.col.mean_layer": {"en": "mean a{l}", "ja": "a{l} の平均"},
    "inside.col.top_p2": {"en": "a{l} 2 %", "ja": "a{l} 2 %"},
    "inside.col.top_p50": {"en": "a{l} median", "ja": "a{l} 中央値"},
    "inside.col.top_p98": {"en": "a{l} 98 %", "ja": "a{l} 98 %"},
    "inside.dead.heading": {
        "en": "Dying ReLUs: the share of hidden units inactive (z ≤ 0) on every validation digit, "
        "during training",
        "ja": "dying ReLU（死んだ ReLU）：検証用のすべての数字画像で不活性（z ≤ 0）な隠れユニットの割合の学習中の変化",
    },
    "inside.dead.measured": {
        "en": "measured {records} times an epoch (every {every} steps) on {validation} "
        "validation digits; {seeds} networks per activation (seed {seed}), network s of "
        "every activation drawn alike",
        "ja": "1 エポックに {records} 回（{every} ステップごと）、検証用の数字画像 {validation} 枚で測定；"
        "活性化関数ごとに {seeds} 個のネットワーク（シード {seed}）、どの活性化関数でも s 番目の"
        "ネットワークは同じ初期値",
    },
    "inside.dead.meaning": {
        "en": "dead: z ≤ 0 on every validation digit, over all hidden layers; there ReLU′ = 0, "
        "so the unit gets no gradient at all, while the others keep one (Leaky ReLU its fixed "
        "slope, 0.01 unless it says, PReLU its learned slope from 0.25, RReLU U(1/8, 1/3), "
        "ELU e^z)",
        "ja": "死んだユニット：検証用のすべての数字画像で z ≤ 0（全隠れ層で数える）；そこでは ReLU′ = 0 "
        "なので勾配がまったく届かないが、ほかの関数は勾配を保つ（Leaky ReLU は固定の傾き、指定がなければ "
        "0.01、PReLU は 0.25 から学習した傾き、RReLU は U(1/8, 1/3)、ELU は e^z）",
    },
    "inside.dead.title": {
        "en": "Share of dead units (median over the networks) after each epoch shown, its "
        "{band} band and the accuracy after {epochs} epochs",
        "ja": "各エポック後の死んだユニットの割合（ネットワーク間の中央値）、{epochs} エポック後の "
        "{band} の範囲と正解率",
    },
    "inside.dead.note": {
        "en": "medians and {band} over {seeds} networks; a run in which a number became infinite "
        "or undefined is left out from the epoch it happened in",
        "ja": "{seeds} 個のネットワークの中央値と {band}；値が無限大または未定義になった実行は"
        "そのエポック以降を除外",
    },
    "inside.col.activation": {"en": "activation", "ja": "活性化関数"},
    "inside.col.dead_epoch": {"en": "epoch {epoch}", "ja": "エポック {epoch}"},
    "inside.dead.slopes": {
        "en": "PReLU's mean learned slope per hidden layer after {epochs} epochs: {low}–{high} "
        "over the layers and the {runs} runs that did not diverge (every layer, every "
        "measurement in the JSON), from {start}",
        "ja": "{epochs} エポック後の PReLU が学習した傾きの各隠れ層での平均：発散しなかった {runs} 回と"
        "全層にわたって {low}–{high}（初期値 {start}；全層・全測定は JSON に）",
    },
    "inside.col.diverged": {"en": "diverged", "ja": "発散"},
}
