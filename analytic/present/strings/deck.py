"""The lecture deck (``analytic slides``): slide titles, leads, bullets and speaker notes."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- the command's listing
    "deck.col.slide": {"en": "slide", "ja": "スライド"},
    "deck.col.title": {"en": "title", "ja": "タイトル"},
    "deck.col.content": {"en": "content", "ja": "内容"},
    "deck.content.title": {"en": "title", "ja": "タイトル"},
    "deck.content.bullets": {"en": "text", "ja": "本文"},
    "deck.content.figure": {"en": "figure", "ja": "図"},
    "deck.content.table": {"en": "table", "ja": "表"},
    "deck.reproduce": {"en": "Reproduce: `{command}`", "ja": "再現：`{command}`"},
    "deck.left_out": {
        "en": "note: {count} slides of the chapter's experiments left out: they read the runs committed with the repository (make the deck in a checkout for all of them)",
        "ja": "注意：本章の実験のスライド {count} 枚を省いた。これらはリポジトリに収めた実行結果を読むので、全てのスライドはリポジトリのチェックアウトで作る",
    },
    # --- 1. the opening
    "deck.title": {
        "en": "Why deep networks are hard to train",
        "ja": "深いネットワークはなぜ学習しにくいのか",
    },
    "deck.subtitle": {
        "en": "Vanishing and exploding gradients: Chapter 5 of Nielsen's Neural Networks and Deep Learning, and what research found since",
        "ja": "勾配消失と勾配爆発：Nielsen『ニューラルネットワークと深層学習』第 5 章と、その後の研究",
    },
    "deck.subtitle.computed": {
        "en": "Every number on these slides is computed by the library; each slide's notes name the command that prints it",
        "ja": "スライドの数値はすべてライブラリが計算したもの。各スライドのノートに、その数値を出力するコマンドを記す",
    },
    "deck.title.notes": {
        "en": "The lecture in eight parts: the question; the chain formula and the bound on σ′; tanh and the ReLU family; exploding gradients and the window; the chapter's experiments; the remedies; inside the layers; what the research found.\nThe notes of every slide give the derivation and the numbers behind it, and the command that prints them.",
        "ja": "講義は 8 部構成：問い、鎖の公式と σ′ の上界、tanh と ReLU の仲間、勾配爆発と窓、章の実験、対策、層の内部、研究の成果。\n各スライドのノートに、導出と数値の根拠、それを出力するコマンドを記す。",
    },
    # --- 2. the question
    "deck.question.title": {
        "en": "The question: why do deep networks learn slowly?",
        "ja": "問い：深いネットワークの学習はなぜ遅いのか",
    },
    "deck.question.deeper": {
        "en": "More hidden layers can compute more, yet the chapter's deeper networks train no better than shallow ones.",
        "ja": "隠れ層を増やせば表現力は増すのに、章の深いネットワークは浅いものより良くは学習しない。",
    },
    "deck.question.speeds": {
        "en": "At initialisation the last hidden layer of {network} learns {ratio} times faster than the first (the norm of ∂C/∂b, median of {networks} networks):",
        "ja": "初期化直後の {network} では、最後の隠れ層が最初の隠れ層より {ratio} 倍速く学習する（∂C/∂b のノルム、{networks} 個のネットワークの中央値）：",
    },
    "deck.question.notes": {
        "en": "Nielsen measures a hidden layer's speed of learning as the norm of ∂C/∂b over its neurons (the mean over the training digits).\nHere: {networks} random networks {network}, weights {law}, on {images} training digits. Each layer learns {steps} times faster than the layer before it: the gradient shrinks on its way back to the input.",
        "ja": "Nielsen は隠れ層の学習の速さを、その層のニューロンについての ∂C/∂b のノルム（訓練データの平均）で測る。\nここでは {networks} 個のランダムなネットワーク {network}、重み {law}、訓練データ {images} 枚。各層は一つ前の層より {steps} 倍速く学習する。勾配は入力側へ戻るほど小さくなる。",
    },
    # --- 3. the chapter's picture
    "deck.bars.title": {
        "en": "The chapter's picture: each neuron's speed of learning",
        "ja": "章の図：各ニューロンの学習の速さ",
    },
    "deck.bars.notes": {
        "en": "Each bar is |∂C/∂b| of one neuron of a fresh {network}, the mean over {images} training digits. The first {neurons} neurons of each hidden layer are drawn, as in the chapter.\nLayer 1: {first}.\nLayer 2: {second}.",
        "ja": "棒は初期化直後の {network} のニューロン 1 個ごとの |∂C/∂b|（訓練データ {images} 枚の平均）。章と同じく、各隠れ層の最初の {neurons} 個を描く。\n第 1 層：{first}。\n第 2 層：{second}。",
    },
    # --- 4. the chain formula
    "deck.chain.title": {
        "en": "The gradient of a chain is a product",
        "ja": "鎖状ネットワークの勾配は積になる",
    },
    "deck.chain.network": {
        "en": "A chain of one neuron per layer: zⱼ = wⱼ aⱼ₋₁ + bⱼ, aⱼ = σ(zⱼ) for j = 1, …, {depth}, and the cost C(a{last}; y). SymPy derives:",
        "ja": "各層のニューロンが一つだけの鎖：zⱼ = wⱼ aⱼ₋₁ + bⱼ、aⱼ = σ(zⱼ)（j = 1, …, {depth}）、コスト C(a{last}; y)。SymPy が導く：",
    },
    "deck.chain.factors": {
        "en": "Every layer above the first adds a factor wⱼ₊₁ σ′(zⱼ): {pairs} of them for b₁ in a chain of {depth}.",
        "ja": "第 1 層より上の層ごとに因子 wⱼ₊₁ σ′(zⱼ) が掛かる。{depth} 層の鎖の b₁ では {pairs} 個。",
    },
    "deck.chain.check": {"en": "Checked: {name}: {detail}", "ja": "検証：{name}：{detail}"},
    "deck.chain.notes": {
        "en": "The chain network makes the chapter's argument exact: one neuron per layer, so every gradient is one number.\nThe derivation: {chain}.\nThe same product is what backprop computes from the output back: δ{last} = σ′(z{last}) ∂C/∂a{last}, δⱼ = σ′(zⱼ) wⱼ₊₁ δⱼ₊₁, and ∂C/∂bⱼ = δⱼ.",
        "ja": "鎖状ネットワークなら章の議論が厳密になる。各層のニューロンは一つなので、勾配はどれも一つの数になる。\n導出：{chain}。\n誤差逆伝播が出力側から計算するのも同じ積である：δ{last} = σ′(z{last}) ∂C/∂a{last}、δⱼ = σ′(zⱼ) wⱼ₊₁ δⱼ₊₁、∂C/∂bⱼ = δⱼ。",
    },
    # --- 5. the derivation
    "deck.derive.title": {
        "en": "Where the product comes from: the chain rule",
        "ja": "積の由来：連鎖律",
    },
    "deck.derive.rule": {
        "en": "The chain rule through z₁, …, z{last}:",
        "ja": "z₁, …, z{last} を通る連鎖律：",
    },
    "deck.derive.bias": {
        "en": "b₁ enters z₁ = w₁ x + b₁ alone: {factor}",
        "ja": "b₁ は z₁ = w₁ x + b₁ にだけ現れる：{factor}",
    },
    "deck.derive.layer": {
        "en": "One diff of the generic layer zⱼ₊₁ = wⱼ₊₁ σ(zⱼ) + bⱼ₊₁ gives each step: {factors}",
        "ja": "一般の層 zⱼ₊₁ = wⱼ₊₁ σ(zⱼ) + bⱼ₊₁ を一度微分すれば各段が得られる：{factors}",
    },
    "deck.derive.cost": {
        "en": "The cost's end: {factor}; for the quadratic cost ∂C/∂a{last} = {dC}",
        "ja": "コスト側の端：{factor}。二乗誤差なら ∂C/∂a{last} = {dC}",
    },
    "deck.derive.product": {
        "en": "Multiplied, the steps give the product of the previous slide.",
        "ja": "各段を掛け合わせると、前のスライドの積になる。",
    },
    "deck.derive.notes": {
        "en": "SymPy differentiates one generic layer once, with indexed symbols, and instantiates the result at each j; the product is then checked against the fully nested differentiation, against the NumPy backprop and against finite differences (`analytic check`).\nEvery factor is local: a layer's derivative involves only its own weight and its input's σ′. That is why the gradient of an early layer multiplies many of them.",
        "ja": "SymPy は添字付きの記号で一般の層を一度だけ微分し、その結果を各 j に当てはめる。得られた積は、入れ子のままの微分、NumPy の誤差逆伝播、差分近似（`analytic check`）と照合する。\n各因子は局所的で、層の微分はその層の重みと入力の σ′ だけで決まる。だから前の層の勾配には多くの因子が掛かる。",
    },
    # --- 6. σ′ and its bound
    "deck.sigmoid.title": {"en": "σ′ is at most {peak}", "ja": "σ′ は高々 {peak}"},
    "deck.sigmoid.lead": {
        "en": "σ′ = σ(1 − σ), and σ″ = σ′(1 − 2σ) vanishes only where σ = 1/2, at z = {z}: there σ′ = {peak}. So if every |wⱼ| ≤ 1, every factor |wⱼ σ′(zⱼ)| ≤ {peak}.",
        "ja": "σ′ = σ(1 − σ)。σ″ = σ′(1 − 2σ) が 0 になるのは σ = 1/2、つまり z = {z} だけで、そこで σ′ = {peak}。よって全ての |wⱼ| ≤ 1 なら、各因子 |wⱼ σ′(zⱼ)| ≤ {peak}。",
    },
    "deck.sigmoid.notes": {
        "en": "The derivation, as SymPy runs it: {steps}\nWith |wⱼ| ≤ 1 the product of k factors is at most ({peak})^k: {bound} for k = {k}. The weights the chapter draws, N(0, 1), mostly satisfy |w| ≤ 1; those that do not are the start of the exploding story.",
        "ja": "SymPy による導出：{steps}\n|wⱼ| ≤ 1 なら k 個の因子の積は高々 ({peak})^k で、k = {k} では {bound}。章が使う重み N(0, 1) はたいてい |w| ≤ 1 を満たす。満たさない重みが勾配爆発の話の入口になる。",
    },
    # --- 7. the product against depth (table)
    "deck.product.title": {"en": "The product against depth", "ja": "深さに対する積"},
    "deck.product.lead": {
        "en": "|∂C/∂b₁| / |∂C/∂b_(k+1)| is a product of k factors wⱼ σ′(zⱼ): at most ({peak})^k when every |w| ≤ 1. Over {samples} random chains (w, b ~ N(0, 1)) its median stays below that bound at every depth shown:",
        "ja": "|∂C/∂b₁| / |∂C/∂b_(k+1)| は k 個の因子 wⱼ σ′(zⱼ) の積で、全ての |w| ≤ 1 なら高々 ({peak})^k。{samples} 本のランダムな鎖（w, b ~ N(0, 1)）では、表のどの深さでも中央値がこの上界を下回る：",
    },
    "deck.product.notes": {
        "en": "The bound holds only when every |w| ≤ 1; a random chain has some larger weights, which is why its 90 % quantile can exceed the bound at small k. Yet the median falls by about {fall} per layer: σ′(zⱼ) is usually well below its peak, because zⱼ is rarely near 0.",
        "ja": "上界が成り立つのは全ての |w| ≤ 1 のときだけ。ランダムな鎖には大きな重みも混じるので、k が小さいと 90 % 点が上界を超えることがある。それでも中央値は 1 層あたり約 {fall} 倍ずつ小さくなる。zⱼ が 0 の近くにあることはまれで、σ′(zⱼ) はふつうピークよりずっと小さいからである。",
    },
    # --- 8. the product drawn
    "deck.product_figure.title": {
        "en": "Vanishing and exploding against depth",
        "ja": "深さに対する勾配消失と勾配爆発",
    },
    "deck.product_figure.notes": {
        "en": "Three activations' random chains (w, b ~ N(0, 1), {samples} chains each), and the exploding chain of the next part: w = {w}, every z = 0, a factor of {factor} a layer.\nReLU's product is exactly 0 whenever one z is negative: its median is 0 from the first layer on, which a log axis cannot show.",
        "ja": "3 種の活性化関数のランダムな鎖（w, b ~ N(0, 1)、各 {samples} 本）と、次の部で扱う爆発する鎖：w = {w}、全ての z = 0、1 層あたり {factor} 倍。\nReLU の積は z が一つでも負ならちょうど 0 になる。そのため中央値は最初の層から 0 で、対数軸には描けない。",
    },
    # --- 9. tanh
    "deck.tanh.title": {
        "en": "tanh: a larger derivative, the same saturation",
        "ja": "tanh：導関数は大きいが、飽和は同じ",
    },
    "deck.tanh.lead": {
        "en": "tanh′ = 1 − tanh² is at most {peak}, at z = {z}: {ratio} times σ′'s peak, since tanh z = {a}σ({c}z) − 1. Yet tanh′ < {tiny} for |z| > {cut}: a saturated unit passes almost nothing back.",
        "ja": "tanh′ = 1 − tanh² は z = {z} で最大値 {peak} をとり、σ′ のピークの {ratio} 倍（tanh z = {a}σ({c}z) − 1 だから）。それでも |z| > {cut} では tanh′ < {tiny}。飽和したユニットはほとんど何も逆伝播しない。",
    },
    "deck.tanh.notes": {
        "en": "A peak of {peak} removes the factor {inverse} per layer that the sigmoid imposes, but only for z near 0. Where |z| is large tanh′ is as small as σ′: deep tanh networks still vanish unless their weights keep z in range, which is what Xavier initialisation aims at.",
        "ja": "ピークが {peak} なので、シグモイドが 1 層ごとに課す {inverse} 倍の縮小はなくなる。ただしそれは z が 0 の近くにあるときだけ。|z| が大きければ tanh′ も σ′ と同じく小さい。重みが z を適切な範囲に保たなければ、深い tanh ネットワークでもやはり勾配は消える。Xavier の初期化はそれを狙う。",
    },
    # --- 10. the ReLU family
    "deck.relu.title": {"en": "The ReLU family", "ja": "ReLU の仲間"},
    "deck.relu.relu": {
        "en": "ReLU: φ(z) = max(0, z); φ′ = {above} for z > 0, so a layer does not shrink the gradient, and φ′ = {below} for z < 0, so a unit there gets no gradient at all.",
        "ja": "ReLU：φ(z) = max(0, z)。z > 0 では φ′ = {above} で勾配は縮まず、z < 0 では φ′ = {below} でそのユニットには勾配がまったく届かない。",
    },
    "deck.relu.leaky": {
        "en": "Leaky ReLU: φ(z) = {slope} z for z < 0, a small fixed slope.",
        "ja": "Leaky ReLU：z < 0 で φ(z) = {slope} z。小さな固定の傾き。",
    },
    "deck.relu.prelu": {
        "en": "PReLU (He et al. 2015): φ(z) = a z for z < 0; the slope a is learned by backprop with the weights, one per unit, starting at a = {a}.",
        "ja": "PReLU（He ら 2015）：z < 0 で φ(z) = a z。傾き a はユニットごとに、重みと一緒に誤差逆伝播で学習する（初期値 a = {a}）。",
    },
    "deck.relu.rrelu": {
        "en": "RReLU (Xu et al. 2015): for z < 0, in training a slope drawn at random from U({lower}, {upper}); at test time its mean ({lower} + {upper})/2 = {mean} ≈ {decimal}.",
        "ja": "RReLU（Xu ら 2015）：z < 0 で、学習時は傾きを U({lower}, {upper}) から無作為に引き、推論時はその平均 ({lower} + {upper})/2 = {mean} ≈ {decimal} を使う。",
    },
    "deck.relu.side": {
        "en": "Every one of them is the identity for z > 0: the slope acts below 0, not above. A description that puts it on z > 0 has the sides swapped.",
        "ja": "どれも z > 0 では恒等写像で、傾きが効くのは 0 より下であって上ではない。傾きを z > 0 の側に置く説明は左右が逆である。",
    },
    "deck.relu.notes": {
        "en": "Why the family exists: ReLU's derivative is exactly 1 where the unit is active, so a chain of active units passes the gradient unchanged; but a unit whose z is negative for every input passes nothing and never recovers (the dying ReLU of a later slide). The leaky, parametric and randomized forms keep a small slope below 0 so that such a unit still learns.\nThe slopes as the library holds them: leaky {slope}, PReLU's start {a}, RReLU's band [{lower}, {upper}] with mean {decimal}.",
        "ja": "この仲間が生まれた理由：ReLU の導関数は活性化しているところでちょうど 1 なので、活性化したユニットの鎖は勾配をそのまま伝える。しかし全ての入力で z が負のユニットは何も伝えず、二度と回復しない（後のスライドの死んだ ReLU）。Leaky、PReLU、RReLU は 0 より下に小さな傾きを残し、そうしたユニットにも学習を続けさせる。\nライブラリの傾き：Leaky {slope}、PReLU の初期値 {a}、RReLU の帯 [{lower}, {upper}]（平均 {decimal}）。",
    },
    "deck.relu_figure.title": {
        "en": "Below 0: zero, fixed, learned or random",
        "ja": "0 より下：ゼロ、固定、学習、無作為",
    },
    "deck.relu_figure.notes": {
        "en": "Each panel draws φ and, dashed, φ′. Above 0 the four are the same line; they differ only in their slope below 0. RReLU's panel shades the band of slopes drawn in training and marks the mean slope used at test time.",
        "ja": "各パネルは φ と、破線で φ′ を描く。0 より上では 4 つとも同じ直線で、違うのは 0 より下の傾きだけ。RReLU のパネルは学習時に引く傾きの帯を塗り、推論時に使う平均の傾きを示す。",
    },
    # --- 12. exploding gradients
    "deck.explode.title": {"en": "Exploding gradients", "ja": "勾配爆発"},
    "deck.explode.lead": {
        "en": "Set every wⱼ = {w} and choose the biases so that every zⱼ = {z} (b₁ = {b1}, then bⱼ = {b}): each layer multiplies the gradient by w σ′({z}) = {factor}, so k layers by {factor}^k. Backprop agrees:",
        "ja": "全ての wⱼ = {w} とし、全ての zⱼ = {z} となるようにバイアスを選ぶ（b₁ = {b1}、以降 bⱼ = {b}）。各層で勾配は w σ′({z}) = {factor} 倍され、k 層で {factor}^k 倍になる。誤差逆伝播の結果も一致する：",
    },
    "deck.explode.notes": {
        "en": "The construction, derived by SymPy: z* = {z} is σ's steepest point; b₁ = z* − w x with x = {x}, and bⱼ = z* − w σ(z*) for j ≥ 2, so every zⱼ stays at z*. Each factor is then w σ′(z*) = {factor}, and ∂C/∂b₁ = σ′(z*) ({factor})^(L−1) ∂C/∂a_L.\nThe gradient is unstable, not merely small: the factors are exactly balanced only by such tuning, and nothing in training keeps them so.",
        "ja": "SymPy による構成：z* = {z} は σ が最も急な点。b₁ = z* − w x（x = {x}）、j ≥ 2 では bⱼ = z* − w σ(z*) とすれば、全ての zⱼ が z* にとどまる。各因子は w σ′(z*) = {factor} となり、∂C/∂b₁ = σ′(z*) ({factor})^(L−1) ∂C/∂a_L。\n勾配は単に小さいのではなく不安定である。因子の釣り合いはこのような調整でしか保てず、学習はそれを保証しない。",
    },
    # --- 13. the window
    "deck.window.title": {
        "en": "The window: where a layer's factor reaches 1",
        "ja": "窓：層の因子が 1 に届く範囲",
    },
    "deck.window.lead": {
        "en": "|w σ′(wa + b)| ≥ 1 needs |w| ≥ {min_w}, and then holds only for inputs a in a window of width (2/|w|) ln((1 + r)/(1 − r)), r = √(1 − {min_w}/|w|): at most {width}, at |w| ≈ {argmax}.",
        "ja": "|w σ′(wa + b)| ≥ 1 には |w| ≥ {min_w} が必要で、それでも成り立つのは幅 (2/|w|) ln((1 + r)/(1 − r))、r = √(1 − {min_w}/|w|) の窓に入力 a が入るときだけ。幅は最大でも {width}（|w| ≈ {argmax}）。",
    },
    # --- 14. the chapter's experiment: speeds during training
    "deck.speed.title": {
        "en": "The chapter's experiment: speed of learning during training",
        "ja": "章の実験：学習中の各層の学習の速さ",
    },
    "deck.speed.lead": {
        "en": "{network}, {training}: layer {last} learns {start} times faster than layer 1 at epoch 0, and {end} times faster at epoch {epoch}.",
        "ja": "{network}、{training}：第 {last} 層は第 1 層より、エポック 0 で {start} 倍、エポック {epoch} で {end} 倍速く学習する。",
    },
    "deck.speed.notes": {
        "en": "Nielsen's Figure: the speed of each hidden layer, the norm of ∂C/∂b over its neurons, at every epoch. From epoch 0 to epoch {epoch} the speed of layer {last} stays between {low} and {high} times that of layer 1: training does not close the gap.\nThe speeds at a few epochs: {rows}.",
        "ja": "Nielsen の図：各隠れ層の学習の速さ（その層のニューロンについての ∂C/∂b のノルム）を毎エポック描く。エポック 0 から {epoch} まで、第 {last} 層の速さは第 1 層の {low} 倍から {high} 倍の間にある。学習しても差は縮まらない。\nいくつかのエポックでの速さ：{rows}。",
    },
    # --- 15. accuracy against depth
    "deck.depth.title": {
        "en": "The chapter's experiment: accuracy against depth",
        "ja": "章の実験：深さに対する正解率",
    },
    "deck.depth.notes": {
        "en": "The best median accuracy here, {best}, comes with {hidden} hidden layer(s); the deepest network, {deepest} hidden layers, reaches {last}. The chapter reports the same on the full MNIST: more layers barely help, and can hurt.",
        "ja": "ここで最も高い正解率（中央値）{best} は隠れ層 {hidden} 層のときで、最も深い隠れ層 {deepest} 層では {last}。章も全 MNIST で同じことを報告している：層を増やしてもほとんど改善せず、かえって悪くなることもある。",
    },
    # --- 16-17. the remedies
    "deck.remedies.title": {"en": "The remedies side by side", "ja": "対策の比較"},
    "deck.remedies.notes": {
        "en": "Read the column “{column}” first: the last hidden layer's speed over the first's at initialisation, in the row's measure. The plain sigmoid network starts at {plain}; the remedies bring it near 1 (ReLU with He: {relu}; residual connections: {residual}), and then the network learns: validation accuracy {plain_accuracy} without a remedy, {best_accuracy} at best.",
        "ja": "まず「{column}」の列を見る：初期化直後の、最後の隠れ層の速さと最初の隠れ層の速さの比（その行の指標で測る）。対策なしのシグモイドのネットワークは {plain} から始まる。対策はこれを 1 の近くに寄せ（He 初期化の ReLU：{relu}、残差接続：{residual}）、そうして初めてネットワークは学習する：検証データの正解率は対策なしで {plain_accuracy}、最良で {best_accuracy}。",
    },
    "deck.remedies_figure.title": {"en": "The remedies in action", "ja": "対策の効果"},
    "deck.remedies_figure.notes": {
        "en": "The same runs as the table, drawn: each hidden layer's speed of learning after training, for each remedy. The last layer's speed over the first's after training: {rows}. {cells}",
        "ja": "表と同じ実行を図にしたもの：対策ごとの、学習後の各隠れ層の学習の速さ。学習後の最後の隠れ層と最初の隠れ層の速さの比：{rows}。{cells}",
    },
    # --- 18-21. inside the layers
    "deck.histograms.title": {
        "en": "Inside the layers: activations at initialisation",
        "ja": "層の内部：初期化直後の活性値",
    },
    "deck.histograms.notes": {
        "en": "Each row is one set-up, each column one hidden layer ({hidden} layers of {width} units, {images} digits): the histogram of a over (image, unit) pairs. A sigmoid with large weights piles up at 0 and 1 (saturated); well-scaled weights keep the spread from layer to layer.\n{setups}",
        "ja": "行は設定、列は隠れ層（{width} ユニットの層が {hidden} 層、{images} 枚）。各図は（画像, ユニット）についての a のヒストグラム。重みの大きなシグモイドは 0 と 1 に集まり（飽和）、適切な大きさの重みなら層を重ねても広がりが保たれる。\n{setups}",
    },
    "deck.saturation.title": {
        "en": "Saturation during training (Glorot and Bengio 2010)",
        "ja": "学習中の飽和（Glorot と Bengio 2010）",
    },
    "deck.saturation.notes": {
        "en": "Glorot and Bengio watched the top hidden layer of a sigmoid network fall into saturation at the start of training and climb out slowly. The committed run shows it for each set-up:\n{lines}",
        "ja": "Glorot と Bengio は、シグモイドのネットワークの最上位の隠れ層が学習の初めに飽和に落ち込み、ゆっくり抜け出すのを観察した。保存済みの実行では各設定について：\n{lines}",
    },
    "deck.dead.title": {
        "en": "Dying ReLU: units that never switch on",
        "ja": "死んだ ReLU：一度も活性化しないユニット",
    },
    "deck.dead.lead": {
        "en": "Hidden biases start at N(−{shift}, {std}²), so most units begin with z ≤ 0. A unit with z ≤ 0 on every validation digit is dead: ReLU′ = 0 gives it no gradient, while the other rectifiers keep a small one. Dead units, median of {networks} networks:",
        "ja": "隠れ層のバイアスを N(−{shift}, {std}²) から始めるので、ほとんどのユニットは z ≤ 0 から出発する。全ての検証データで z ≤ 0 のユニットは死んでいる：ReLU′ = 0 なので勾配が届かない。ほかの関数は小さな勾配を保つ。死んだユニットの割合（{networks} 個のネットワークの中央値）：",
    },
    "deck.dead.notes": {
        "en": "Dead units after {epochs} epochs (median): {shares}. A dead unit can come back only through its slope below 0: Leaky ReLU's is fixed at {slope}, RReLU's averages {mean}, and PReLU learns its own.",
        "ja": "{epochs} エポック後の死んだユニットの割合（中央値）：{shares}。死んだユニットが戻れるのは 0 より下の傾きを通してだけ。Leaky ReLU の傾きは {slope} に固定、RReLU の傾きの平均は {mean}、PReLU は傾きそのものを学習する。",
    },
    "deck.rnn.title": {
        "en": "Gradients through time in a recurrent network",
        "ja": "再帰型ネットワークの時間をさかのぼる勾配",
    },
    "deck.rnn.lead": {
        "en": "h_t = tanh(W h_(t−1) + U x_t), {units} units, T = {steps}, W of spectral radius ρ: per step the gradient changes at nearly mean field's rate √χ₁ (ρ = {rho}: {rate} measured, {factor} predicted); clipping at c = {clip} tames ρ = {big}: log₁₀‖∂C/∂h₁‖ {before} → {after}.",
        "ja": "h_t = tanh(W h_(t−1) + U x_t)、{units} ユニット、T = {steps}、W のスペクトル半径 ρ：勾配は 1 ステップごとに、平均場の √χ₁ にほぼ等しい率で変わる（ρ = {rho}：実測 {rate}、予測 {factor}）。c = {clip} のクリッピングは ρ = {big} の勾配を抑える：log₁₀‖∂C/∂h₁‖ が {before} → {after}。",
    },
    "deck.rnn.notes": {
        "en": "A recurrent network unrolled in time is a deep network whose layers share one weight matrix: ∂C/∂h₁ = ∏ (W diag tanh′) ∂C/∂h_T over {steps} steps. Pascanu et al. (2013) bound each step by λ₁γ; below ρ = 1 the gradient vanishes, above it explodes, and clipping the norm keeps an exploding step finite without changing its direction.\nThe LSTM's answer: along its cell state the factor of a step is the forget gate f_t, so the gradient is ∏ f_t, which the network can keep near 1.",
        "ja": "時間方向に展開した再帰型ネットワークは、全ての層が一つの重み行列を共有する深いネットワークである：∂C/∂h₁ = ∏ (W diag tanh′) ∂C/∂h_T（{steps} ステップ）。Pascanu ら (2013) は各ステップを λ₁γ で抑えた。ρ = 1 より下では勾配が消え、上では爆発する。ノルムのクリッピングは爆発するステップを、向きを変えずに有限に保つ。\nLSTM の答え：セル状態に沿ったステップの因子は忘却ゲート f_t なので、勾配は ∏ f_t となり、ネットワークはこれを 1 の近くに保てる。",
    },
    # --- 22-23. what the research found
    "deck.meanfield.title": {
        "en": "What the research found: order, chaos and the edge between",
        "ja": "研究の成果：秩序、カオス、その境界",
    },
    "deck.meanfield.lead": {
        "en": "In a wide random network (Poole et al. 2016; Schoenholz et al. 2017) the squared gradient changes by χ₁ = σ_w² E[φ′(√q* z)²] per layer: it vanishes where χ₁ < 1 and explodes where χ₁ > 1; χ₁ = 1 is the edge of chaos.",
        "ja": "幅の広いランダムなネットワークでは（Poole ら 2016、Schoenholz ら 2017）、勾配の 2 乗は 1 層ごとに χ₁ = σ_w² E[φ′(√q* z)²] 倍になる。χ₁ < 1 では消え、χ₁ > 1 では爆発し、χ₁ = 1 がカオスの縁である。",
    },
    "deck.meanfield.notes": {
        "en": "q* is the fixed point of the variance map q ← σ_w² E[φ(√q z)²] + σ_b², the variance every layer's z settles at. For tanh with σ_b = {sb}: {examples}. The depth scale ξ = 1/|ln χ₁| is the number of layers over which the squared gradient changes by a factor e: a network much deeper than ξ cannot be trained.",
        "ja": "q* は分散の写像 q ← σ_w² E[φ(√q z)²] + σ_b² の不動点で、各層の z の分散はここに落ち着く。tanh、σ_b = {sb} では：{examples}。深さのスケール ξ = 1/|ln χ₁| は勾配の 2 乗が e 倍変わるまでの層数で、ξ よりはるかに深いネットワークは学習できない。",
    },
    "deck.meanfield.example": {
        "en": "σ_w = {sw}: χ₁ = {chi}, ξ = {xi} layers",
        "ja": "σ_w = {sw} で χ₁ = {chi}、ξ = {xi} 層",
    },
    "deck.research.title": {
        "en": "What the research found, and the remedies it gave",
        "ja": "研究の成果と、そこから生まれた対策",
    },
    "deck.research.xavier": {
        "en": "Keep the variance from layer to layer: Xavier (Glorot and Bengio 2010) draws {xavier}, of variance 2/(n_in + n_out); He et al. (2015) draw {he} for ReLU (for n_in = n_out = {n}: {xavier_var} and {he_var}).",
        "ja": "層から層へ分散を保つ：Xavier（Glorot と Bengio 2010）は {xavier}（分散 2/(n_in + n_out)）、He ら (2015) は ReLU 用に {he} から引く（n_in = n_out = {n} なら {xavier_var} と {he_var}）。",
    },
    "deck.research.edge": {
        "en": "For ReLU χ₁ = σ_w²/2, so the edge of chaos is σ_w = {relu_edge}: He's initialisation. For tanh with σ_b = {sb} it is σ_w = {tanh_edge}.",
        "ja": "ReLU では χ₁ = σ_w²/2 なので、カオスの縁は σ_w = {relu_edge}。これが He の初期化である。tanh、σ_b = {sb} では σ_w = {tanh_edge}。",
    },
    "deck.research.batch_norm": {
        "en": "Batch normalisation (Ioffe and Szegedy 2015): each unit's z is normalised by the batch's mean and variance in training, by running averages at test time.",
        "ja": "バッチ正規化（Ioffe と Szegedy 2015）：各ユニットの z を、学習時はバッチの平均と分散で、推論時は移動平均で正規化する。",
    },
    "deck.research.residual": {
        "en": "Residual connections (He et al. 2016): a = φ(z) + a_prev adds a path on which the gradient passes through the identity.",
        "ja": "残差接続（He ら 2016）：a = φ(z) + a_prev により、勾配が恒等写像を通って伝わる経路ができる。",
    },
    "deck.research.clipping": {
        "en": "Gradient clipping (Pascanu et al. 2013): g ← g · min(1, c/‖g‖) bounds the step and keeps its direction.",
        "ja": "勾配クリッピング（Pascanu ら 2013）：g ← g · min(1, c/‖g‖) で、向きを保ったまま更新の大きさを抑える。",
    },
    "deck.research.lstm": {
        "en": "Gated cells (LSTM): along the cell state the gradient is the product of the forget gates ∏ f_t, which the network learns to keep near 1.",
        "ja": "ゲート付きセル（LSTM）：セル状態に沿った勾配は忘却ゲートの積 ∏ f_t で、ネットワークはこれを 1 の近くに保つよう学習する。",
    },
    "deck.research.notes": {
        "en": "The common thread: a deep network's gradient is a product of per-layer factors, and training works when their typical size stays near 1. Initialisation sets it at the start, normalisation and residual paths keep it during training, clipping limits the damage when it fails, and gates do the same through time.\nPractice: `analytic quiz --lang {code}` asks questions on every part of this lecture.",
        "ja": "共通する考え方：深いネットワークの勾配は層ごとの因子の積であり、その典型的な大きさが 1 の近くに保たれるとき学習がうまくいく。初期化は最初にそれを整え、正規化と残差経路は学習中にそれを保ち、クリッピングは破綻したときの被害を抑え、ゲートは時間方向で同じ働きをする。\n演習：`analytic quiz --lang {code}` でこの講義の各部について問題を解ける。",
    },
}
