"""The words every experiment's report shares (what a recipe is, in a line or two) and the
reports of the chapter's experiments on MNIST: key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- a recipe in words ---------------------------------------------------------------------
    "recipe.network": {
        "en": "network {sizes}: {hidden}, weights {law}, {biases}, {output} output, "
        "{cost}{extras}",
        "ja": "ネットワーク {sizes}：隠れ層は {hidden}、重み {law}、{biases}、出力層は {output}、{cost}{extras}",
    },
    "recipe.network_of_seed": {
        "en": " (network 0 of seed {seed})", "ja": "（シード {seed} の 0 番目のネットワーク）",
    },
    "recipe.hidden_of": {"en": "{act} hidden layers", "ja": "{act}"},
    "recipe.hidden_by_row": {
        "en": "hidden layers as each row says", "ja": "行ごとに異なる",
    },
    "recipe.by_row": {"en": "as each row says", "ja": "（行ごとに異なる）"},
    "recipe.biases": {"en": "biases N(0, {std}²)", "ja": "バイアス N(0, {std}²)"},
    "recipe.biases_chapter": {"en": "biases N(0, 1)", "ja": "バイアス N(0, 1)"},
    "recipe.biases_zero": {"en": "biases 0", "ja": "バイアス 0"},
    "recipe.biases_shifted": {
        "en": "hidden biases N(−{shift}, {std}²) (the chapter's moved down by {shift})",
        "ja": "隠れ層のバイアス N(−{shift}, {std}²)（本章の値を {shift} だけ下げたもの）",
    },
    "recipe.batch_norm": {"en": ", batch normalisation", "ja": "、バッチ正規化"},
    "recipe.residual": {"en": ", residual connections", "ja": "、残差接続"},
    "recipe.sgd": {
        "en": "mini-batch SGD (batch {batch}), η = {eta}, λ = {lmbda}{optimiser}, {epochs} "
        "epochs on {images} training digits ({data})",
        "ja": "ミニバッチ SGD（バッチ {batch}）、η = {eta}、λ = {lmbda}{optimiser}、訓練用の数字画像 {images} 枚（{data}）で {epochs} エポック",
    },
    "recipe.full_batch": {
        "en": "full-batch gradient descent, η = {eta}, λ = {lmbda}{optimiser}, {epochs} epochs "
        "on {images} training digits ({data})",
        "ja": "全データでの勾配降下法（フルバッチ）、η = {eta}、λ = {lmbda}{optimiser}、訓練用の数字画像 {images} 枚（{data}）で {epochs} エポック",
    },
    "recipe.momentum": {"en": ", classical momentum μ = {mu}", "ja": "、モーメンタム μ = {mu}"},
    "recipe.nesterov": {
        "en": ", Nesterov momentum μ = {mu}", "ja": "、Nesterov のモーメンタム μ = {mu}",
    },
    "recipe.clip": {
        "en": ", gradient norm clipped at {clip}", "ja": "、勾配のノルムを {clip} でクリッピング",
    },
    "recipe.digits": {
        "en": "{images} training digits ({data})", "ja": "訓練用の数字画像 {images} 枚（{data}）",
    },
    "recipe.networks": {
        "en": "spread over {networks} random networks (seed {seed}; network s of every row is "
        "drawn alike)",
        "ja": "{networks} 個のランダムなネットワークにわたるばらつき（シード {seed}；各行の s 番目のネットワークは同じ乱数から作る）",
    },
    "init.label.standard": {"en": "standard", "ja": "標準"},
    "recipe.cost.cross-entropy": {"en": "cross-entropy cost", "ja": "交差エントロピー誤差"},
    "recipe.cost.quadratic": {"en": "quadratic cost", "ja": "二乗誤差"},
    "recipe.cost.log-likelihood": {"en": "log-likelihood cost", "ja": "対数尤度誤差"},
    "number.undefined": {"en": "undefined", "ja": "未定義"},
    "number.infinite": {"en": "infinite", "ja": "無限大"},
    "number.negative_infinite": {"en": "negative and infinite", "ja": "負の無限大"},
    "data.embedded": {
        "en": "the embedded MNIST sample of 5,000 digits",
        "ja": "同梱の MNIST サンプル 5,000 枚",
    },
    # --- the per-layer measures (analytic.train.monitor defines them) ---------------------------
    "measure.bias-gradient": {
        "en": "‖∂C/∂b^l‖, the norm of the batch mean of δ^l (the chapter's speed of learning; "
        "‖∂C/∂β^l‖ with batch norm)",
        "ja": "‖∂C/∂b^l‖：δ^l のバッチ平均のノルム（本章の学習の速さ；バッチ正規化では ‖∂C/∂β^l‖）",
    },
    "measure.delta-rms": {
        "en": "rms δ^l, the root mean square over the images of ‖δ^l‖ (no mean is taken "
        "before the norm)",
        "ja": "rms δ^l：画像ごとの ‖δ^l‖ の二乗平均平方根（ノルムの前に平均をとらない）",
    },
    "measure.weight-gradient": {
        "en": "‖∂C/∂W^l‖, the norm of the gradient of the weights that feed layer l",
        "ja": "‖∂C/∂W^l‖：第 l 層に入る重みの勾配のノルム",
    },
    "measure.update-ratio": {
        "en": "‖ΔW^l‖/‖W^l‖, one optimiser step's change to the weights over their norm",
        "ja": "‖ΔW^l‖/‖W^l‖：最適化の 1 ステップによる重みの変化と重みのノルムの比",
    },
    "measure.axis.bias-gradient": {
        "en": r"speed of learning $\Vert\partial C/\partial b^l\Vert$",
        "ja": r"学習の速さ $\Vert\partial C/\partial b^l\Vert$",
    },
    "measure.axis.delta-rms": {
        "en": r"rms over the images of $\Vert\delta^l\Vert$",
        "ja": r"画像ごとの $\Vert\delta^l\Vert$ の二乗平均平方根",
    },
    "measure.axis.weight-gradient": {
        "en": r"weights' gradient $\Vert\partial C/\partial W^l\Vert$",
        "ja": r"重みの勾配 $\Vert\partial C/\partial W^l\Vert$",
    },
    "measure.axis.update-ratio": {
        "en": r"update ratio $\Vert\Delta W^l\Vert/\Vert W^l\Vert$ of a step",
        "ja": r"1 ステップの更新比 $\Vert\Delta W^l\Vert/\Vert W^l\Vert$",
    },
    "diverged.run": {
        "en": "diverged in epoch {epoch}: a number became infinite or undefined (0/0) and the run stopped; the "
        "epochs before it are shown",
        "ja": "エポック {epoch} で発散：値が無限大または未定義（0/0）になったため学習を止めた；それ以前のエポックを示す",
    },
    # --- init-norms and compare-inits -----------------------------------------------------------
    "speeds.heading": {
        "en": "Speed of learning of each hidden layer at initialisation",
        "ja": "初期化直後の各隠れ層の学習の速さ",
    },
    "speeds.measure": {
        "en": "measure: {measure}, over {digits}", "ja": "指標：{measure}、{digits}",
    },
    "speeds.last_over_first": {
        "en": "last hidden layer / first (median over the networks): {ratio}x",
        "ja": "最後の隠れ層 / 最初の隠れ層（ネットワークにわたる中央値）：{ratio} 倍",
    },
    "speeds.col.layer": {"en": "hidden layer", "ja": "隠れ層"},
    "speeds.col.median": {"en": "median", "ja": "中央値"},
    "speeds.col.median_ratio_to_previous": {
        "en": "median ratio to layer before", "ja": "前の層に対する比の中央値",
    },
    "compare.heading": {
        "en": "Median speed of learning of each hidden layer at initialisation",
        "ja": "初期化直後の各隠れ層の学習の速さ（中央値）",
    },
    "compare.network": {
        "en": "network {sizes}, {output} output, {cost}, {biases}; each row: the hidden "
        "layers' activation and weights",
        "ja": "ネットワーク {sizes}、出力層は {output}、{cost}、{biases}；各行は隠れ層の活性化関数と重みを変える",
    },
    "compare.level": {
        "en": "last/first near 1 means the layers learn at the same pace",
        "ja": "最後/最初 が 1 に近いほど、各層が同じ速さで学習する",
    },
    "compare.col.activation": {"en": "activation", "ja": "活性化関数"},
    "compare.col.init": {"en": "init", "ja": "初期化"},
    "compare.col.layer": {"en": "layer {l}", "ja": "第 {l} 層"},
    "compare.col.last_over_first": {"en": "last/first", "ja": "最後/最初"},
    # --- training-speed -------------------------------------------------------------------------
    "training.heading": {
        "en": "Speed of learning during training: {h} hidden layers",
        "ja": "学習中の学習の速さ：隠れ層 {h} 層",
    },
    "training.col.epoch": {"en": "epoch", "ja": "エポック"},
    "training.col.layer": {"en": "layer {l}", "ja": "第 {l} 層"},
    "training.col.cost": {"en": "cost", "ja": "誤差"},
    "training.col.dead_layer": {"en": "dead in layer {l}", "ja": "第 {l} 層の死んだユニット"},
    "training.slopes": {
        "en": "PReLU's mean learned slope per hidden layer: {first} before epoch 0, {last} "
        "before epoch {epoch} (every epoch in the JSON)",
        "ja": "PReLU が学習した傾きの各隠れ層での平均：エポック 0 の前 {first}、エポック {epoch} の前 {last}（全エポックは JSON に）",
    },
    "training.dead": {
        "en": "dead units per hidden layer (z ≤ 0 on every one of the {images} training "
        "images; the run has no validation set): {first} before epoch 0, {last} before epoch "
        "{epoch} (every epoch in the csv and JSON)",
        "ja": "各隠れ層の死んだユニット（訓練用の画像 {images} 枚すべてで z ≤ 0；この実験に検証データはない）：エポック 0 の前 {first}、エポック {epoch} の前 {last}（全エポックは csv と JSON に）",
    },
    # --- depth-accuracy -------------------------------------------------------------------------
    "depth.heading": {"en": "Validation accuracy against depth", "ja": "深さと検証データの正解率"},
    "depth.validation": {
        "en": "{validation} validation digits; {networks} network(s) per depth (seed {seed})",
        "ja": "検証用の数字画像 {validation} 枚；各深さで {networks} 個のネットワーク（シード {seed}）",
    },
    "depth.col.hidden": {"en": "hidden layers", "ja": "隠れ層の数"},
    "depth.col.network": {"en": "network", "ja": "ネットワーク"},
    "depth.col.accuracy": {"en": "accuracy", "ja": "正解率"},
    "depth.col.standard_error": {"en": "± 1 s.e. (binomial)", "ja": "± 標準誤差（二項分布）"},
    "depth.col.min": {"en": "min", "ja": "最小"},
    "depth.col.max": {"en": "max", "ja": "最大"},
    "depth.col.runs_diverged": {"en": "runs diverged (of {runs})", "ja": "発散した回数（{runs} 回中）"},
    "depth.diverged": {"en": "diverged", "ja": "発散"},
    "depth.diverged_note": {
        "en": "diverged: a number became infinite or undefined (0/0); its accuracy is left out (null in "
        "the JSON)",
        "ja": "発散：値が無限大または未定義（0/0）になった実行；その正解率は除外（JSON では null）",
    },
    # --- neuron-bars ----------------------------------------------------------------------------
    "bars.heading": {
        "en": "|∂C/∂b| at initialisation, first {neurons} neurons of each hidden layer",
        "ja": "初期化直後の |∂C/∂b|（各隠れ層の最初の {neurons} 個のニューロン）",
    },
    "bars.mean": {
        "en": "mean over {digits}; network 0 of seed {seed}",
        "ja": "{digits} にわたる平均；シード {seed} の 0 番目のネットワーク",
    },
    "bars.col.layer": {"en": "hidden layer", "ja": "隠れ層"},
    "bars.col.neuron": {"en": "neuron {j}", "ja": "ニューロン {j}"},
}

#: Each measure's symbol in a table cell, the same in both languages: a formula.
SYMBOLS = {"bias-gradient": "‖∂C/∂b‖", "delta-rms": "rms δ", "weight-gradient": "‖∂C/∂W‖",
           "update-ratio": "‖ΔW‖/‖W‖"}
STRINGS.update({f"measure.short.{name}": {"en": symbol, "ja": symbol}
                for name, symbol in SYMBOLS.items()})

#: A band over runs, 10–90 % from ten runs on and the range below: its name, its two ends in
#: one cell, and each end as a column header (band.KIND, band.cell.KIND, band.low.KIND,
#: band.high.KIND), in English and in Japanese.
BANDS = {
    "p10-p90": (("10–90 %", "10 %, 90 %", "10th pct", "90th pct"),
                ("10–90 %", "10 %, 90 %", "10 パーセンタイル", "90 パーセンタイル")),
    "min-max": (("min–max", "min, max", "min", "max"), ("最小–最大", "最小, 最大", "最小", "最大")),
}
STRINGS.update({f"band.{part}{kind}": {"en": en, "ja": ja}
                for kind, words in BANDS.items()
                for part, en, ja in zip(("", "cell.", "low.", "high."), *words)})
