"""Every string the figures and tables show, in English and Japanese: key -> {lang: text}.

Formulas stay in the strings as matplotlib mathtext ($...$), which renders the same in both
languages. ``{name}``-style fields are filled by :func:`tr`.
"""

from __future__ import annotations

LANGUAGES = ("en", "ja")

STRINGS: dict[str, dict[str, str]] = {
    # figure titles
    "fig.sigmoid": {
        "en": "The sigmoid and its derivative",
        "ja": "シグモイド関数とその導関数",
    },
    "fig.tanh": {"en": "tanh and its derivative", "ja": "tanh とその導関数"},
    "fig.relu": {"en": "ReLU and its variants", "ja": "ReLU とその派生"},
    "fig.modern": {
        "en": "Activation functions in use today",
        "ja": "現在よく使われる活性化関数",
    },
    "fig.derivatives": {
        "en": "Derivatives of the activation functions",
        "ja": "活性化関数の導関数の比較",
    },
    "fig.window": {
        "en": r"The window where $|w\,\sigma'(wa)| \geq 1$",
        "ja": r"$|w\,\sigma'(wa)| \geq 1$ となる窓",
    },
    "fig.product": {
        "en": "Vanishing and exploding gradients against depth",
        "ja": "深さに対する勾配消失と勾配爆発",
    },
    "fig.neuron_bars": {
        "en": "Speed of learning of each neuron at initialisation",
        "ja": "初期化直後の各ニューロンの学習の速さ",
    },
    "fig.window_width": {
        "en": r"Width of the window $|w\,\sigma'(wa + b)| \geq 1$ against $|w|$",
        "ja": r"$|w\,\sigma'(wa + b)| \geq 1$ となる窓の幅と $|w|$",
    },
    "fig.identity_neuron": {
        "en": "A sigmoid neuron as the identity on [0, 1]",
        "ja": "[0, 1] 上の恒等写像を近似するシグモイドニューロン",
    },
    "fig.tanh_phase_diagram": {
        "en": "{act} networks: where gradients vanish and where they explode",
        "ja": "{act} ネットワーク：勾配が消失する領域と爆発する領域",
    },
    # panel titles
    "panel.sigmoid": {"en": "", "ja": ""},  # a single panel: the figure's title is shown
    "panel.tanh": {"en": "tanh", "ja": "tanh"},
    "panel.tanh_vs_sigmoid": {
        "en": r"$\mathrm{{tanh}}'$ and $\sigma'$", "ja": r"$\mathrm{{tanh}}'$ と $\sigma'$",
    },
    "panel.relu": {"en": "ReLU", "ja": "ReLU"},
    "panel.leaky_relu": {
        "en": "Leaky ReLU (slope 0.1 drawn; the default is 0.01)",
        "ja": "Leaky ReLU（図は傾き 0.1、既定値は 0.01）",
    },
    "panel.prelu": {
        "en": "Parametric ReLU (learned slope a)",
        "ja": "Parametric ReLU（学習される傾き a）",
    },
    "panel.rrelu": {
        "en": "Randomized ReLU (slope band)",
        "ja": "Randomized ReLU（傾きの帯）",
    },
    "panel.elu": {"en": "ELU", "ja": "ELU"},
    "panel.gelu": {"en": "GELU", "ja": "GELU"},
    "panel.silu": {"en": "SiLU / Swish", "ja": "SiLU / Swish"},
    "panel.softplus": {"en": "softplus", "ja": "softplus"},
    "panel.derivatives": {"en": "", "ja": ""},
    # axes
    "axis.z": {"en": "$z$", "ja": "$z$"},
    "axis.value": {"en": "value", "ja": "値"},
    "axis.derivative": {"en": "derivative", "ja": "導関数の値"},
    "axis.a": {"en": "input activation $a$", "ja": "入力の活性値 $a$"},
    "axis.window": {"en": r"$|w\,\sigma'(wa)|$", "ja": r"$|w\,\sigma'(wa)|$"},
    "axis.depth": {"en": "layers back $k$", "ja": "さかのぼる層数 $k$"},
    "axis.ratio": {
        "en": r"$|\partial C/\partial b_1| \,/\, |\partial C/\partial b_{{k+1}}|$",
        "ja": r"$|\partial C/\partial b_1| \,/\, |\partial C/\partial b_{{k+1}}|$",
    },
    # legends and notes
    "legend.dashed": {"en": "dashed: derivative", "ja": "破線：導関数"},
    "legend.peak": {"en": "maximum {value} at $z$ = {z}", "ja": "最大値 {value}（$z$ = {z}）"},
    "legend.band": {"en": "slopes sampled in training", "ja": "学習時に抽出される傾き"},
    "legend.mean_slope": {"en": "mean slope (test time)", "ja": "平均の傾き（推論時）"},
    "legend.one": {"en": r"$\varphi'(z) = 1$", "ja": r"$\varphi'(z) = 1$"},
    "legend.factor_one": {
        "en": r"$|w\,\sigma'(wa)| = 1$", "ja": r"$|w\,\sigma'(wa)| = 1$",
    },
    "legend.ratio_one": {"en": "ratio = 1", "ja": "比 = 1"},
    "legend.window_shade": {"en": r"$\geq 1$ (window)", "ja": r"$\geq 1$（窓）"},
    "legend.no_window": {"en": "$w$ = {w}: no window", "ja": "$w$ = {w}：窓なし"},
    "legend.point_window": {
        "en": "$w$ = {w}: only the point $a$ = {a}",
        "ja": "$w$ = {w}：$a$ = {a} の一点のみ",
    },
    "legend.window": {"en": "$w$ = {w}: width {width}", "ja": "$w$ = {w}：幅 {width}"},
    "legend.bound": {
        "en": r"bound $(1/4)^k$ for $|w| \leq 1$ (sigmoid)",
        "ja": r"上界 $(1/4)^k$（$|w| \leq 1$、シグモイド）",
    },
    "legend.band_median": {
        "en": r"{name}: median, 10–90 % ($w, b \sim N(0, 1)$)",
        "ja": r"{name}：中央値と 10–90 %（$w, b \sim N(0, 1)$）",
    },
    "legend.relu_zero": {
        "en": "{name}: 90 % quantile (the gradient is exactly 0 in {percent} of chains at "
        "$k$ = 1, so the median is 0)",
        "ja": "{name}：90 % 点（$k$ = 1 で {percent} の鎖の勾配がちょうど 0、中央値は 0）",
    },
    "legend.p90_zero": {
        "en": "{name}: the 90 % quantile is exactly 0 from $k$ = {k} on (a log axis has no 0)",
        "ja": "{name}：$k$ = {k} 以降は 90 % 点もちょうど 0（対数軸に 0 はない）",
    },
    "legend.explosion": {
        "en": "exploding chain: $w$ = {w}, every $z$ = 0, factor $w/4$ = {factor}",
        "ja": "勾配爆発の構成：$w$ = {w}、全ての $z$ = 0、各因子 $w/4$ = {factor}",
    },
    "note.samples": {
        "en": "{samples} random chains per activation, seed {seed}",
        "ja": "活性化関数ごとに {samples} 本のランダムな鎖、シード {seed}",
    },
    # tables
    "table.vanishing": {
        "en": "Vanishing gradient: |∂C/∂b₁| / |∂C/∂b_(k+1)|",
        "ja": "勾配消失：|∂C/∂b₁| / |∂C/∂b_(k+1)|",
    },
    "table.vanishing.note": {
        "en": "sampled by backprop over {samples} chains (w, b ~ N(0, 1), a₀ and y ~ U(0, 1), "
        "quadratic cost, linear output neuron), seed {seed}",
        "ja": "逆伝播で {samples} 本の鎖から標本化（w, b ~ N(0, 1)、a₀ と y ~ U(0, 1)、"
        "二乗誤差、線形の出力ニューロン）、シード {seed}",
    },
    "table.explosion": {
        "en": "Exploding gradient: w = {w}, biases making every z_j = 0",
        "ja": "勾配爆発：w = {w}、全ての z_j = 0 となるバイアス",
    },
    "table.explosion.note": {
        "en": "backprop ratio |∂C/∂b₁| / |∂C/∂b_(k+1)| next to the closed form (w/4)^k",
        "ja": "逆伝播による比 |∂C/∂b₁| / |∂C/∂b_(k+1)| と閉じた式 (w/4)^k",
    },
    "table.activations": {"en": "Activation functions", "ja": "活性化関数"},
    "table.activations.note": {
        "en": "computed on a grid of z in [-50, 50] with step 0.001, and by SymPy limits at ±∞",
        "ja": "z ∈ [-50, 50]（刻み 0.001）上の数値計算と、SymPy による ±∞ での極限",
    },
    "col.activation": {"en": "activation", "ja": "活性化関数"},
    "col.k": {"en": "k", "ja": "k"},
    "col.bound": {"en": "bound (max φ′)^k, |w| ≤ 1", "ja": "上界 (max φ′)^k（|w| ≤ 1）"},
    "col.p10": {"en": "10 %", "ja": "10 %"},
    "col.median": {"en": "median", "ja": "中央値"},
    "col.p90": {"en": "90 %", "ja": "90 %"},
    "col.zero": {"en": "exactly 0", "ja": "ちょうど 0"},
    "col.backprop": {"en": "backprop", "ja": "逆伝播"},
    "col.closed_form": {"en": "(w/4)^k", "ja": "(w/4)^k"},
    "col.relative_difference": {"en": "relative difference", "ja": "相対差"},
    "col.range": {"en": "range", "ja": "値域"},
    "col.max_prime": {"en": "max derivative", "ja": "導関数の最大値"},
    "col.argmax": {"en": "where", "ja": "位置"},
    "col.tiny": {"en": "derivative < 1e-3", "ja": "導関数 < 1e-3"},
    "col.saturates": {"en": "saturates", "ja": "飽和"},
    "word.both": {"en": "both sides", "ja": "両側"},
    "word.left": {"en": "z → -∞", "ja": "z → -∞"},
    "word.right": {"en": "z → +∞", "ja": "z → +∞"},
    "word.no": {"en": "no", "ja": "なし"},
    "word.nowhere": {"en": "nowhere", "ja": "なし"},
    # experiment figures
    "exp.speed_title": {
        "en": "Speed of learning: {h} hidden layers", "ja": "学習の速さ：隠れ層 {h} 層",
    },
    "exp.speed_network": {
        "en": "{act} hidden layers of {width}, {init} initialisation",
        "ja": "隠れ層は {act}（幅 {width}）、初期化は {init}",
    },
    "exp.diverged": {
        "en": "diverged in epoch {epoch} (NaN or infinity)",
        "ja": "エポック {epoch} で発散（NaN または無限大）",
    },
    "exp.epochs": {"en": "epochs of training", "ja": "学習エポック"},
    "exp.speed": {
        "en": r"speed of learning $\Vert\partial C/\partial b^l\Vert$",
        "ja": r"学習の速さ $\Vert\partial C/\partial b^l\Vert$",
    },
    "exp.layer": {"en": "hidden layer {l}", "ja": "隠れ層 {l}"},
    "exp.dead": {
        "en": "dead units\n($z \\leq 0$ on every\ntraining image)",
        "ja": "死んだユニット\n（すべての学習用\n画像で $z \\leq 0$）",
    },
    "exp.bars_title": {
        "en": r"$|\partial C/\partial b_j|$ at initialisation, {sizes} network",
        "ja": r"初期化直後の $|\partial C/\partial b_j|$（{sizes} ネットワーク）",
    },
    "exp.neuron": {"en": "neuron $j$", "ja": "ニューロン $j$"},
    "exp.bar": {"en": r"$|\partial C/\partial b_j|$", "ja": r"$|\partial C/\partial b_j|$"},
    # theory figures
    "theory.abs_w": {"en": "$|w|$", "ja": "$|w|$"},
    "theory.width": {"en": "width of the window in $a$", "ja": "$a$ の窓の幅"},
    "theory.widest": {
        "en": "widest: $|w|$ = {w}, width = {d}",
        "ja": "最大：$|w|$ = {w}、幅 = {d}",
    },
    "theory.threshold": {
        "en": r"$|w| = 4$: below it there is no window",
        "ja": r"$|w| = 4$：これより小さいと窓はない",
    },
    "theory.x": {"en": "$x$", "ja": "$x$"},
    "theory.output": {
        "en": r"$w_2\sigma(w_1x + b)$ − offset",
        "ja": r"$w_2\sigma(w_1x + b)$ − オフセット",
    },
    "theory.error": {"en": "error", "ja": "誤差"},
    "theory.target": {"en": "$y = x$", "ja": "$y = x$"},
    "theory.sigma_w": {
        "en": r"$\sigma_w$ (weights $\sim N(0, \sigma_w^2/n_{{in}})$)",
        "ja": r"$\sigma_w$（重み $\sim N(0, \sigma_w^2/n_{{in}})$）",
    },
    "theory.sigma_b": {
        "en": r"$\sigma_b$ (biases $\sim N(0, \sigma_b^2)$)",
        "ja": r"$\sigma_b$（バイアス $\sim N(0, \sigma_b^2)$）",
    },
    "theory.factor": {
        "en": r"per-layer gradient factor $\sqrt{{\chi_1}}$",
        "ja": r"層ごとの勾配の倍率 $\sqrt{{\chi_1}}$",
    },
    "theory.edge": {"en": r"$\chi_1 = 1$ (edge of chaos)", "ja": r"$\chi_1 = 1$（カオスの縁）"},
    "theory.vanishing": {"en": "vanishing", "ja": "消失"},
    "theory.exploding": {"en": "exploding", "ja": "爆発"},
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
        "en": "hidden biases start at N(−{shift}, 1); median and 10–90 % band over {seeds} "
        "networks",
        "ja": "隠れ層のバイアスの初期値は N(−{shift}, 1)；{seeds} 個のネットワークの中央値と 10–90 % の帯",
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
    "inside.hist.network": {
        "en": "network {sizes}, sigmoid output, cross-entropy cost, biases 0 unless stated; "
        "{images} digits ({data}), seed {seed}",
        "ja": "ネットワーク {sizes}、出力層はシグモイド、交差エントロピー誤差、バイアスは明記がなければ 0；"
        "数字画像 {images} 枚（{data}）、シード {seed}",
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
    # the remedies: table
    "remedies.heading": {
        "en": "The remedies in action: one deep network trained with each remedy for unstable "
        "gradients",
        "ja": "不安定な勾配への対策の効果：同じ深いネットワークを対策ごとに学習",
    },
    "remedies.network": {
        "en": "network {sizes}, sigmoid output, cross-entropy cost; each row changes the hidden "
        "layers, the weights or the optimiser; biases N(0, 1) unless the row says 0",
        "ja": "ネットワーク {sizes}、出力層はシグモイド、交差エントロピー誤差；各行は隠れ層・重み・最適化手法を"
        "変える；バイアスは行に 0 とない限り N(0, 1)",
    },
    "remedies.training": {
        "en": "mini-batch SGD, batch {batch}, eta = {eta}, lambda = {lmbda}, {epochs} epochs on "
        "{train} training digits; accuracy, saturated and dead units on {validation} "
        "validation digits ({data})",
        "ja": "ミニバッチ SGD、バッチ {batch}、η = {eta}、λ = {lmbda}、訓練用の数字画像 {train} 枚で "
        "{epochs} エポック；正解率・飽和・死んだユニットは検証用の {validation} 枚で測定（{data}）",
    },
    "remedies.seeds": {
        "en": "each cell: median [10 %, 90 %] over {seeds} initial networks (seed {seed}; network "
        "s of every row starts from the same draw)",
        "ja": "各セル：{seeds} 個の初期ネットワークの中央値 [10 %, 90 %]（シード {seed}；各行の s 番目の"
        "ネットワークは同じ乱数から始まる）",
    },
    "remedies.title": {
        "en": "Speed of learning of the last hidden layer over the first's, accuracy, and units "
        "lost",
        "ja": "最後の隠れ層と最初の隠れ層の学習の速さの比、正解率、働かないユニット",
    },
    "remedies.note": {
        "en": "last/first: ‖∂C/∂b‖ of the last hidden layer over the first's (‖∂C/∂β‖ with batch "
        "norm), near 1 = level; saturated: sigmoid a ∉ [0.02, 0.98], tanh |a| > 0.97; dead: "
        "a rectifier's unit never active on the validation digits; a diverged run met a NaN or "
        "an infinity and is left out of the summaries after training; —: no such units, or "
        "no run left whose first hidden layer still learns (speed not exactly 0)",
        "ja": "最後/最初：最後の隠れ層の ‖∂C/∂b‖ と最初の層のものの比（バッチ正規化では ‖∂C/∂β‖）、"
        "1 に近いほど均等；飽和：シグモイドで a ∉ [0.02, 0.98]、tanh で |a| > 0.97；死んだユニット："
        "検証用の画像のどれにも活性化しない ReLU 系のユニット；発散した実行（NaN か無限大）は学習後の集計から除く；—：該当するユニットがない、"
        "または最初の隠れ層がまだ学習している（速さがちょうど 0 でない）実行が残っていない",
    },
    "remedies.col.setup": {"en": "hidden layers, weights, change", "ja": "隠れ層・重み・変更点"},
    "remedies.col.ratio_init": {"en": "last/first at init", "ja": "最後/最初（初期化直後）"},
    "remedies.col.ratio_trained": {"en": "last/first after training", "ja": "最後/最初（学習後）"},
    "remedies.col.accuracy": {"en": "validation accuracy", "ja": "検証データの正解率"},
    "remedies.col.saturated": {"en": "saturated", "ja": "飽和"},
    "remedies.col.dead": {"en": "dead", "ja": "死んだユニット"},
    "remedies.col.diverged": {"en": "diverged", "ja": "発散"},
    "remedies.no": {"en": "no", "ja": "なし"},
    "remedies.diverged": {"en": "diverged", "ja": "発散"},
    "remedies.diverged_runs": {"en": "{n} of {total} runs", "ja": "{total} 回中 {n} 回"},
    "remedies.of_runs": {"en": "({n} of {total} runs)", "ja": "（{total} 回中 {n} 回）"},
    "remedies.separator": {"en": ", ", "ja": "、"},
    "remedies.chapter": {
        "en": "the chapter's network", "ja": "本章のネットワーク",
    },
    "remedies.zero_biases": {"en": "biases 0", "ja": "バイアス 0"},
    "remedies.batch_norm": {"en": "batch norm", "ja": "バッチ正規化"},
    "remedies.residual": {"en": "residual connections", "ja": "残差接続"},
    "remedies.momentum": {"en": "momentum {mu}", "ja": "モーメンタム {mu}"},
    "remedies.nesterov": {"en": "Nesterov momentum {mu}", "ja": "Nesterov のモーメンタム {mu}"},
    "remedies.clip": {"en": "gradient clipped at ‖g‖ = {clip}", "ja": "‖g‖ = {clip} で勾配クリッピング"},
    # the remedies: figure
    "remedies.fig.title": {
        "en": "Speed of learning of each hidden layer after {epochs} epochs, remedy by remedy",
        "ja": "{epochs} エポック学習後の各隠れ層の学習の速さ（対策ごと）",
    },
    "remedies.fig.note": {
        "en": "network {sizes}; line: median over {seeds} initial networks, band: 10–90 %\n"
        r"grey dashed: the chapter's sigmoid network; with batch norm the speed is "
        r"$\Vert\partial C/\partial\beta^l\Vert$",
        "ja": "ネットワーク {sizes}；線：{seeds} 個の初期ネットワークの中央値、帯：10–90 %\n"
        r"灰色の破線：本章のシグモイドのネットワーク；バッチ正規化では "
        r"$\Vert\partial C/\partial\beta^l\Vert$",
    },
    "remedies.fig.layer": {"en": "hidden layer $l$", "ja": "隠れ層 $l$"},
    "remedies.fig.speed": {
        "en": r"speed $\Vert\partial C/\partial b^l\Vert$",
        "ja": r"学習の速さ $\Vert\partial C/\partial b^l\Vert$",
    },
    "remedies.fig.diverged": {
        "en": "\ndiverged in {n} of {total} runs", "ja": "\n{total} 回中 {n} 回発散",
    },
    "remedies.fig.zero": {
        "en": "\nspeed exactly 0 (▼ at the bottom)", "ja": "\n速さがちょうど 0（下端の ▼）",
    },
    "remedies.panel.sigmoid": {"en": "sigmoid", "ja": "シグモイド"},
    "remedies.panel.tanh": {"en": "tanh", "ja": "tanh"},
    "remedies.panel.rectifiers": {"en": "rectifiers", "ja": "ReLU 系"},
    "remedies.panel.architecture": {
        "en": "batch norm, residual", "ja": "バッチ正規化・残差接続",
    },
    "remedies.panel.exploding": {
        "en": "exploding: N(0, 1) weights", "ja": "勾配爆発：N(0, 1) の重み",
    },
    "remedies.panel.other": {"en": "other activations", "ja": "その他の活性化関数"},
    # inside the layers during training: tables
    "inside.sat.heading": {
        "en": "Inside the layers during training: each hidden layer's activations a, as Glorot "
        "and Bengio (2010, Figure 2) watched them",
        "ja": "学習中の各隠れ層の中身：Glorot と Bengio（2010、図 2）が観察した各隠れ層の活性値 a",
    },
    "inside.sat.network": {
        "en": "network {sizes}, sigmoid output, cross-entropy cost, {biases}; mini-batch SGD "
        "(batch 10, η = {eta}, λ = {lmbda}) on {images} digits ({data}) for {epochs} epochs; "
        "seed {seed}",
        "ja": "ネットワーク {sizes}、出力層はシグモイド、交差エントロピー誤差、{biases}；ミニバッチ SGD"
        "（バッチ 10、η = {eta}、λ = {lmbda}）で数字画像 {images} 枚（{data}）を {epochs} エポック学習；"
        "シード {seed}",
    },
    "inside.sat.biases_chapter": {
        "en": "biases N(0, 1) (the chapter's)", "ja": "バイアス N(0, 1)（本章と同じ）",
    },
    "inside.sat.biases_zero": {
        "en": "biases 0 (Glorot and Bengio's)", "ja": "バイアス 0（Glorot と Bengio と同じ）",
    },
    "inside.sat.measured": {
        "en": "measured {records} times an epoch (every {every} steps) on {validation} "
        "validation digits: the mean of a^l and its 2nd, 50th and 98th percentiles over "
        "(image, unit) pairs",
        "ja": "1 エポックに {records} 回（{every} ステップごと）、検証用の数字画像 {validation} 枚で測定："
        "a^l の平均と、（画像, ユニット）の組についての 2・50・98 パーセンタイル",
    },
    "inside.sat.diverged": {
        "en": "the run met a NaN or an infinity in epoch {epoch} and stopped there",
        "ja": "エポック {epoch} で NaN または無限大が現れたため、そこで停止",
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
    "inside.dead.network": {
        "en": "network {sizes}, sigmoid output, cross-entropy cost, {init} weights {law}, hidden "
        "biases N(−{shift}, 1) (the chapter's N(0, 1) moved down by {shift}); mini-batch SGD "
        "(batch 10, η = {eta}, λ = {lmbda}) on {images} digits ({data}) for {epochs} epochs",
        "ja": "ネットワーク {sizes}、出力層はシグモイド、交差エントロピー誤差、重みは {init} {law}、"
        "隠れ層のバイアスは N(−{shift}, 1)（本章の N(0, 1) を {shift} 下げたもの）；ミニバッチ SGD"
        "（バッチ 10、η = {eta}、λ = {lmbda}）で数字画像 {images} 枚（{data}）を {epochs} エポック学習",
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
        "so the unit gets no gradient at all, while the others keep a small one (Leaky 0.01, "
        "PReLU its learned slope, RReLU U(1/8, 1/3), ELU e^z)",
        "ja": "死んだユニット：検証用のすべての数字画像で z ≤ 0（全隠れ層で数える）；そこでは ReLU′ = 0 "
        "なので勾配がまったく届かないが、ほかの関数は小さな勾配を保つ（Leaky 0.01、PReLU は学習した"
        "傾き、RReLU は U(1/8, 1/3)、ELU は e^z）",
    },
    "inside.dead.title": {
        "en": "Share of dead units (median over the networks) after each epoch shown, its "
        "10–90 % band and the accuracy after {epochs} epochs",
        "ja": "各エポック後の死んだユニットの割合（ネットワーク間の中央値）、{epochs} エポック後の "
        "10–90 % 範囲と正解率",
    },
    "inside.dead.note": {
        "en": "medians and 10th/90th percentiles over {seeds} networks; a run that met a NaN or "
        "an infinity is left out from the epoch it happened in",
        "ja": "{seeds} 個のネットワークの中央値と 10・90 パーセンタイル；NaN または無限大が現れた実行は"
        "そのエポック以降を除外",
    },
    "inside.col.activation": {"en": "activation", "ja": "活性化関数"},
    "inside.col.dead_epoch": {"en": "epoch {epoch}", "ja": "エポック {epoch}"},
    "inside.col.dead_p10": {"en": "10 %", "ja": "10 %"},
    "inside.col.dead_p90": {"en": "90 %", "ja": "90 %"},
    "inside.col.accuracy_p10": {"en": "10 %", "ja": "10 %"},
    "inside.col.accuracy_p90": {"en": "90 %", "ja": "90 %"},
    "inside.col.diverged": {"en": "diverged", "ja": "発散"},
}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from: {', '.join(LANGUAGES)}")
    return lang


def tr(key: str, lang: str, **fields: object) -> str:
    """The string ``key`` in ``lang`` with its fields filled in.

    >>> tr("legend.window", "ja", w=6, width="0.31")
    '$w$ = 6：幅 0.31'
    """
    return STRINGS[key][check_language(lang)].format(**fields)
