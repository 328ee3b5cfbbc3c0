"""The words of ``analytic reproduce``: the references, their sources, their lines, what their
tolerances mean and what differs from the papers' set-ups: key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- the run ---------------------------------------------------------------------------------
    "reproduce.mode.quick": {"en": "quick run", "ja": "簡易実行"},
    "reproduce.mode.full": {"en": "full run", "ja": "完全実行"},
    "reproduce.heading": {
        "en": "The published numbers this tool reproduces, re-run now",
        "ja": "このツールが再現する公表値を、いま計算し直した結果",
    },
    "reproduce.run": {
        "en": "{mode} on {data}, {seconds} s: {lines} lines, {passed} pass, {failed} fail, "
        "{not_judged} not judged",
        "ja": "{mode}（{data}）、{seconds} 秒：{lines} 行、合格 {passed}、不合格 {failed}、判定せず {not_judged}",
    },
    "reproduce.how": {
        "en": "each line: the published value (or the theory's), the value computed now, and "
        "the interval the tested one of the two must lie in; each table's note says what its "
        "tolerance means and what differs between the paper's set-up and ours",
        "ja": "各行：公表値（または理論値）、いま計算した値、そのどちらか一方が入るべき区間。各表の注に、許容範囲の意味と、論文の設定と本ツールの設定の違いを記す",
    },
    "reproduce.exit": {
        "en": "exit code 1: some line fails", "ja": "終了コード 1：不合格の行がある",
    },
    "reproduce.col.item": {"en": "line", "ja": "項目"},
    "reproduce.col.computed": {"en": "computed now", "ja": "今回の計算値"},
    "reproduce.col.low": {"en": "accepted from", "ja": "許容範囲の下限"},
    "reproduce.col.high": {"en": "to", "ja": "上限"},
    "reproduce.col.tolerance": {"en": "tolerance", "ja": "許容の種類"},
    "reproduce.col.result": {"en": "result", "ja": "判定"},
    "reproduce.status.pass": {"en": "pass", "ja": "合格"},
    "reproduce.status.fail": {"en": "FAIL", "ja": "不合格"},
    "reproduce.status.not_judged": {"en": "not judged", "ja": "判定せず"},
    "reproduce.tol.prediction": {
        "en": "published in 99 % prediction interval ({n} networks)",
        "ja": "公表値が 99 % 予測区間内（{n} 個のネットワーク）",
    },
    "reproduce.tol.relative": {
        "en": "computed within ±{percent} % of the theory's",
        "ja": "計算値が理論値の ±{percent} % 以内",
    },
    "reproduce.tol.band": {
        "en": "computed in the theory's band ± 3 s.e. ({n} networks)",
        "ja": "計算値が理論の帯 ± 標準誤差 3 つ分の内（{n} 個のネットワーク）",
    },
    "reproduce.tol.all": {
        "en": "computed share exactly 1 ({n} networks)",
        "ja": "計算した割合がちょうど 1（{n} 個のネットワーク）",
    },
    "reproduce.tol.exact": {
        "en": "computed within 10⁻⁶ of the formula's (relative)",
        "ja": "計算値が式の値の相対 10⁻⁶ 以内",
    },
    "reproduce.tol.width": {
        "en": "computed within 3 s.e. + (L/N)·|value| ({n} networks)",
        "ja": "計算値が 値 ± (標準誤差 3 つ分 + (L/N)·|値|) の内（{n} 個のネットワーク）",
    },
    "reproduce.tol.none": {"en": "—", "ja": "—"},
    "reproduce.reason.few": {
        "en": "fewer than two networks: no spread to judge by",
        "ja": "ネットワークが 2 個未満で、判定に使うばらつきがない",
    },
    # --- what a line is, and what its published value is ----------------------------------------
    "reproduce.item.layer": {"en": "{sizes}: hidden layer {l}", "ja": "{sizes}：隠れ層 {l}"},
    "reproduce.item.ratio": {
        "en": "{sizes}: layer {l} / layer {k}", "ja": "{sizes}：隠れ層 {l} ÷ 隠れ層 {k}",
    },
    "reproduce.item.trained": {
        "en": "{sizes}: hidden layer {l}, epoch {epoch}",
        "ja": "{sizes}：隠れ層 {l}、エポック {epoch}",
    },
    "reproduce.item.last_over_first": {
        "en": "{sizes}: layer {h} / layer 1, epoch {epoch}",
        "ja": "{sizes}：隠れ層 {h} ÷ 隠れ層 1、エポック {epoch}",
    },
    "reproduce.item.accuracy": {"en": "{sizes}", "ja": "{sizes}"},
    "reproduce.item.factor": {
        "en": "{act}, weights {init}: Var[z] per layer, layer 1 to {hidden}",
        "ja": "{act}、重み {init}：1 層あたりの Var[z] の倍率（隠れ層 1 から {hidden} まで）",
    },
    "reproduce.item.critical": {
        "en": "{act}, σ_b² = {sb2}: the critical σ_w²", "ja": "{act}、σ_b² = {sb2}：臨界の σ_w²",
    },
    "reproduce.item.bound": {
        "en": "{act} (γ = {gamma}): networks with λ₁ < {bound} that obey the bound at every "
        "step ({eligible} of {samples})",
        "ja": "{act}（γ = {gamma}）：λ₁ < {bound} のネットワークのうち、すべてのステップで上界を満たすもの（{samples} 個中 {eligible} 個）",
    },
    "reproduce.item.jacobian_moment": {
        "en": "{act}, W ~ {law}, L = {L}: {moment}", "ja": "{act}、W ~ {law}、L = {L}：{moment}",
    },
    "reproduce.item.isometry": {
        "en": "{act}, W ~ {law}, L = {L}: share of σ within {rounding} of 1",
        "ja": "{act}、W ~ {law}、L = {L}：1 との差が {rounding} 以内の σ の割合",
    },
    "reproduce.value.published": {"en": "published{unit}", "ja": "公表値{unit}"},
    "reproduce.value.limit": {"en": "paper's (N → ∞)", "ja": "論文の値（N → ∞）"},
    "reproduce.value.theory": {"en": "√χ₁ (theory)", "ja": "√χ₁（理論値）"},
    "reproduce.value.formula": {"en": "paper's value", "ja": "論文の値"},
    "reproduce.unit.%": {"en": " (%)", "ja": "（%）"},
    # --- the chapter's speeds at initialisation ------------------------------------------------
    "reproduce.speeds-initial.title": {
        "en": "Speeds of learning ‖δ^l‖ at initialisation — Nielsen (2015), Neural Networks and "
        "Deep Learning, ch. 5, “The vanishing gradient problem” (the values to all digits: the "
        "book's figure data, fig/norms_during_training_H_layers.json, epoch 0)",
        "ja": "初期化直後の学習の速さ ‖δ^l‖ — Nielsen (2015)『ニューラルネットワークと深層学習』第5章「消失勾配問題」（全桁の値は本書の図のデータ、エポック 0）",
    },
    "reproduce.speeds-initial.note": {
        "en": "Computed: the median of {n} networks. Tolerance: each published value comes "
        "from one network, so it must lie in the 99 % prediction interval for one more of "
        "ours (from the logarithms of their values, Student's t). Differs: the chapter drew one "
        "network of each depth and measured it on the first 1,000 training digits of its "
        "MNIST; ours are 1,000 class-balanced digits of {data}. Network (sigmoid everywhere, "
        "cross-entropy cost, weights N(0, 1/n_in), biases N(0, 1)) and statistic (the norm of "
        "the mean over the digits of ∂C/∂b^l) are the chapter's.",
        "ja": "計算値：{n} 個のネットワークの中央値。許容範囲：公表値はそれぞれ 1 個のネットワークから得たものなので、本ツールのネットワークをもう 1 個引いたときの 99 % 予測区間（値の対数から、スチューデントの t 分布で作る）に入ればよい。違い：本章は深さごとに 1 個のネットワークを引き、その MNIST の訓練用の先頭 1,000 枚で測った。本ツールは{data}から各数字同数の 1,000 枚を引く。ネットワーク（全層シグモイド、交差エントロピー誤差、重み N(0, 1/n_in)、バイアス N(0, 1)）と統計量（画像にわたる ∂C/∂b^l の平均のノルム）は本章と同じ。",
    },
    # --- ... and after training -----------------------------------------------------------------
    "reproduce.speeds-trained.title": {
        "en": "Speeds of learning after 500 epochs of full-batch descent — Nielsen (2015), ch. 5, "
        "figures “Speed of learning: H hidden layers” (their data, epoch 499); the text: the "
        "first of four hidden layers learns “roughly 100 times slower” than the last",
        "ja": "全データでの勾配降下 500 エポック後の学習の速さ — Nielsen (2015) 第5章の図「学習の速さ：隠れ層 H 層」（そのデータのエポック 499）。本文：隠れ層 4 層では最初の層が最後の層より「約 100 倍遅い」",
    },
    "reproduce.speeds-trained.note": {
        "en": "Computed: the median of {n} trained networks (seeds 0 to {last}). Tolerance: as "
        "at initialisation, the published value in the 99 % prediction interval for one more "
        "of our networks. Differs: the chapter trained one network of each depth on its first "
        "1,000 training digits (mini-batches of all 1,000, η = 0.1, λ = 5.0 over n = 1,000); "
        "ours train the same way on 1,000 class-balanced digits of {data}. The value is the "
        "speed before the last of the 500 steps, as the figure's last point.",
        "ja": "計算値：学習させた {n} 個のネットワーク（シード 0〜{last}）の中央値。許容範囲：初期化直後と同じく、公表値が本ツールのネットワークもう 1 個の 99 % 予測区間に入ること。違い：本章は深さごとに 1 個のネットワークを、その訓練用の先頭 1,000 枚で学習させた（1,000 枚すべてを 1 つのミニバッチとし、η = 0.1、n = 1,000 に対して λ = 5.0）。本ツールは{data}の各数字同数の 1,000 枚で同じように学習させる。値は図の最後の点と同じく、500 ステップの最後のステップの直前の速さ。",
    },
    # --- the accuracy against depth -------------------------------------------------------------
    "reproduce.accuracy-depth.title": {
        "en": "Validation accuracy against depth — Nielsen (2015), ch. 5: 96.48, 96.90, 96.57 "
        "and 96.53 % with 1 to 4 hidden layers",
        "ja": "深さと検証データの正解率 — Nielsen (2015) 第5章：隠れ層 1〜4 層で 96.48、96.90、96.57、96.53 %",
    },
    "reproduce.accuracy-depth.note": {
        "en": "Computed: the mean of {n} networks per depth, trained on {images} digits of "
        "{data} and validated on {validation} held-out ones. Tolerance: each published accuracy "
        "is one network's, so it must lie in the 99 % prediction interval for one more of ours: "
        "their mean ± t s √(1 + 1/K), s the spread between seeds pooled over the four depths, "
        "widened by the binomial errors of the chapter's 10,000 validation digits and of ours. "
        "Differs: the chapter's 50,000 training digits are the first of MNIST's; ours a "
        "class-balanced draw, and ours validate on the held-out digits of {data} (the book's "
        "validation set in its pickle, the test set of the IDX or npz forms).",
        "ja": "計算値：深さごとに {n} 個のネットワークの平均。{data}の {images} 枚で学習させ、取り分けた {validation} 枚で検証した。許容範囲：公表値はそれぞれ 1 個のネットワークの正解率なので、本ツールのネットワークもう 1 個の 99 % 予測区間（平均 ± t s √(1 + 1/K)、s はシード間のばらつきを 4 つの深さでまとめたもの）に、本章の検証用 10,000 枚と本ツールの検証用画像の二項誤差を加えた区間に入ればよい。違い：本章の訓練用 50,000 枚は MNIST の先頭の画像。本ツールは各数字同数に引き、{data}の取り分けた画像（本書の pickle では検証用、IDX と npz では試験用）で検証する。",
    },
    "reproduce.accuracy-depth.standin": {
        "en": "Not judged: {why}. What stands in: {n} network(s) per depth trained on {images} "
        "digits of {data} and validated on {validation} others. Fewer training digits give a "
        "lower accuracy, and λ = 5.0 over n = {images} shrinks the weights {shrink} times more "
        "per step than over the chapter's 50,000, which stalls the deepest network: this run "
        "cannot judge the chapter's accuracies.",
        "ja": "判定せず：{why}。代わりに実行したもの：深さごとに {n} 個のネットワークを{data}の {images} 枚で学習させ、別の {validation} 枚で検証した。訓練用の画像が少ないほど正解率は下がり、n = {images} に対する λ = 5.0 は本章の 50,000 枚のときよりステップごとに重みを {shrink} 倍強く縮めるので、最も深いネットワークは学習が止まる。この実行では本章の正解率を判定できない。",
    },
    "reproduce.reason.sample": {
        "en": "the chapter trained on 50,000 digits; give a full MNIST with --data to judge",
        "ja": "本章は 50,000 枚で学習させた。判定するには MNIST 全体を --data で与える",
    },
    "reproduce.reason.quick": {
        "en": "the quick run leaves out the chapter's 50,000-digit runs; run without --quick",
        "ja": "簡易実行では本章の 50,000 枚の学習を省く。--quick なしで実行すると判定する",
    },
    # --- mean field ----------------------------------------------------------------------------
    "reproduce.meanfield.title": {
        "en": "Mean field: the gradient changes by √χ₁ per layer — Poole et al. (2016), "
        "Schoenholz et al. (2017); χ₁ = σ_w² E[φ′(√q* z)²]",
        "ja": "平均場：勾配は 1 層ごとに √χ₁ 倍になる — Poole ら (2016)、Schoenholz ら (2017)；χ₁ = σ_w² E[φ′(√q* z)²]",
    },
    "reproduce.meanfield.note": {
        "en": "Computed: the median ratio of consecutive layers' speeds over {n} networks (the "
        "first table's, earlier over later). Tolerance: within ±{percent} % of √χ₁: the medians "
        "of {n} networks of width 30 scatter by one or two per cent between seeds, and the "
        "theory is exact only as the width grows. Differs: the theory is for wide random "
        "networks at the fixed point q*; ours is the chapter's network (σ_w = 1, σ_b = 1, "
        "width 30) on digits, its statistic the norm of the batch-mean gradient.",
        "ja": "計算値：{n} 個のネットワークにわたる、隣り合う層の学習の速さの比（手前の層 ÷ 後ろの層、最初の表と同じもの）の中央値。許容範囲：√χ₁ の ±{percent} % 以内。幅 30 のネットワーク {n} 個の中央値はシードによって 1〜2 % ばらつき、理論は幅が大きくなる極限でのみ厳密。違い：理論は固定点 q* にある幅の広いランダムなネットワークのもの。本ツールは本章のネットワーク（σ_w = 1、σ_b = 1、幅 30）を数字画像で測り、統計量はバッチ平均の勾配のノルム。",
    },
    # --- variance preservation -----------------------------------------------------------------
    "reproduce.variance-he.title": {
        "en": "He initialisation keeps Var[z] across ReLU layers — He et al. (2015), §2.2, "
        "Eq. (10): ½ n_l Var[w_l] = 1",
        "ja": "He の初期化は ReLU 層をまたいで Var[z] を保つ — He ら (2015)、§2.2、式 (10)：½ n_l Var[w_l] = 1",
    },
    "reproduce.variance-glorot.title": {
        "en": "Normalised initialisation keeps Var[z] across tanh layers in their linear "
        "regime — Glorot and Bengio (2010), §4.2.1, Eq. (16): n Var[W] = 1 between equal layers",
        "ja": "正規化初期化は tanh 層の線形領域で Var[z] を保つ — Glorot・Bengio (2010)、§4.2.1、式 (16)：同じ幅の層の間で n Var[W] = 1",
    },
    "reproduce.variance.note": {
        "en": "Computed: (the mean over {n} networks of Var[z] in the last hidden layer over "
        "the first)^(1/{steps}), {hidden} hidden layers of {width} units, zero biases, fed "
        "1,000 digits of {data}. Tolerance: the variance map multiplies Var[z] = q by "
        "σ_w² E[φ(√q z)²]/q per layer, which lies between its linear regime's (the paper's) "
        "and its value at the largest first-layer q ({q}): {floor}; the band is widened by "
        "three standard errors of the computed factor. {differs}",
        "ja": "計算値：{n} 個のネットワークにわたる、最後の隠れ層と最初の隠れ層の Var[z] の比の平均の 1/{steps} 乗。隠れ層は {width} ユニットの {hidden} 層、バイアス 0、入力は{data}から引いた 1,000 枚。許容範囲：分散の写像は 1 層ごとに Var[z] = q を σ_w² E[φ(√q z)²]/q 倍する。この倍率は線形領域の値（論文の値）と、最初の層の最大の q（{q}）での値 {floor} の間にある。その帯を計算値の標準誤差 3 つ分だけ広げる。{differs}",
    },
    "reproduce.variance-he.differs": {
        "en": "Differs: He et al. derive it for the convolutional ReLU layers of ImageNet "
        "models; ours are dense layers on digits. For ReLU the factor is the same at every q.",
        "ja": "違い：He らは ImageNet のモデルの畳み込み ReLU 層について導いた。本ツールは数字画像に対する全結合層。ReLU では倍率はどの q でも同じ。",
    },
    "reproduce.variance-glorot.differs": {
        "en": "Differs: Glorot and Bengio derive it for tanh's linear regime (tanh′(0) = 1) and "
        "show 1,000-unit layers on Shapeset-3×2 images; at q = {q} tanh is not linear, so "
        "Var[z] still falls from layer to layer, by no more than the band allows.",
        "ja": "違い：Glorot・Bengio は tanh の線形領域（tanh′(0) = 1）について導き、Shapeset-3×2 の画像に対する 1,000 ユニットの層で示した。q = {q} では tanh は線形でないので、Var[z] は層ごとにまだ減るが、その減り方は帯の許す範囲に収まる。",
    },
    # --- Pascanu et al. --------------------------------------------------------------------------
    "reproduce.pascanu.title": {
        "en": "λ₁ < 1/γ is sufficient for vanishing gradients through time — Pascanu, Mikolov "
        "and Bengio (2013), §2.1: ‖∂C/∂h_t‖ ≤ (λ₁γ)^(T−t) ‖∂C/∂h_T‖",
        "ja": "λ₁ < 1/γ は時間方向の勾配消失の十分条件 — Pascanu・Mikolov・Bengio (2013)、§2.1：‖∂C/∂h_t‖ ≤ (λ₁γ)^(T−t) ‖∂C/∂h_T‖",
    },
    "reproduce.pascanu.note": {
        "en": "Computed: the share of our networks with λ₁ < 1/γ (λ₁ the largest singular value "
        "of W, γ the largest φ′) whose ‖∂C/∂h_t‖ stay under the bound at every step t. "
        "Tolerance: all of them, since the bound is a theorem (10⁻⁹ per step allowed for the "
        "rounding of the logarithms). Differs: the paper states it for any recurrent network; "
        "ours are the random networks of experiment rnn (32 units, weak inputs, T = {steps}, "
        "spectral radii 0.5 to 2).",
        "ja": "計算値：λ₁ < 1/γ（λ₁ は W の最大特異値、γ は φ′ の最大値）を満たすネットワークのうち、‖∂C/∂h_t‖ がすべてのステップ t で上界以下にとどまるものの割合。許容範囲：上界は定理なので、すべて（対数の丸め誤差としてステップあたり 10⁻⁹ を許す）。違い：論文はあらゆる再帰型ネットワークについて述べる。本ツールは experiment rnn のランダムなネットワーク（ユニット 32 個、弱い入力、T = {steps}、スペクトル半径 0.5〜2）。",
    },
    # --- dynamical isometry --------------------------------------------------------------------
    "reproduce.pennington.title": {
        "en": "ReLU networks cannot be isometric; orthogonal hard-tanh networks nearly are — "
        "Pennington, Schoenholz and Ganguli (2017), “Resurrecting the sigmoid in deep learning "
        "through dynamical isometry”, NeurIPS (arXiv:1711.04735): at χ₁ = 1, "
        "m₁ = (σ_w² p)^L = 1 and σ²_JJᵀ = L/p with Gaussian weights, L(1 − p)/p with "
        "orthogonal ones",
        "ja": "ReLU ネットワークは等長になれず、直交重みの hard tanh ネットワークはほぼ等長 — "
        "Pennington・Schoenholz・Ganguli (2017)「動的等長性による深層学習でのシグモイドの復活：理論と実践」"
        "NeurIPS (arXiv:1711.04735)：χ₁ = 1 で "
        "m₁ = (σ_w² p)^L = 1、σ²_JJᵀ はガウス重みで L/p、直交重みで L(1 − p)/p",
    },
    "reproduce.pennington.note": {
        "en": "Computed: the mean over {n} networks {width} units wide, at the critical point "
        "(σ_w, σ_b) whose fixed point is q* = {q} and fed x⁰ = φ(h⁰), h⁰ ~ N(0, q*), of "
        "m₁ = (1/N) Σ σ_i² and σ²/m₁² of JJᵀ's spectrum (σ_i the singular values of "
        "J = ∂x^L/∂x^0); p = 1/2 for ReLU and erf(1/√(2q*)) = {p} for hard tanh. Tolerance: "
        "three standard errors over the networks plus (L/N)·|value|, the order of the "
        "finite-width corrections. Differs: the paper's values are the limit N → ∞ of its "
        "free-probability calculation; ours are networks of {width} units.",
        "ja": "計算値：幅 {width} の {n} 個のネットワークにわたる、JJᵀ のスペクトルの m₁ = (1/N) Σ σ_i² と "
        "σ²/m₁² の平均（σ_i は J = ∂x^L/∂x^0 の特異値）。ネットワークは固定点が q* = {q} となる臨界点 "
        "(σ_w, σ_b) に置き、入力は x⁰ = φ(h⁰)、h⁰ ~ N(0, q*)。p は ReLU で 1/2、hard tanh で "
        "erf(1/√(2q*)) = {p}。許容範囲：ネットワーク間の標準誤差 3 つ分に (L/N)·|値|（有限幅の補正の大きさ）"
        "を加えたもの。違い：論文の値は自由確率論による計算の N → ∞ の極限。本ツールは幅 {width} のネットワーク。",
    },
    "reproduce.saxe.title": {
        "en": "A product of Gaussian matrices spreads its singular values, most of them towards "
        "0; a product of orthogonal ones keeps every one at 1 — Saxe, McClelland and Ganguli "
        "(2013), “Exact solutions to the nonlinear dynamics of learning in deep linear neural "
        "networks” (arXiv:1312.6120); the spread: m₂ = L + 1 at m₁ = 1 (the Fuss–Catalan law)",
        "ja": "ガウス行列の積は特異値を広げ、その多くを 0 の側へ寄せる。直交行列の積はすべてを 1 に保つ — "
        "Saxe・McClelland・Ganguli (2013)「深い線形ニューラルネットワークの学習の非線形ダイナミクスの厳密解」"
        "(arXiv:1312.6120)；広がり：m₁ = 1 のもとで m₂ = L + 1（フス・カタラン則）",
    },
    "reproduce.saxe.note": {
        "en": "Computed: deep linear networks (φ(z) = z) {width} units wide, {n} of each: the "
        "mean of m₂ = (1/N) Σ σ_i⁴ of J = W^L ⋯ W^1 with Gaussian weights N(0, 1/N), beside "
        "its limit L + 1 (the moments of a product of L Gaussian matrices: the mean σ² stays "
        "1 while the variance L grows, so most σ fall towards 0 and a few large ones carry "
        "the mean); and the share of the orthogonal product's σ within {rounding} of 1. "
        "Tolerance: m₂ within three standard errors plus (L/N)·(L + 1); the share exactly 1. "
        "Differs: the paper trains deep linear networks and shows how their initial spectrum "
        "sets the learning time; only the spectrum at initialisation is measured here.",
        "ja": "計算値：幅 {width} の深い線形ネットワーク（φ(z) = z）をそれぞれ {n} 個。ガウス重み N(0, 1/N) の "
        "J = W^L ⋯ W^1 の m₂ = (1/N) Σ σ_i⁴ の平均と、その極限 L + 1（L 個のガウス行列の積のモーメント："
        "σ² の平均は 1 のまま分散 L が増えるので、多くの σ は 0 の側へ寄り、少数の大きな σ が平均を担う）。"
        "および直交行列の積の σ のうち 1 との差が {rounding} 以内のものの割合。許容範囲：m₂ は標準誤差 3 つ分に "
        "(L/N)·(L + 1) を加えた範囲、割合はちょうど 1。違い：論文は深い線形ネットワークを学習させ、初期の"
        "スペクトルが学習時間を決めることを示す。ここでは初期化直後のスペクトルだけを測る。",
    },
    # --- the order-chaos line -------------------------------------------------------------------
    "reproduce.order-chaos.title": {
        "en": "Where the order–chaos line χ₁ = 1 meets the axes — Poole et al. (2016), "
        "Schoenholz et al. (2017): tanh at σ_w² = 1/tanh′(0)² = 1 when σ_b = 0, ReLU at "
        "σ_w² = 2 whatever σ_b",
        "ja": "秩序とカオスの境界 χ₁ = 1 が軸と交わる点 — Poole ら (2016)、Schoenholz ら (2017)："
        "σ_b = 0 の tanh は σ_w² = 1/tanh′(0)² = 1、ReLU は σ_b によらず σ_w² = 2",
    },
    "reproduce.order-chaos.note": {
        "en": "Computed: the critical σ_w² that theory depth-scale and experiment trainability "
        "draw, found by a grid and 60 bisections of χ₁ at the fixed point q*. Tolerance: "
        "10⁻⁶ relative: near the line the iterated q* approaches its fixed point ever more "
        "slowly (tanh's q* falls to 0 at σ_b = 0), which the search leaves at 10⁻⁷. Differs: nothing; the papers state these "
        "points for the same wide random networks (weights N(0, σ_w²/n_in), biases "
        "N(0, σ_b²)).",
        "ja": "計算値：深さのスケールと訓練可能性の地図が描く臨界の σ_w²。固定点 q* での "
        "χ₁ を格子と 60 回の二分法で探したもの。許容範囲：相対 10⁻⁶。境界の近くでは反復した q* が固定点にますますゆっくり近づき（σ_b = 0 の tanh では q* が 0 に向かう）、探索には 10⁻⁷ の誤差が残る。違い："
        "なし。論文は同じ幅の広いランダムなネットワーク（重み N(0, σ_w²/n_in)、バイアス "
        "N(0, σ_b²)）についてこれらの点を述べている。",
    },
    "reproduce.reason.none_eligible": {
        "en": "no network has λ₁ < 1/γ", "ja": "λ₁ < 1/γ のネットワークがない",
    },
}
