"""The table of weight initialisations (``analytic table inits``): key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # table inits
    "table.inits": {
        "en": "Weight initialisations: the law, what it keeps from layer to layer, what it was "
        "derived for",
        "ja": "重みの初期化：分布、層から層へ保つもの、想定する活性化関数",
    },
    "table.inits.note": {
        "en": "n_in·Var[w] multiplies the variance of a layer's inputs (units in their linear "
        "regime); χ₁: mean-field theory's gradient factor per layer for the activation named, "
        "between layers of 100 units, biases 0 (1: the gradient keeps its size); g·O(n): g "
        "times a Haar-random orthogonal matrix",
        "ja": "n_in·Var[w] は層の入力の分散に掛かる倍率（線形領域のユニット）；χ₁：記載の活性化関数での"
        "平均場理論の 1 層あたりの勾配の倍率（幅 100 の層の間、バイアス 0；1 なら勾配の大きさが保たれる）；"
        "g·O(n)：ハール測度に従うランダムな直交行列の g 倍",
    },
    "table.init_names": {
        "en": "The same initialisations by the names learners meet",
        "ja": "同じ初期化を、学習者が出会う名前で",
    },
    "table.init_names.note": {
        "en": "frameworks multiply the laws by a gain for the activation: PyTorch's "
        "calculate_gain is 1 for linear and sigmoid, 5/3 for tanh, √2 for ReLU, "
        "√(2/(1 + a²)) for leaky ReLU, 3/4 for SELU (with tanh, 5/3 and biases 0 give "
        "χ₁ = {tanh_chi1}, the chaotic side of the edge); Keras' VarianceScaling(scale, mode, "
        "distribution) is Var[w] = scale/n with n = fan_in, fan_out or their average, its "
        "normal truncated at two standard deviations and rescaled to that variance",
        "ja": "フレームワークは活性化関数ごとのゲインを分布に掛ける：PyTorch の calculate_gain は "
        "linear と sigmoid で 1、tanh で 5/3、ReLU で √2、leaky ReLU で √(2/(1 + a²))、SELU で 3/4"
        "（tanh でゲイン 5/3、バイアス 0 なら χ₁ = {tanh_chi1}、秩序と混沌の境界の混沌側）；"
        "Keras の VarianceScaling(scale, mode, distribution) は Var[w] = scale/n（n は fan_in、"
        "fan_out またはその平均）、正規分布は標準偏差の 2 倍で切断してこの分散に合わせたもの",
    },
    "col.scheme": {"en": "initialisation", "ja": "初期化"},
    "col.law": {"en": "law", "ja": "分布"},
    "col.gain_square": {"en": "n_in·Var[w], 100 → 100", "ja": "n_in·Var[w]、100 → 100"},
    "col.gain_first": {"en": "n_in·Var[w], 784 → 30", "ja": "n_in·Var[w]、784 → 30"},
    "col.keeps": {"en": "keeps", "ja": "保つもの"},
    "col.derived_for": {"en": "derived for", "ja": "想定する活性化関数"},
    "col.chi1": {"en": "χ₁", "ja": "χ₁"},
    "col.names": {"en": "also called, and where", "ja": "別名と使われる場所"},
    "col.init": {"en": "--init here", "ja": "本ツールの --init"},
    "init.keeps.forward": {
        "en": "Var[z] forward (fan-in)", "ja": "順伝播の Var[z]（fan-in）"},
    "init.keeps.backward": {
        "en": "Var[δ] backward (fan-out)", "ja": "逆伝播の Var[δ]（fan-out）"},
    "init.keeps.average": {
        "en": "between the two (average of fan-in and fan-out); both when n_in = n_out",
        "ja": "両者の折衷（fan-in と fan-out の平均）；n_in = n_out なら両方"},
    "init.keeps.shrinks": {
        "en": "neither: Var shrinks threefold a layer", "ja": "どちらも保たない：1 層ごとに分散が 1/3"},
    "init.keeps.singular": {
        "en": "every singular value = g: every vector's norm, forward and backward",
        "ja": "すべての特異値が g：順伝播でも逆伝播でもあらゆるベクトルのノルム"},
    "init.name.lecun_normal": {"en": "LeCun normal", "ja": "LeCun の正規分布"},
    "init.name.lecun_uniform": {"en": "LeCun uniform", "ja": "LeCun の一様分布"},
    "init.name.glorot_heuristic": {
        "en": "Glorot & Bengio's \"common heuristic\"", "ja": "Glorot と Bengio の「一般的な経験則」"},
    "init.name.glorot_normal": {"en": "Glorot (Xavier) normal", "ja": "Glorot（Xavier）の正規分布"},
    "init.name.glorot_uniform": {"en": "Glorot (Xavier) uniform", "ja": "Glorot（Xavier）の一様分布"},
    "init.name.he_normal": {"en": "He (Kaiming) normal, fan-in", "ja": "He（Kaiming）の正規分布、fan-in"},
    "init.name.he_fan_out": {"en": "He (Kaiming) normal, fan-out", "ja": "He（Kaiming）の正規分布、fan-out"},
    "init.name.he_uniform": {"en": "He (Kaiming) uniform", "ja": "He（Kaiming）の一様分布"},
    "init.name.orthogonal": {"en": "orthogonal", "ja": "直交行列"},
    "init.for.tanh": {
        "en": "tanh (LeCun: 1.7159 tanh(2x/3)); units in their linear regime",
        "ja": "tanh（LeCun は 1.7159 tanh(2x/3)）；線形領域のユニット"},
    "init.for.glorot": {
        "en": "tanh, softsign: units in their linear regime", "ja": "tanh、softsign：線形領域のユニット"},
    "init.for.relu": {
        "en": "ReLU; PReLU with 2/((1 + a²) n)", "ja": "ReLU；PReLU では 2/((1 + a²) n)"},
    "init.for.linear": {
        "en": "deep linear nets (g = 1); tanh, hard tanh with g at χ₁ = 1 (dynamical isometry)",
        "ja": "深い線形ネットワーク（g = 1）；tanh、hard tanh では χ₁ = 1 となる g（動的等長性）"},
    "init.names.lecun_normal": {
        "en": "the chapter's N(0, 1/n_in); Keras lecun_normal (truncated); called \"Xavier\" in "
        "ゼロから作る Deep Learning (6.2.2) and in Andrew Ng's deeplearning.ai course",
        "ja": "本章の N(0, 1/n_in)；Keras の lecun_normal（切断正規分布）；『ゼロから作る Deep "
        "Learning』(6.2.2) や Andrew Ng の deeplearning.ai の講座では「Xavier の初期値」と呼ばれる"},
    "init.names.lecun_uniform": {
        "en": "Keras lecun_uniform; Caffe's \"xavier\" filler (its default variance_norm FAN_IN)",
        "ja": "Keras の lecun_uniform；Caffe の \"xavier\" フィラー（既定の variance_norm は FAN_IN）"},
    "init.names.glorot_heuristic": {
        "en": "their eq. 1; PyTorch's nn.Linear default (kaiming_uniform_ with a = √5)",
        "ja": "論文の式 1；PyTorch の nn.Linear の既定（a = √5 の kaiming_uniform_）"},
    "init.names.glorot_normal": {
        "en": "PyTorch xavier_normal_; Keras glorot_normal (truncated)",
        "ja": "PyTorch の xavier_normal_；Keras の glorot_normal（切断正規分布）"},
    "init.names.glorot_uniform": {
        "en": "\"normalized initialization\", their eq. 16; PyTorch xavier_uniform_; Keras "
        "glorot_uniform (the Dense layer's default)",
        "ja": "論文の式 16「正規化された初期化」；PyTorch の xavier_uniform_；Keras の "
        "glorot_uniform（Dense 層の既定）"},
    "init.names.he_normal": {
        "en": "He et al. eq. 10; PyTorch kaiming_normal_ (mode=\"fan_in\", its default); Keras "
        "he_normal (truncated); Caffe's \"msra\" filler; MSRA",
        "ja": "He らの式 10；PyTorch の kaiming_normal_（既定の mode=\"fan_in\"）；Keras の "
        "he_normal（切断正規分布）；Caffe の \"msra\" フィラー；MSRA"},
    "init.names.he_fan_out": {
        "en": "He et al. eq. 14; PyTorch kaiming_normal_(mode=\"fan_out\")",
        "ja": "He らの式 14；PyTorch の kaiming_normal_(mode=\"fan_out\")"},
    "init.names.he_uniform": {
        "en": "PyTorch kaiming_uniform_; Keras he_uniform",
        "ja": "PyTorch の kaiming_uniform_；Keras の he_uniform"},
    "init.names.orthogonal": {
        "en": "Saxe et al. (2013); PyTorch orthogonal_(gain); Keras Orthogonal(gain)",
        "ja": "Saxe ら (2013)；PyTorch の orthogonal_(gain)；Keras の Orthogonal(gain)"},
}
