"""The chain network's derivation and its checks (``analytic derive``, ``analytic check``):
key -> {lang: text}.

The English of every check's name, detail and "not run" note is also what
:mod:`analytic.chain.verify` writes into the JSON; a test keeps the two the same.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # costs, by their registered name
    "cost.quadratic": {"en": "quadratic", "ja": "二乗誤差"},
    "cost.cross-entropy": {"en": "cross-entropy", "ja": "交差エントロピー誤差"},
    "cost.log-likelihood": {"en": "log-likelihood", "ja": "対数尤度誤差"},
    # analytic derive
    "chain.head": {
        "en": "Chain of depth {depth}, activation {act}, cost {cost} ({status}):",
        "ja": "深さ {depth} の鎖状ネットワーク、活性化関数は {act}、コスト関数は{cost}（{status}）：",
    },
    "tied.head": {
        "en": "One-unit recurrent net unrolled for {steps}, w tied, activation {act}, "
        "cost {cost} ({status}):",
        "ja": "ユニットが一つだけの再帰型ネットワークを {steps}分展開（w は全ステップで共有）、"
        "活性化関数は {act}、コスト関数は{cost}（{status}）：",
    },
    "tied.step": {"en": "{steps} step", "ja": "{steps} ステップ"},
    "tied.steps": {"en": "{steps} steps", "ja": "{steps} ステップ"},
    "chain.verified": {"en": "verified", "ja": "検証済み"},
    "chain.not_verified": {"en": "NOT verified", "ja": "検証で不一致あり"},
    "chain.checks": {"en": "Checks:", "ja": "検証："},
    # one line per check: [ok] name: detail
    "check.line": {"en": "  [{mark}] {name}: {detail}", "ja": "  [{mark}] {name}：{detail}"},
    "check.ok": {"en": "ok", "ja": "OK"},
    "check.failed": {"en": "FAILED", "ja": "失敗"},
    "check.skipped": {"en": "  [--] {note}", "ja": "  [--] {note}"},
    "check.product.name": {
        "en": "symbolic: product form = SymPy chain rule",
        "ja": "積の形 = SymPy による連鎖律（記号計算）",
    },
    "check.product.detail": {
        "en": "all {factors} chain-rule factors match the product exactly",
        "ja": "連鎖律の {factors} 個の因子が積と厳密に一致",
    },
    "check.nested.name": {
        "en": "symbolic: = fully nested sympy.diff",
        "ja": "= 完全に入れ子にした式の sympy.diff（記号計算）",
    },
    "check.nested.detail": {
        "en": "difference simplifies to 0 (checked for depth <= {max_depth})",
        "ja": "差を簡約すると 0（この検証は深さ <= {max_depth} で実行）",
    },
    "check.numeric.name": {
        "en": "numeric: = NumPy backprop",
        "ja": "= NumPy による誤差逆伝播法（数値計算）",
    },
    "check.numeric.detail": {
        "en": "max relative error {error} over {trials} random chains (tolerance {tolerance})",
        "ja": "ランダムな鎖状ネットワーク {trials} 個での最大相対誤差 {error}（許容誤差 {tolerance}）",
    },
    "check.numeric_tied.name": {
        "en": "numeric: = backpropagation through time (NumPy)",
        "ja": "= NumPy による通時的誤差逆伝播法（数値計算）",
    },
    "check.numeric_tied.detail": {
        "en": "max relative error {error} over {trials} random unrolled nets "
        "(tolerance {tolerance})",
        "ja": "ランダムな展開済みネットワーク {trials} 個での最大相対誤差 {error}"
        "（許容誤差 {tolerance}）",
    },
    # a check that did not run: "{check}: not run ({reason})"
    "check.not_run": {"en": "{check}: not run ({reason})", "ja": "{check}：実行せず（{reason}）"},
    "check.nested.short": {
        "en": "fully nested sympy.diff", "ja": "完全に入れ子にした式の sympy.diff",
    },
    "check.reason.depth": {"en": "depth > {max_depth}", "ja": "深さ > {max_depth}"},
    "check.reason.budget": {
        "en": "estimated cost {estimate} weighted nodes, over the budget of {budget}",
        "ja": "見積もったコストが重み付きノード {estimate} 個で、上限 {budget} を超える",
    },
    # analytic check
    "check.head": {
        "en": "∂C/∂b{layer} of a depth-{depth} chain ({act}, {cost}) at {trials} random chains "
        "(seed {seed}):",
        "ja": "深さ {depth} の鎖状ネットワーク（{act}、{cost}）の ∂C/∂b{layer} を、"
        "ランダムなパラメータの鎖状ネットワーク {trials} 個で評価（シード {seed}）：",
    },
    "check.vs_backprop": {
        "en": "  largest relative error vs NumPy backprop:         {error}",
        "ja": "  NumPy の誤差逆伝播法との最大相対誤差：  {error}",
    },
    "check.vs_finite_difference": {
        "en": "  largest relative error vs finite differences:     {error}",
        "ja": "  有限差分との最大相対誤差：              {error}",
    },
    "check.tolerance": {"en": "  tolerance: {tolerance}", "ja": "  許容誤差：{tolerance}"},
    "check.symbolic": {"en": "Symbolic checks:", "ja": "導出の検証："},
    "check.passed": {"en": "PASSED", "ja": "合格"},
    "check.not_passed": {"en": "FAILED", "ja": "不合格"},
}
