"""Batch normalisation over weight scales (``experiment batch-norm-scales``):
key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "bns.arm.0": {"en": "without batch norm", "ja": "バッチ正規化なし"},
    "bns.arm.1": {"en": "with batch norm", "ja": "バッチ正規化あり"},
    # the scale sweep
    "bns.heading": {
        "en": "Batch normalisation against the weights' scale, as in Saito (2016), section "
        "6.3.2: accuracy after {epochs} epochs with weights N(0, w²)",
        "ja": "重みのスケールとバッチ正規化（斎藤 2016、6.3.2 節のとおり）：重み N(0, w²) で "
        "{epochs} エポック学習した後の正解率",
    },
    "bns.network": {
        "en": "[784, {width} × {hidden}, 10], {act} hidden layers, {output} output, biases 0; "
        "batch norm before φ in every hidden layer (ε = {eps}); mini-batch SGD, batch "
        "{batch}, η = {eta}, on {images} digits ({data}); {networks} network(s) per scale and "
        "arm, network i of both arms from one draw (seed {seed})",
        "ja": "[784, {width} × {hidden}, 10]、隠れ層は {act}、出力層は {output}、バイアス 0；"
        "バッチ正規化は各隠れ層の φ の前（ε = {eps}）；ミニバッチ SGD（バッチ {batch}、η = {eta}）、"
        "画像 {images} 枚（{data}）；スケールと設定ごとにネットワーク {networks} 個、両設定の i 番目は"
        "同じ乱数から（シード {seed}）",
    },
    "bns.title": {
        "en": "Accuracy after training (median over the networks) and the top hidden layer's "
        "spread at initialisation, per weight scale w",
        "ja": "重みのスケール w ごとの学習後の正解率（ネットワークの中央値）と初期化直後の最上位の"
        "隠れ層の広がり",
    },
    "bns.col.scale": {"en": "w", "ja": "w"},
    "bns.col.train_0": {"en": "training, no BN", "ja": "訓練 BN なし"},
    "bns.col.train_1": {"en": "training, BN", "ja": "訓練 BN あり"},
    "bns.col.validation_0": {"en": "validation, no BN", "ja": "検証 BN なし"},
    "bns.col.validation_1": {"en": "validation, BN", "ja": "検証 BN あり"},
    "bns.col.z_std_0": {"en": "std z at init, no BN", "ja": "初期の z の標準偏差 BN なし"},
    "bns.col.z_std_1": {"en": "std z at init, BN", "ja": "初期の z の標準偏差 BN あり"},
    "bns.note": {
        "en": "training: accuracy on the {images} training digits (what the book plots); "
        "validation: on {validation} others; std z: over the training digits and units of the "
        "last hidden layer's input of φ before any step; —: every run diverged",
        "ja": "訓練：訓練用の画像 {images} 枚での正解率（本書の図のもの）；検証：別の {validation} "
        "枚；z の標準偏差：学習前の最後の隠れ層の φ への入力の、訓練画像とユニットにわたる値；"
        "—：すべての実行が発散",
    },
    # one sigmoid unit's input
    "bns.inputs.heading": {
        "en": "The input of one sigmoid unit during training, as in Ioffe and Szegedy (2015), "
        "Fig. 1: unit {unit} of hidden layer {layer} of [784, {width} × {layer}, 10], weights "
        "{law}, batch {batch}, η = {eta}, {images} training digits",
        "ja": "学習中の一つのシグモイドユニットへの入力（Ioffe と Szegedy 2015、図 1 のとおり）："
        "[784, {width} × {layer}, 10] の第 {layer} 隠れ層のユニット {unit}、重み {law}、"
        "バッチ {batch}、η = {eta}、訓練画像 {images} 枚",
    },
    "bns.col.epoch": {"en": "epoch", "ja": "エポック"},
    "bns.col.step": {"en": "step", "ja": "ステップ"},
    "bns.col.accuracy_0": {"en": "accuracy, no BN", "ja": "正解率 BN なし"},
    "bns.col.accuracy_1": {"en": "accuracy, BN", "ja": "正解率 BN あり"},
    "bns.col.p15_0": {"en": "15 %, no BN", "ja": "15 % BN なし"},
    "bns.col.p50_0": {"en": "50 %, no BN", "ja": "50 % BN なし"},
    "bns.col.p85_0": {"en": "85 %, no BN", "ja": "85 % BN なし"},
    "bns.col.p15_1": {"en": "15 %, BN", "ja": "15 % BN あり"},
    "bns.col.p50_1": {"en": "50 %, BN", "ja": "50 % BN あり"},
    "bns.col.p85_1": {"en": "85 %, BN", "ja": "85 % BN あり"},
    "bns.inputs.note": {
        "en": "validation accuracy and the 15th, 50th and 85th percentiles of the unit's input "
        "over {validation} validation digits at the end of each epoch shown; with batch norm "
        "the input is γ x̂ + β, normalised by those digits' own statistics (the training "
        "network); over the {steps} steps the median moved by {drift_0} without batch norm and "
        "by {drift_1} with it",
        "ja": "各エポックの終わりの検証正解率と、検証用の画像 {validation} 枚にわたるユニットへの入力の"
        " 15・50・85 パーセンタイル；バッチ正規化ありでは入力は γ x̂ + β（その画像自身の統計で正規化、"
        "学習時のネットワーク）；{steps} ステップの間に中央値はバッチ正規化なしで {drift_0}、"
        "ありで {drift_1} 動いた",
    },
    "bns.diverged": {
        "en": "{arm}: diverged in epoch {epoch}", "ja": "{arm}：エポック {epoch} で発散",
    },
    # the figures
    "fig.bn_scales": {
        "en": "Batch norm against the weights' scale ({hidden} × {width} {act}, {epochs} "
        "epochs)",
        "ja": "重みのスケールとバッチ正規化（{act} {width} ユニット × {hidden} 層、{epochs} エポック）",
    },
    "bns.fig.accuracy": {"en": "accuracy after training", "ja": "学習後の正解率"},
    "bns.fig.scale": {"en": "weight scale $w$: $N(0, w^2)$", "ja": "重みのスケール $w$：$N(0, w^2)$"},
    "bns.fig.z_std": {
        "en": "std of the top layer's $z$ at initialisation",
        "ja": "初期化直後の最上位の層の $z$ の標準偏差",
    },
    "bns.fig.training": {"en": "{arm}, training digits", "ja": "{arm}・訓練データ"},
    "bns.fig.validation": {"en": "{arm}, validation digits", "ja": "{arm}・検証データ"},
    "bns.fig.diverged": {"en": "diverged", "ja": "発散"},
    "fig.bn_inputs": {
        "en": "The input of one sigmoid unit during training (layer {layer}, unit {unit})",
        "ja": "学習中の一つのシグモイドユニットへの入力（第 {layer} 層、ユニット {unit}）",
    },
    "bns.fig.steps": {"en": "training steps", "ja": "学習ステップ数"},
    "bns.fig.test_accuracy": {"en": "validation accuracy", "ja": "検証データの正解率"},
    "bns.fig.input": {"en": "input $z$ of the sigmoid", "ja": "シグモイドへの入力 $z$"},
    "bns.fig.band": {"en": "15th–85th percentile", "ja": "15〜85 パーセンタイル"},
    "bns.fig.median": {"en": "median", "ja": "中央値"},
}
