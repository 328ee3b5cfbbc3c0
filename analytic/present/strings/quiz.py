"""The practice questions (``analytic quiz``): questions, choices and worked explanations."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- the frame
    "quiz.heading": {"en": "Practice questions: {count}, seed {seed}", "ja": "演習問題：{count} 問（シード {seed}）"},
    "quiz.instructions": {
        "en": "Choose one answer to each question; where a number is asked for, give {digits} significant digits.",
        "ja": "各問について正しいものを一つ選べ。数値を求める問題は有効数字 {digits} 桁で答えよ。",
    },
    "quiz.question": {"en": "Question {number}", "ja": "問 {number}"},
    "quiz.answers": {"en": "Answers and explanations", "ja": "解答と解説"},
    "quiz.answer.choice": {"en": "Answer: {letter}. {text}", "ja": "正解：{letter}. {text}"},
    "quiz.answer.number": {"en": "Answer: {value} (within {percent})", "ja": "正解：{value}（誤差 {percent} 以内）"},
    "quiz.choice.number": {"en": "{value}", "ja": "{value}"},
    "quiz.choice.at": {"en": "{value} at z = {z}", "ja": "z = {z} で {value}"},
    # --- σ′'s peak
    "quiz.sigmoid-peak.question": {
        "en": "The sigmoid σ(z) = 1/(1 + e^(−z)) has the derivative σ′(z) = σ(z)(1 − σ(z)). What is the largest value of σ′(z), and at which z is it reached?",
        "ja": "シグモイド関数 σ(z) = 1/(1 + e^(−z)) の導関数は σ′(z) = σ(z)(1 − σ(z)) である。σ′(z) の最大値と、それをとる z の組として正しいものを選べ。",
    },
    "quiz.sigmoid-peak.explanation": {
        "en": "σ″ = σ′(1 − 2σ) vanishes only where σ = {half}, that is at z = {z}; there σ′ = {half} · {half} = {peak}. σ itself is {half} there: choosing {half} mistakes σ for σ′.",
        "ja": "σ″ = σ′(1 − 2σ) が 0 になるのは σ = {half}、すなわち z = {z} のときだけで、そこで σ′ = {half} · {half} = {peak}。そこでの σ 自身の値が {half} であり、{half} を選ぶのは σ と σ′ の取り違えである。",
    },
    # --- tanh′'s peak
    "quiz.tanh-peak.question": {
        "en": "tanh z = {a}σ({c}z) − 1, and σ′ ≤ {sigma}. What is the largest value of tanh′(z), and at which z is it reached?",
        "ja": "tanh z = {a}σ({c}z) − 1 であり、σ′ ≤ {sigma} である。tanh′(z) の最大値と、それをとる z の組として正しいものを選べ。",
    },
    "quiz.tanh-peak.explanation": {
        "en": "By the chain rule tanh′(z) = {a} · {c} · σ′({c}z) ≤ {a} · {c} · {sigma} = {peak}, with equality where {c}z = 0, at z = {z}. Forgetting the inner factor {c} gives {a} · {sigma}; forgetting σ′ gives {a} · {c}.",
        "ja": "連鎖律より tanh′(z) = {a} · {c} · σ′({c}z) ≤ {a} · {c} · {sigma} = {peak}。等号は {c}z = 0、すなわち z = {z} で成り立つ。内側の因子 {c} を忘れると {a} · {sigma}、σ′ を忘れると {a} · {c} になる。",
    },
    # --- the bound on the product
    "quiz.product-bound.question": {
        "en": "In a chain of sigmoid neurons every weight satisfies |wⱼ| ≤ 1. For k = {k}, what is the largest possible value of |∂C/∂b₁| / |∂C/∂b_(k+1)|, the product of {k} factors |wⱼ σ′(zⱼ)|?",
        "ja": "シグモイドのニューロンからなる鎖で、全ての重みが |wⱼ| ≤ 1 を満たす。k = {k} のとき、|∂C/∂b₁| / |∂C/∂b_(k+1)|、すなわち {k} 個の因子 |wⱼ σ′(zⱼ)| の積がとり得る最大値はどれか。",
    },
    "quiz.product-bound.explanation": {
        "en": "Each factor is at most |wⱼ| · max σ′ ≤ {peak}, and the factors multiply: ({peak})^{k} = {value}. Adding them instead, or counting one factor too many, gives wrong choices.",
        "ja": "各因子は |wⱼ| · max σ′ ≤ {peak} であり、因子は掛け合わされる：({peak})^{k} = {value}。足し合わせたり、因子を一つ多く数えたりすると誤りの選択肢になる。",
    },
    # --- the window
    "quiz.window-width.question": {
        "en": "For a sigmoid layer with |w| = {w}, how wide is the interval of inputs a on which |w σ′(wa + b)| ≥ 1?",
        "ja": "シグモイドの層で |w| = {w} のとき、|w σ′(wa + b)| ≥ 1 となる入力 a の区間の幅を求めよ。",
    },
    "quiz.window-width.explanation": {
        "en": "With s = σ(z), σ′(z) ≥ 1/|w| reads s(1 − s) ≥ 1/|w|, which needs |w| ≥ {least}. With r = √(1 − {least}/|w|) = {r}, z lies between ±ln((1 + r)/(1 − r)), so the width in a is (2/|w|) ln((1 + r)/(1 − r)) = {value}. It does not depend on b, which only moves the window.",
        "ja": "s = σ(z) とおくと σ′(z) ≥ 1/|w| は s(1 − s) ≥ 1/|w| であり、|w| ≥ {least} が必要。r = √(1 − {least}/|w|) = {r} とすると z は ±ln((1 + r)/(1 − r)) の間にあり、a での幅は (2/|w|) ln((1 + r)/(1 − r)) = {value}。b は窓を平行移動するだけで、幅には影響しない。",
    },
    # --- initialisation
    "quiz.initialisation.question": {
        "en": "A {activation} layer has n_in = {n_in} inputs and n_out = {n_out} outputs. Which initialisation is designed to keep the variance of the activations and of the gradients from layer to layer for this activation, and which weight variance Var(w) does it give this layer?",
        "ja": "活性化関数が {activation} の層があり、入力数 n_in = {n_in}、出力数 n_out = {n_out} である。この活性化関数について活性値と勾配の分散を層から層へ保つよう設計された初期化と、この層での重みの分散 Var(w) の組として正しいものを選べ。",
    },
    "quiz.initialisation.choice.he": {"en": "He: Var(w) = 2/n_in = {value}", "ja": "He の初期化：Var(w) = 2/n_in = {value}"},
    "quiz.initialisation.choice.xavier": {"en": "Xavier: Var(w) = 2/(n_in + n_out) = {value}", "ja": "Xavier の初期化：Var(w) = 2/(n_in + n_out) = {value}"},
    "quiz.initialisation.choice.scaled": {"en": "the chapter's N(0, 1/n_in): Var(w) = 1/n_in = {value}", "ja": "本章の N(0, 1/n_in)：Var(w) = 1/n_in = {value}"},
    "quiz.initialisation.choice.gaussian": {"en": "N(0, 1): Var(w) = {value}", "ja": "N(0, 1)：Var(w) = {value}"},
    "quiz.initialisation.explanation.relu": {
        "en": "ReLU passes half of a symmetric input and sets the rest to 0, which halves the second moment; Var(w) = 2/n_in makes n_in · Var(w) / 2 = 1, so the variance is kept from layer to layer (He et al. 2015): 2/{n_in} = {value}.",
        "ja": "ReLU は対称な入力の半分を通し残りを 0 にするので、2 次モーメントが半分になる。Var(w) = 2/n_in なら n_in · Var(w) / 2 = 1 となり、分散が層から層へ保たれる（He ら 2015）：2/{n_in} = {value}。",
    },
    "quiz.initialisation.explanation.tanh": {
        "en": "Near 0 tanh′ ≈ 1: keeping the activations' variance needs n_in Var(w) = 1, keeping the gradients' needs n_out Var(w) = 1; Xavier takes the compromise Var(w) = 2/(n_in + n_out) (Glorot and Bengio 2010): 2/({n_in} + {n_out}) = {value}.",
        "ja": "0 の近くで tanh′ ≈ 1 なので、活性値の分散を保つには n_in Var(w) = 1、勾配の分散を保つには n_out Var(w) = 1 が必要。Xavier はその折衷 Var(w) = 2/(n_in + n_out) をとる（Glorot と Bengio 2010）：2/({n_in} + {n_out}) = {value}。",
    },
    # --- PReLU and RReLU below 0
    "quiz.negative-slope.question.prelu": {
        "en": "A PReLU unit has learned the slope a = {a}. What does it output for the input x = {x}?",
        "ja": "PReLU のユニットが傾き a = {a} を学習した。入力 x = {x} に対する出力はどれか。",
    },
    "quiz.negative-slope.question.rrelu": {
        "en": "An RReLU unit draws its slope from U({lower}, {upper}) in training. What does it output for the input x = {x} at test time?",
        "ja": "RReLU のユニットは学習時に傾きを U({lower}, {upper}) から引く。推論時、入力 x = {x} に対する出力はどれか。",
    },
    "quiz.negative-slope.explanation.prelu": {
        "en": "PReLU is x for x > 0 and a x for x < 0: the learned slope acts below 0, so the output is {a} · ({x}) = {value}. Putting the slope on the positive side would leave x < 0 unchanged ({x}); a plain ReLU gives 0.",
        "ja": "PReLU は x > 0 で x、x < 0 で a x であり、学習される傾きは 0 より下で効く。よって出力は {a} · ({x}) = {value}。傾きを正の側に置くと x < 0 はそのまま（{x}）になり、通常の ReLU なら 0 になる。",
    },
    "quiz.negative-slope.explanation.rrelu": {
        "en": "At test time RReLU uses the mean slope ({lower} + {upper})/2 = {mean}, below 0 only: {mean} · ({x}) = {value}. The band's ends bound the slopes drawn in training; they are not what test time uses.",
        "ja": "推論時の RReLU は平均の傾き ({lower} + {upper})/2 = {mean} を 0 より下でだけ使う：{mean} · ({x}) = {value}。帯の両端は学習時に引く傾きの範囲であり、推論時に使う値ではない。",
    },
    # --- clipping
    "quiz.clipping.question.norm": {
        "en": "The gradient is g = {g} and the threshold is c = {c}. What is g after clipping by norm?",
        "ja": "勾配が g = {g}、しきい値が c = {c} である。ノルムによるクリッピングの後の g はどれか。",
    },
    "quiz.clipping.question.value": {
        "en": "The gradient is g = {g} and the threshold is c = {c}. What is g after clipping by value, each component into [−c, c]?",
        "ja": "勾配が g = {g}、しきい値が c = {c} である。値によるクリッピング（各成分を [−c, c] に収める）の後の g はどれか。",
    },
    "quiz.clipping.explanation": {
        "en": "‖g‖ = {norm} > c, so clipping by norm rescales the whole vector, g · c/‖g‖ = {by_norm}, and keeps its direction. Clipping by value cuts each component to [−{c}, {c}]: {by_value}, which changes the direction.",
        "ja": "‖g‖ = {norm} > c なので、ノルムによるクリッピングはベクトル全体を g · c/‖g‖ = {by_norm} に縮め、向きを保つ。値によるクリッピングは各成分を [−{c}, {c}] に切り詰めて {by_value} とし、向きが変わる。",
    },
    # --- batch normalisation
    "quiz.batch-norm.question.training": {
        "en": "A unit with batch normalisation (γ = {gamma}, β = {beta}, running mean {mean}, running variance {var}) receives the mini-batch u = {u} in training. What is z for the first example, u = {first}?",
        "ja": "バッチ正規化（γ = {gamma}、β = {beta}、移動平均 {mean}、移動分散 {var}）を持つユニットに、学習時にミニバッチ u = {u} が入る。最初の例 u = {first} に対する z はどれか。",
    },
    "quiz.batch-norm.question.inference": {
        "en": "A unit with batch normalisation (γ = {gamma}, β = {beta}) has the running mean {mean} and the running variance {var}; in training its mini-batches looked like u = {u}. At test time, what is z for the input u = {first}?",
        "ja": "バッチ正規化（γ = {gamma}、β = {beta}）を持つユニットの移動平均は {mean}、移動分散は {var} である（学習時のミニバッチは u = {u} のようであった）。推論時、入力 u = {first} に対する z はどれか。",
    },
    "quiz.batch-norm.explanation.training": {
        "en": "In training, batch normalisation uses the batch's own mean {batch_mean} and (biased) variance {batch_var}: z = γ (u − μ_B)/√(σ_B² + ε) + β = {value}, with ε = {eps}. The running averages are for test time.",
        "ja": "学習時のバッチ正規化はバッチ自身の平均 {batch_mean} と（不偏でない）分散 {batch_var} を使う：z = γ (u − μ_B)/√(σ_B² + ε) + β = {value}（ε = {eps}）。移動平均は推論時に使う。",
    },
    "quiz.batch-norm.explanation.inference": {
        "en": "At test time, batch normalisation uses the running averages μ = {mean} and v = {var}, not a batch: z = γ (u − μ)/√(v + ε) + β = {value}, with ε = {eps}. The batch's own statistics (mean {batch_mean}, variance {batch_var}) are for training.",
        "ja": "推論時のバッチ正規化はバッチではなく移動平均 μ = {mean}、v = {var} を使う：z = γ (u − μ)/√(v + ε) + β = {value}（ε = {eps}）。バッチ自身の統計量（平均 {batch_mean}、分散 {batch_var}）は学習時に使う。",
    },
    # --- the LSTM's cell state
    "quiz.lstm.question": {
        "en": "An LSTM's cell state follows c_t = f_t c_(t−1) + i_t g_t. If every forget gate stays at f_t = {f} for T = {steps} steps (the gates held fixed), what is ∂c_T/∂c_0 along the cell state?",
        "ja": "LSTM のセル状態は c_t = f_t c_(t−1) + i_t g_t に従う。忘却ゲートが T = {steps} ステップの間ずっと f_t = {f} のとき（ゲートは固定とみなす）、セル状態に沿った ∂c_T/∂c_0 はどれか。",
    },
    "quiz.lstm.explanation": {
        "en": "∂c_t/∂c_(t−1) = f_t, so ∂c_T/∂c_0 = ∏ f_t = {f}^{steps} = {value}. A plain sigmoid recurrent net with |w| ≤ 1 is bounded by ({peak})^{steps} = {bound}: the gates can keep the product near 1.",
        "ja": "∂c_t/∂c_(t−1) = f_t なので ∂c_T/∂c_0 = ∏ f_t = {f}^{steps} = {value}。|w| ≤ 1 の単純なシグモイドの再帰型ネットワークなら上界は ({peak})^{steps} = {bound}。ゲートはこの積を 1 の近くに保てる。",
    },
    # --- the exploding chain
    "quiz.explosion.question": {
        "en": "In a chain of sigmoid neurons every weight is w = {w} and the biases hold every zⱼ at 0. For k = {k}, by what factor is |∂C/∂b₁| larger than |∂C/∂b_(k+1)|?",
        "ja": "シグモイドのニューロンの鎖で全ての重みが w = {w}、バイアスにより全ての zⱼ が 0 に保たれている。k = {k} のとき、|∂C/∂b₁| は |∂C/∂b_(k+1)| の何倍か。",
    },
    "quiz.explosion.explanation": {
        "en": "Each layer multiplies by w σ′(0) = {w} · {peak} = {factor}, so k layers give {factor}^{k} = {value} (the backprop gives {backprop}). Using σ(0) in place of σ′(0), or forgetting σ′, gives wrong choices.",
        "ja": "各層で w σ′(0) = {w} · {peak} = {factor} 倍になるので、k 層で {factor}^{k} = {value}（誤差逆伝播でも {backprop}）。σ′(0) の代わりに σ(0) を使ったり σ′ を忘れたりすると誤りの選択肢になる。",
    },
    # --- the edge of chaos
    "quiz.edge-of-chaos.question": {
        "en": "Mean-field theory: in a wide random {activation} network with weights N(0, σ_w²/n) and zero biases, which σ_w puts it at the edge of chaos, χ₁ = σ_w² E[φ′(z)²] = 1?",
        "ja": "平均場理論：重みが N(0, σ_w²/n)、バイアスが 0 の幅の広いランダムな {activation} ネットワークで、カオスの縁 χ₁ = σ_w² E[φ′(z)²] = 1 となる σ_w はどれか。",
    },
    "quiz.edge-of-chaos.explanation.relu": {
        "en": "φ′ is 1 on half of the inputs and 0 on the other half, so E[φ′²] = 1/2 and χ₁ = σ_w²/2 = 1 at σ_w = {value} (σ_w² = {square}): He's initialisation, Var(w) = 2/n.",
        "ja": "φ′ は入力の半分で 1、残りの半分で 0 なので E[φ′²] = 1/2、χ₁ = σ_w²/2 = 1 となるのは σ_w = {value}（σ_w² = {square}）。これは He の初期化 Var(w) = 2/n である。",
    },
    "quiz.edge-of-chaos.explanation.tanh": {
        "en": "With zero biases the variance of z settles at q* = 0, where tanh′ = 1: χ₁ = σ_w² = 1 at σ_w = {value}. Below it gradients vanish, above it the network is chaotic and they explode.",
        "ja": "バイアスが 0 なら z の分散は q* = 0 に落ち着き、そこで tanh′ = 1。χ₁ = σ_w² = 1 となるのは σ_w = {value}。これより小さいと勾配は消え、大きいとネットワークはカオス的になり勾配が爆発する。",
    },
}
