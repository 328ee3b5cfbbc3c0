"""The theory's reports (``analytic problem``, ``analytic derive --explode``, ``analytic
theory``): key -> {lang: text}.

A text of several lines is one string with newlines, so that each language breaks its lines
where it reads best; the reports split it into lines. Formulas are the same in both languages.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # analytic problem sigmoid-window
    "window.title": {
        "en": "The window problem: where can |w σ′(wa + b)| >= 1?",
        "ja": "窓の問題：|w σ′(wa + b)| >= 1 となり得るのはどこか？",
    },
    "window.step1": {
        "en": "(1) σ″(z) = σ′(z)(1 − 2σ(z)) [{ok} by SymPy] vanishes at z = {z}, where "
        "σ′ = {peak}.\n"
        "    So |w σ′(wa + b)| <= |w|/4, and reaching 1 needs |w| >= {min_w}.",
        "ja": "(1) σ″(z) = σ′(z)(1 − 2σ(z))［SymPy で{ok}］は z = {z} でゼロになり、そこで "
        "σ′ = {peak}。\n"
        "    よって |w σ′(wa + b)| <= |w|/4 であり、1 に達するには |w| >= {min_w} が必要。",
    },
    "window.step2": {
        "en": "(2) σ′ rises for z < 0 and falls for z > 0, so {{z : σ′(z) >= 1/|w|}} is an "
        "interval.\n"
        "    Solving s(1 − s) = 1/|w| for s = σ(z): s± = (1 ± r)/2, r = √(1 − 4/|w|);\n"
        "    z± = ln(s±/(1 − s±)) = ±ln((1 + r)/(1 − r)); in a the width is (z₊ − z₋)/|w|:\n"
        "\n"
        "      width(|w|) = (2/|w|) ln((1 + r)/(1 − r))\n"
        "\n"
        "    = the chapter's (2/|w|) ln(|w|(1 + r)/2 − 1) [{ok}: simplify(difference) == 0 "
        "for all |w| > 4].",
        "ja": "(2) σ′ は z < 0 で増加し z > 0 で減少するので、{{z : σ′(z) >= 1/|w|}} は"
        "区間になる。\n"
        "    s = σ(z) について s(1 − s) = 1/|w| を解くと s± = (1 ± r)/2、r = √(1 − 4/|w|)；\n"
        "    z± = ln(s±/(1 − s±)) = ±ln((1 + r)/(1 − r))。a で測った幅は (z₊ − z₋)/|w|：\n"
        "\n"
        "      幅(|w|) = (2/|w|) ln((1 + r)/(1 − r))\n"
        "\n"
        "    = 本章の式 (2/|w|) ln(|w|(1 + r)/2 − 1)［{ok}：すべての |w| > 4 で差を simplify "
        "すると 0］。",
    },
    "window.step3": {
        "en": "(3) d width/d|w| = 0 (mpmath.findroot): widest at |w| = {argmax},\n"
        "    where the width is {width}.\n"
        "    Even at best, the factor is >= 1 only for a in a window {width_short} wide.",
        "ja": "(3) d幅/d|w| = 0（mpmath.findroot）：幅が最大になるのは |w| = {argmax} のときで、\n"
        "    その幅は {width}。\n"
        "    最良の場合でも、因子が 1 以上になるのは a が幅 {width_short} の窓に入るときだけ。",
    },
    "window.proved": {"en": "proved", "ja": "証明済み"},
    "window.not_proved": {"en": "NOT proved", "ja": "証明できず"},
    "window.latex_widest": {
        "en": r"\max_{{|w|}} \Delta a &\approx {width} \quad\text{{at}}\quad |w| \approx "
        "{argmax}.",
        "ja": r"\max_{{|w|}} \Delta a &\approx {width} \quad \left(|w| \approx {argmax}\right).",
    },
    # analytic problem identity-neuron
    "identity.title": {
        "en": "The identity neuron: w₂ σ(w₁x + b) ≈ x on [0, 1]",
        "ja": "恒等写像を近似するニューロン：[0, 1] 上で w₂ σ(w₁x + b) ≈ x",
    },
    "identity.choice": {
        "en": "Write x = 1/2 + Δ and choose b = −w₁/2, w₂ = 4/w₁. SymPy's series in w₁:",
        "ja": "x = 1/2 + Δ とおき、b = −w₁/2、w₂ = 4/w₁ と選ぶ。SymPy による w₁ についての級数展開：",
    },
    "identity.remains": {
        "en": "What remains:\n"
        "  - a constant offset 2/w₁ − 1/2: the next layer's bias cancels it exactly (it grows "
        "as\n"
        "    w₁ shrinks, so the next weights must stay exact);\n"
        "  - an error −w₁²Δ³/12 + ...: worst at x = 0 and 1, equal to 1/2 − (2/w₁)tanh(w₁/4).",
        "ja": "残る項：\n"
        "  ・定数のオフセット 2/w₁ − 1/2：次の層のバイアスがちょうど打ち消す（w₁ が小さいほど\n"
        "    大きくなるので、次の層の重みは正確に保たなければならない）；\n"
        "  ・誤差 −w₁²Δ³/12 + ...：x = 0 と 1 で最大になり、その値は 1/2 − (2/w₁)tanh(w₁/4)。",
    },
    "identity.col.offset": {"en": "offset", "ja": "オフセット"},
    "identity.col.worst_error": {"en": "worst |error|", "ja": "最大 |誤差|"},
    "identity.col.scanned_error": {"en": "grid scan", "ja": "格子点で探索"},
    # analytic problem larger-derivative
    "larger.question": {
        "en": "Would an activation with a derivative much larger than 1/4 avoid unstable "
        "gradients?",
        "ja": "導関数が 1/4 よりずっと大きい活性化関数なら、不安定な勾配を避けられるか？",
    },
    "larger.window": {
        "en": "The window: for φ = A σ(cz) + B, |w φ′(wa + b)| >= 1 on an a-interval of width\n"
        "A · width_σ(A c |w|). The slope c only slides along the sigmoid's curve, so the "
        "widest\n"
        "window is A · {width} for every c; relu's factor is |w| or 0, with no window to aim at.",
        "ja": "窓：φ = A σ(cz) + B のとき、|w φ′(wa + b)| >= 1 となる a の区間の幅は "
        "A · 幅_σ(A c |w|)。\n"
        "傾き c はシグモイド関数の曲線に沿って位置をずらすだけなので、最も広い窓はどの c でも "
        "A · {width}。\n"
        "relu の因子は |w| か 0 で、狙うべき窓がない。",
    },
    "larger.sampled": {
        "en": "Sampled chains: depth {depth}, {chains} chains each, w ~ N(0, s²), b ~ N(0, 1),\n"
        "x ~ U(0, 1), seed {seed}. Product = φ′(z₁) Π w_j φ′(z_j); 'stable' = within "
        "[{low}, {high}].\n"
        "drift/spread: mean and std of ln|w_j φ′(z_j)| per layer (units that are on; — when no\n"
        "unit is ever on).",
        "ja": "サンプルした鎖状ネットワーク：深さ {depth}、各 {chains} 本、w ~ N(0, s²)、"
        "b ~ N(0, 1)、\n"
        "x ~ U(0, 1)、シード {seed}。積 = φ′(z₁) Π w_j φ′(z_j)；「安定」は [{low}, {high}] の"
        "範囲内。\n"
        "ドリフト/ばらつき：層ごとの ln|w_j φ′(z_j)| の平均と標準偏差（オンのユニットのみ。\n"
        "どのユニットも一度もオンにならないときは —）。",
    },
    "larger.lined_up": {
        "en": "Lined up (every z_j held at z*, all factors W φ′(z*) equal): over {layers} layers "
        "a factor\n"
        "of {low} gives {low_product}, of {one} gives {one_product}, of {high} gives "
        "{high_product}.",
        "ja": "揃えた場合（すべての z_j を z* に固定し、因子 W φ′(z*) をすべて等しくする）：\n"
        "{layers} 層にわたると、因子が {low} なら積は {low_product}、{one} なら {one_product}、"
        "{high} なら {high_product}。",
    },
    "larger.conclusion": {
        "en": "A larger peak φ′ does not help: ln|product| is a sum of L per-layer terms with a\n"
        "non-zero drift and a spread, so the product leaves any band around 1 as L grows —\n"
        "vanishing where the drift is negative (saturation, small w), exploding where "
        "positive —\n"
        "unless weights, biases and slopes are tuned to keep every factor at 1.",
        "ja": "φ′ のピークを大きくしても解決しない：ln|積| は層ごとの L 個の項の和で、その平均"
        "（ドリフト）は\n"
        "ゼロでなく、ばらつきもあるので、L が大きくなると積は 1 のまわりのどんな範囲からも"
        "外れていく。\n"
        "ドリフトが負なら勾配は消失し（飽和、小さな w）、正なら爆発する。これを防ぐには、"
        "重み・バイアス・\n"
        "傾きを調整してすべての因子を 1 に保つしかない。",
    },
    "larger.col.activation": {"en": "activation", "ja": "活性化関数"},
    "larger.col.widest_window": {"en": "widest", "ja": "最大の窓幅"},
    "larger.col.median_log10": {"en": "median log10", "ja": "log10 の中央値"},
    "larger.col.zero": {"en": "zero", "ja": "ゼロ"},
    "larger.col.vanished": {"en": "vanish", "ja": "消失"},
    "larger.col.stable": {"en": "stable", "ja": "安定"},
    "larger.col.exploded": {"en": "explode", "ja": "爆発"},
    "larger.col.drift": {"en": "drift", "ja": "ドリフト"},
    "larger.col.spread": {"en": "spread", "ja": "ばらつき"},
    # analytic derive --explode
    "explode.title": {
        "en": "Exploding gradients: chain of depth {depth}, {act}, every w_j = W = {weight}, "
        "input x = {x}, target y = {y}",
        "ja": "勾配爆発：深さ {depth} の鎖状ネットワーク、{act}、すべての w_j = W = {weight}、"
        "入力 x = {x}、目標値 y = {y}",
    },
    "explode.hold": {
        "en": "Hold every z_j at the steepest point z* = {z} {held}",
        "ja": "すべての z_j を最も急な点 z* = {z} に固定する{held}",
    },
    "explode.held_linear": {
        "en": "(linear above 0: equally steep at every z > 0):",
        "ja": "（0 より上で線形：z > 0 ならどこでも同じ傾き）：",
    },
    "explode.held_steepest": {"en": "(where {phi}″ = 0):", "ja": "（{phi}″ = 0 となる点）："},
    "explode.factor": {
        "en": "Each factor of the product is W {phi}′(z*) = {factor}; the target makes "
        "∂C/∂a_L = {dC_da}, so",
        "ja": "積の各因子は W {phi}′(z*) = {factor}。目標値により ∂C/∂a_L = {dC_da} となるので、",
    },
    "explode.at": {
        "en": "  at W = {weight}, L = {depth}: factor {factor} per layer, ∂C/∂b₁ = {gradient}",
        "ja": "  W = {weight}、L = {depth} では：層ごとの因子 {factor}、∂C/∂b₁ = {gradient}",
    },
    "explode.backprop": {
        "en": "Backprop (NumPy, float64) on that chain:",
        "ja": "この鎖状ネットワークでの誤差逆伝播法（NumPy、float64）：",
    },
    "explode.first_error": {"en": "  ∂C/∂b₁ = {first} (relative error {error})",
                            "ja": "  ∂C/∂b₁ = {first}（相対誤差 {error}）"},
    "explode.first_overflow": {
        "en": "  ∂C/∂b₁: {why}; the ratios below are checked while they are finite",
        "ja": "  ∂C/∂b₁：{why}。下の比は有限の範囲で確認",
    },
    "explode.first_underflow": {
        "en": "  ∂C/∂b₁: {why} (the backprop holds {first}); the ratios below are checked while "
        "they are normal numbers",
        "ja": "  ∂C/∂b₁：{why}（逆伝播の値は {first}）。下の比は正規化数の範囲で確認",
    },
    "float64.overflow": {
        "en": "overflows float64 (beyond its largest number, 1.8e+308)",
        "ja": "float64 でオーバーフロー（最大値 1.8e+308 を超える）",
    },
    "float64.underflow": {
        "en": "underflows float64 (below its smallest normal number, 2.2e-308)",
        "ja": "float64 でアンダーフロー（最小の正規化数 2.2e-308 未満）",
    },
    "explode.ratio": {
        "en": "  δ_j/δ_(j+1) vs the factor: max relative error {error}",
        "ja": "  δ_j/δ_(j+1) と因子の比較：最大相対誤差 {error}",
    },
    "explode.confirmed": {"en": "confirmed", "ja": "確認済み"},
    "explode.not_confirmed": {"en": "NOT confirmed", "ja": "確認できず"},
    "explode.note": {
        "en": "{name} is linear above 0: φ′ = 1 wherever z > 0, so there is no single steepest "
        "point. The biases only keep each unit on (z_j = 1); they cannot raise the factor above "
        "|W|, and nothing saturates there, so the product is W^(L−1): it explodes exactly when "
        "|W| > 1 and vanishes when |W| < 1. A unit that is off multiplies by its {off} "
        "instead{dead}.",
        "ja": "{name} は 0 より上で線形：z > 0 ならどこでも φ′ = 1 なので、最も急な点は一つに"
        "定まらない。バイアスは各ユニットをオンに保つ（z_j = 1）だけで、因子を |W| より大きく"
        "はできず、そこでは何も飽和しないので、積は W^(L−1) になる：|W| > 1 のときに限って"
        "爆発し、|W| < 1 のとき消失する。オフのユニットは代わりに、{off}{dead}。",
    },
    "explode.off_slope": {"en": "slope {slope}", "ja": "傾き {slope} を掛ける"},
    "explode.off_below": {"en": "φ′(z) < 1 below 0", "ja": "0 より下での φ′(z) < 1 を掛ける"},
    "explode.dead": {
        "en": "; the product is exactly 0 as soon as one unit is off",
        "ja": "。ユニットが一つでもオフになれば、積はちょうど 0 になる",
    },
    # analytic theory chi
    "meanfield.title": {
        "en": "Mean field: {act}, weights N(0, {sigma_w}²/n_in), biases N(0, {sigma_b}²)",
        "ja": "平均場理論：{act}、重み N(0, {sigma_w}²/n_in)、バイアス N(0, {sigma_b}²)",
    },
    "meanfield.q_star": {
        "en": "  fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²:  q* = {q_star}",
        "ja": "  q ↦ σ_w² E[φ(√q z)²] + σ_b² の固定点：  q* = {q_star}",
    },
    "meanfield.q_star_infinite": {
        "en": "infinite: the map has no finite fixed point (q^l grows without bound)",
        "ja": "無限大：写像に有限の固定点がない（q^l は際限なく増大）",
    },
    "meanfield.chi1": {
        "en": "  χ₁ = σ_w² E[φ′(√q* z)²]                    = {chi1}",
        "ja": "  χ₁ = σ_w² E[φ′(√q* z)²]                    = {chi1}",
    },
    "meanfield.factor": {
        "en": "  per-layer gradient factor √χ₁             = {factor}  ({regime})",
        "ja": "  層ごとの勾配の倍率 √χ₁                     = {factor}（{regime}）",
    },
    "meanfield.depth_scale": {
        "en": "  depth scale ξ = 1/|ln χ₁|                  = {depth_scale} layers",
        "ja": "  深さのスケール ξ = 1/|ln χ₁|               = {depth_scale} 層",
    },
    "meanfield.depth_scale_is": {
        "en": "  depth scale ξ = 1/|ln χ₁|:                 {why}",
        "ja": "  深さのスケール ξ = 1/|ln χ₁|：             {why}",
    },
    "meanfield.depth_scale_infinite": {
        "en": "infinite: at χ₁ = 1 the gradient neither shrinks nor grows from layer to layer",
        "ja": "無限大：χ₁ = 1 では勾配は層ごとに縮みも増えもしない",
    },
    "meanfield.vanishing": {"en": "vanishing", "ja": "勾配消失"},
    "meanfield.edge_of_chaos": {"en": "edge of chaos", "ja": "カオスの縁"},
    "meanfield.exploding": {"en": "exploding", "ja": "勾配爆発"},
    # analytic theory predict
    "predict.title": {
        "en": "Predicted vs measured per-layer gradient factor ||∇b^l|| / ||∇b^(l+1)||",
        "ja": "層ごとの勾配の倍率 ||∇b^l|| / ||∇b^(l+1)||：予測値と測定値",
    },
    "predict.theory": {
        "en": "  theory: {act}, σ_w = {sigma_w}, σ_b = {sigma_b}: q* = {q_star}, χ₁ = {chi1}, "
        "√χ₁ = {factor}",
        "ja": "  理論：{act}、σ_w = {sigma_w}、σ_b = {sigma_b}：q* = {q_star}、χ₁ = {chi1}、"
        "√χ₁ = {factor}",
    },
    "predict.measured": {"en": "  measured: {source}", "ja": "  測定：{source}"},
    "predict.source.given": {"en": "given", "ja": "指定された値"},
    "predict.source.init_norms": {
        "en": "experiment init-norms: median over {networks} networks ({init} init, seed "
        "{seed}), {images} images of {data}, cross-entropy cost",
        "ja": "experiment init-norms と同じ測定、ネットワーク {networks} 個の中央値（初期化 {init}、"
        "シード {seed}）、{data} の画像 {images} 枚、交差エントロピー誤差",
    },
    "predict.notes": {
        "en": "measured: ||mean over the batch of ∂C/∂b^l|| ratios (the chapter's statistic).\n"
        "√χ₁ at q* assumes every layer at the variance map's fixed point; 'from q^l' iterates "
        "the\n"
        "map from the first hidden layer's q¹ of these inputs. 'rms': ratios of "
        "root-mean-square\n"
        "per-example deltas, the quantity the theory describes; the batch mean can fall below "
        "it\n"
        "when saturated units make per-example gradients cancel.",
        "ja": "測定値：||∂C/∂b^l のバッチ平均|| の比（本章の統計量）。\n"
        "「q* での √χ₁」はすべての層が分散写像の固定点にあると仮定する。「q^l から」は、\n"
        "これらの入力に対する最初の隠れ層の q¹ から写像を反復する。「RMS」：訓練例ごとの\n"
        "デルタの二乗平均平方根の比で、理論が記述する量。飽和したユニットのために訓練例ごとの\n"
        "勾配が打ち消し合うと、バッチ平均はこれを下回ることがある。",
    },
    "predict.col.layers": {"en": "layers", "ja": "層"},
    "predict.col.predicted": {"en": "√χ₁ at q*", "ja": "q* での √χ₁"},
    "predict.col.measured": {"en": "measured", "ja": "測定値"},
    "predict.col.difference": {"en": "rel. diff", "ja": "相対差"},
    "predict.col.predicted_layerwise": {"en": "from q^l", "ja": "q^l から"},
    "predict.col.measured_rms": {"en": "rms", "ja": "RMS"},
    "predict.col.rms_difference": {"en": "vs q^l", "ja": "q^l との差"},
}
