"""The Jacobian's singular values as a report: the ensembles (where mean-field theory puts each
network) and, per ensemble and depth, the measured moments of JJᵀ's spectrum beside free
probability's (text, markdown, csv, LaTeX, JSON; English or Japanese).

``jacobian_report`` takes a :class:`~analytic.experiments.jacobian.JacobianSpectra`; nothing
is computed here beyond what the experiment measured and the theory predicted.
"""

from __future__ import annotations

from ...experiments.jacobian import Ensemble, EnsembleSpectra, JacobianSpectra
from ..table import Block, Column, Report, Table, table
from .words import Text, column, words

ENSEMBLE_COLUMNS = (("activation", "{}"), ("weights", "{}"), ("sigma_w", "{:.4g}"),
                    ("sigma_b", "{:.4g}"), ("q_star", "{:.4g}"), ("chi1", "{:.4g}"),
                    ("mu1", "{:.4g}"), ("mu_ratio", "{:.4g}"), ("s1", "{:g}"),
                    ("variance_rate", "{:.4g}"), ("critical", "{}"))
MOMENT_COLUMNS = (("depth", "{}"), ("m1", "{:.4g}"), ("m1_se", "{:.2g}"),
                  ("m1_predicted", "{:.4g}"), ("nvar", "{:.4g}"), ("nvar_se", "{:.2g}"),
                  ("nvar_predicted", "{:.4g}"), ("agrees", "{}"), ("median_nonzero", "{:.3g}"),
                  ("zero_share", "{:.1%}"), ("unresolved_share", "{:.1%}"))
#: The flat csv: every ensemble's every depth, m₂ included.
FLAT_KEYS = ("activation", "weights", "sigma_w", "sigma_b", "q_star", "depth", "m1", "m1_se",
             "m1_predicted", "m2", "m2_se", "m2_predicted", "nvar", "nvar_se",
             "nvar_predicted", "m1_agrees", "nvar_agrees", "median_nonzero", "zero_share",
             "unresolved_share")


def weights_text(e: Ensemble, text: Text) -> str:
    """The weights as people read them: "Gaussian N(0, 2/n_in)", "orthogonal 1.414·O(n)"."""
    return f"{text(f'jac.weights.{e.weights}')} {e.scheme.law}"


def ensemble_name(e: Ensemble, text: Text) -> str:
    return f"{e.activation.label}, {weights_text(e, text)}"


def _yes(value: bool | None, text: Text) -> str | None:
    return None if value is None else text("jac.yes" if value else "jac.no")


def _ensemble_row(e: Ensemble, text: Text) -> tuple:
    mu1, mu2 = e.d_moments
    return (e.activation.label, weights_text(e, text), e.sigma_w, e.sigma_b, e.q_star, e.chi1,
            mu1, mu2 / mu1**2, e.s1, e.variance_rate, _yes(e.critical, text))


def _moment_rows(s: EnsembleSpectra, text: Text) -> tuple[tuple, ...]:
    rows = []
    for d in s.depths:
        m = s.summaries(d)
        m1, nvar = m["m1"], m["normalised_variance"]
        agree = None if m1.agrees is None else (m1.agrees and nvar.agrees)
        rows.append((d.depth, m1.mean, m1.se, m1.predicted, nvar.mean, nvar.se, nvar.predicted,
                     _yes(agree, text), d.median_nonzero, d.zero_share, d.unresolved_share))
    return tuple(rows)


def _flat_table(r: JacobianSpectra) -> Table:
    rows = []
    for s in r.ensembles:
        e = s.ensemble
        for d in s.depths:
            m = s.summaries(d)
            cells = [(m[k].mean, m[k].se, m[k].predicted) for k in ("m1", "m2",
                                                                    "normalised_variance")]
            rows.append((e.activation.spec, e.weights, e.sigma_w, e.sigma_b, e.q_star, d.depth,
                         *(c for triple in cells for c in triple), m["m1"].agrees,
                         m["normalised_variance"].agrees, d.median_nonzero, d.zero_share,
                         d.unresolved_share))
    return table("jacobian", "", [Column(k, k) for k in FLAT_KEYS], rows)


def jacobian_report(r: JacobianSpectra, lang: str = "en") -> Report:
    """The ensembles, then one block of depths per ensemble; csv holds every number flat."""
    text = words(lang)
    head = (text("jac.heading"),
            text("jac.network", width=r.width, networks=r.networks, seed=r.seed),
            text("jac.prediction"))
    ensembles = table("jacobian-ensembles", text("jac.ensembles.title"),
                      [column(f"jac.col.{k}", text, fmt) for k, fmt in ENSEMBLE_COLUMNS],
                      [_ensemble_row(s.ensemble, text) for s in r.ensembles],
                      text("jac.ensembles.note"))
    moments = Table(
        "jacobian-moments", text("jac.moments.title"),
        tuple(column(f"jac.col.{k}", text, fmt) for k, fmt in MOMENT_COLUMNS),
        tuple(Block(ensemble_name(s.ensemble, text), _moment_rows(s, text))
              for s in r.ensembles),
        text("jac.moments.note"), block_key="ensemble", block_header=text("jac.block"))
    return Report(head, (ensembles, moments), data=r.to_json(), data_tables=(_flat_table(r),))
