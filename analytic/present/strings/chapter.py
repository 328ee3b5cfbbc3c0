"""The chapter's figures, tables, experiments and theory: key -> {lang: text}."""

from __future__ import annotations

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
        "en": "diverged in epoch {epoch} (a number became infinite or undefined)",
        "ja": "エポック {epoch} で発散（値が無限大または未定義になった）",
    },
    "exp.epochs": {"en": "epochs of training", "ja": "学習エポック"},
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
}
