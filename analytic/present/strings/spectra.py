"""The Jacobian's singular values (dynamical isometry): key -> {lang: text}."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # experiment jacobian: the report
    "jac.heading": {
        "en": "Singular values σ_i of the input–output Jacobian J = ∂x^L/∂x^0 of deep random "
        "networks at initialisation, beside free probability's prediction (Pennington, "
        "Schoenholz and Ganguli 2017)",
        "ja": "初期化直後の深いランダムなネットワークの入出力ヤコビアン J = ∂x^L/∂x^0 の特異値 σ_i と、"
        "自由確率論による予測（Pennington, Schoenholz, Ganguli 2017）",
    },
    "jac.network": {
        "en": "h^l = W^l x^(l−1) + b^l, x^l = φ(h^l), width N = {width}; input x^0 = φ(h^0), "
        "h^0 ~ N(0, q*); {networks} random networks per ensemble (network i of every ensemble "
        "from seed [{seed}, i])",
        "ja": "h^l = W^l x^(l−1) + b^l、x^l = φ(h^l)、幅 N = {width}；入力 x^0 = φ(h^0)、"
        "h^0 ~ N(0, q*)；アンサンブルごとに {networks} 個のランダムなネットワーク"
        "（どのアンサンブルもネットワーク i はシード [{seed}, i] から）",
    },
    "jac.prediction": {
        "en": "m_k = (1/N) Σ σ_i^(2k); for N → ∞: m₁ = (σ_w² μ₁)^L = χ₁^L and "
        "σ²/m₁² = (m₂ − m₁²)/m₁² = L (μ₂/μ₁² − 1 − s₁), μ_k = E[φ′(h)^(2k)] at h ~ N(0, q*), "
        "s₁ = −1 for Gaussian and 0 for orthogonal weights",
        "ja": "m_k = (1/N) Σ σ_i^(2k)；N → ∞ で m₁ = (σ_w² μ₁)^L = χ₁^L、"
        "σ²/m₁² = (m₂ − m₁²)/m₁² = L (μ₂/μ₁² − 1 − s₁)；μ_k = E[φ′(h)^(2k)]（h ~ N(0, q*)）、"
        "s₁ はガウス重みで −1、直交重みで 0",
    },
    "jac.ensembles.title": {
        "en": "Ensembles: where each network runs, by mean-field theory",
        "ja": "アンサンブル：平均場理論による各ネットワークの動作点",
    },
    "jac.ensembles.note": {
        "en": "critical: (σ_w, σ_b) put on the line χ₁ = 1 at the given q*; otherwise q* is the "
        "fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b²; rate: the growth of σ²/m₁² per layer",
        "ja": "臨界：与えた q* で χ₁ = 1 の線上に (σ_w, σ_b) を置いたもの；それ以外は "
        "q ↦ σ_w² E[φ(√q z)²] + σ_b² の固定点が q*；増加率：1 層あたりの σ²/m₁² の増え方",
    },
    "jac.moments.title": {
        "en": "Moments of JJᵀ's spectrum: measured (mean ± standard error over the networks) "
        "and predicted",
        "ja": "JJᵀ のスペクトルのモーメント：測定値（ネットワーク間の平均 ± 標準誤差）と予測値",
    },
    "jac.moments.note": {
        "en": "agrees: |mean − prediction| ≤ 3 standard errors + (L/N)·|prediction| (the "
        "finite-width corrections are O(L/N)); σ = 0: rows of units with φ′ = 0 and the rank "
        "beyond; unresolved: 0 < σ < N·ε·σ_max, at the SVD's rounding level",
        "ja": "一致：|平均 − 予測| ≤ 標準誤差の 3 倍 + (L/N)·|予測|（有限幅の補正は O(L/N)）；"
        "σ = 0：φ′ = 0 のユニットの行と、階数を超える分；分解不能：0 < σ < N·ε·σ_max"
        "（SVD の丸め誤差の水準）",
    },
    "jac.col.activation": {"en": "activation", "ja": "活性化関数"},
    "jac.col.weights": {"en": "weights", "ja": "重み"},
    "jac.col.sigma_w": {"en": "σ_w", "ja": "σ_w"},
    "jac.col.sigma_b": {"en": "σ_b", "ja": "σ_b"},
    "jac.col.q_star": {"en": "q*", "ja": "q*"},
    "jac.col.chi1": {"en": "χ₁", "ja": "χ₁"},
    "jac.col.mu1": {"en": "μ₁", "ja": "μ₁"},
    "jac.col.mu_ratio": {"en": "μ₂/μ₁²", "ja": "μ₂/μ₁²"},
    "jac.col.s1": {"en": "s₁", "ja": "s₁"},
    "jac.col.variance_rate": {"en": "rate", "ja": "増加率"},
    "jac.col.critical": {"en": "critical", "ja": "臨界"},
    "jac.col.depth": {"en": "L", "ja": "L"},
    "jac.col.m1": {"en": "m₁", "ja": "m₁"},
    "jac.col.m1_se": {"en": "± s.e.", "ja": "± 標準誤差"},
    "jac.col.m1_predicted": {"en": "m₁ theory", "ja": "m₁ 理論"},
    "jac.col.m2": {"en": "m₂", "ja": "m₂"},
    "jac.col.m2_predicted": {"en": "m₂ theory", "ja": "m₂ 理論"},
    "jac.col.nvar": {"en": "σ²/m₁²", "ja": "σ²/m₁²"},
    "jac.col.nvar_se": {"en": "± s.e.", "ja": "± 標準誤差"},
    "jac.col.nvar_predicted": {"en": "σ²/m₁² theory", "ja": "σ²/m₁² 理論"},
    "jac.col.agrees": {"en": "agrees", "ja": "一致"},
    "jac.col.median_nonzero": {"en": "median σ ≠ 0", "ja": "σ ≠ 0 の中央値"},
    "jac.col.zero_share": {"en": "σ = 0", "ja": "σ = 0"},
    "jac.col.unresolved_share": {"en": "unresolved", "ja": "分解不能"},
    "jac.block": {"en": "ensemble", "ja": "アンサンブル"},
    "jac.weights.gaussian": {"en": "Gaussian", "ja": "ガウス"},
    "jac.weights.orthogonal": {"en": "orthogonal", "ja": "直交"},
    "jac.yes": {"en": "yes", "ja": "はい"},
    "jac.no": {"en": "no", "ja": "いいえ"},
    # experiment jacobian: the figures
    "fig.jacobian_spectra": {
        "en": "Singular values of the input–output Jacobian at initialisation (width {width})",
        "ja": "初期化直後の入出力ヤコビアンの特異値（幅 {width}）",
    },
    "fig.jacobian_moments": {
        "en": "The spread of the Jacobian's spectrum grows with depth: measured and predicted",
        "ja": "ヤコビアンのスペクトルの広がりは深さとともに増す：測定値と予測値",
    },
    "jac.fig.sigma": {"en": "singular value σ (log scale)", "ja": "特異値 σ（対数目盛）"},
    "jac.fig.share": {"en": "share of σ per bin", "ja": "各区間の σ の割合"},
    "jac.fig.depth": {"en": "depth L = {depth}", "ja": "深さ L = {depth}"},
    "jac.fig.panel": {"en": "{act}, {weights} {law}", "ja": "{act}、{weights} {law}"},
    "jac.fig.hidden": {"en": "not drawn at L = {depth}: {parts}", "ja": "L = {depth} で描画なし：{parts}"},
    "jac.fig.comma": {"en": ", ", "ja": "、"},
    "jac.fig.zero": {"en": "σ = 0 {share}", "ja": "σ = 0 が {share}"},
    "jac.fig.unresolved": {"en": "unresolved {share}", "ja": "分解不能 {share}"},
    "jac.fig.isometry": {"en": "σ = 1 (isometry)", "ja": "σ = 1（等長）"},
    "jac.fig.L": {"en": "depth L", "ja": "深さ L"},
    "jac.fig.nvar": {
        "en": "σ²/m₁², the variance of JJᵀ's spectrum over m₁²",
        "ja": "σ²/m₁²（JJᵀ のスペクトルの分散 ÷ m₁²）",
    },
    "jac.fig.measured": {
        "en": "measured: mean ± s.e. over {networks} networks; lines: free probability",
        "ja": "点：{networks} 個のネットワークの平均 ± 標準誤差；線：自由確率論",
    },
    "jac.fig.legend": {"en": "{act}, {weights}", "ja": "{act}、{weights}"},
}
