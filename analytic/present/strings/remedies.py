"""The remedies in action (table and figure): key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
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
    "remedies.measure": {"en": "measure {measure}", "ja": "指標 {measure}"},
    "remedies.measured": {
        "en": "accuracy, saturated and dead units measured on {validation} validation digits",
        "ja": "正解率・飽和・死んだユニットは検証用の数字画像 {validation} 枚で測定",
    },
    "remedies.seeds": {
        "en": "each cell: median [{band}] over {seeds} initial networks (seed {seed}; network "
        "s of every row starts from the same draw)",
        "ja": "各セル：{seeds} 個の初期ネットワークの中央値 [{band}]（シード {seed}；各行の s 番目の"
        "ネットワークは同じ乱数から始まる）",
    },
    "remedies.title": {
        "en": "The last hidden layer's measure over the first's, accuracy, and units lost",
        "ja": "最後の隠れ層と最初の隠れ層の指標の比、正解率、働かないユニット",
    },
    "remedies.note": {
        "en": "{measures}; last/first: the last hidden layer's measure over the first's, near "
        "1 = level; saturated: a within {margin} of its range of either end (sigmoid "
        "a ∉ [{low}, {high}], tanh |a| > {tanh}); dead: a rectifier's unit never active on the "
        "validation digits; a diverged run (a number became infinite or undefined) is left out "
        "of the summaries after training; —: no such units, or no run left whose first hidden "
        "layer's measure is not exactly 0",
        "ja": "{measures}；最後/最初：最後の隠れ層の指標と最初の層のものの比、1 に近いほど均等；"
        "飽和：値域の両端から {margin} 以内の a（シグモイドで a ∉ [{low}, {high}]、tanh で "
        "|a| > {tanh}）；死んだユニット：検証用の画像のどれにも活性化しない ReLU 系のユニット；"
        "発散した実行（値が無限大または未定義）は学習後の集計から除く；—：該当するユニットがない、"
        "または最初の隠れ層の指標がちょうど 0 でない実行が残っていない",
    },
    "remedies.note.own": {
        "en": "measure: each row's own, the chapter's ‖∂C/∂b‖, but rms δ for batch norm, whose "
        "backward pass removes the batch mean of δ and so leaves ‖∂C/∂β‖ near 0 below a "
        "batch-norm layer by construction, and for the critical weight scale, chosen so that "
        "mean-field theory's χ₁, the factor of E‖δ‖² per layer, is 1",
        "ja": "指標：行ごとに判定に使う指標。本章の ‖∂C/∂b‖、ただしバッチ正規化では rms δ（その逆伝播が "
        "δ のバッチ平均を取り除くため、バッチ正規化層より下では ‖∂C/∂β‖ が構造上ほぼ 0 になる）、"
        "臨界の重みのスケールでも rms δ（平均場理論の χ₁、すなわち層ごとの E‖δ‖² の倍率が 1 になるよう"
        "選んだもの）",
    },
    "remedies.note.chosen": {
        "en": "measure: {short} for every row, as chosen",
        "ja": "指標：指定により全行で {short}",
    },
    "remedies.col.setup": {"en": "hidden layers, weights, change", "ja": "隠れ層・重み・変更点"},
    "remedies.col.measure": {"en": "measure", "ja": "指標"},
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
        "en": "network {sizes}; line: median over {seeds} initial networks, band: {band}\n"
        "grey dashed: the chapter's sigmoid network; a row measured otherwise says so",
        "ja": "ネットワーク {sizes}；線：{seeds} 個の初期ネットワークの中央値、帯：{band}\n"
        "灰色の破線：本章のシグモイドのネットワーク；別の指標で測った行はそう記す",
    },
    "remedies.fig.layer": {"en": "hidden layer $l$", "ja": "隠れ層 $l$"},
    "remedies.fig.measured": {"en": "\nmeasured by {measure}", "ja": "\n指標：{measure}"},
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
}
