"""Shared test settings: a hypothesis profile within CI's time budget, and data computed once."""

import linecache
import os

import pytest
from hypothesis import HealthCheck, settings

# one BLAS thread, as the experiment commands use (cli/runs.py: experiment_setup): the
# training tests multiply matrices 30 columns wide, which two threads on a shared 2-core
# machine make about three times slower; set before NumPy is first imported
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

# linecache.checkcache() lists the cache's keys, then looks each one up; SymPy's lambdify drops
# its generated source from the cache when the function is garbage-collected, which can happen
# between the two and raise KeyError (python/cpython#126775, fixed upstream for 3.12 and later;
# 3.10 and 3.11 take security fixes only). The doctest runner calls checkcache before every
# example, so a collection at the wrong moment failed a random doctest (seen once in about ten
# runs): retry, as the check is idempotent.
_checkcache = linecache.checkcache


def _checkcache_retrying(filename=None):
    for _ in range(100):
        try:
            return _checkcache(filename)
        except KeyError:
            continue
    return _checkcache(filename)


linecache.checkcache = _checkcache_retrying

# derandomize: the same examples on every run, so a failure is reproducible and CI deterministic
settings.register_profile(
    "analytic", max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("analytic")


@pytest.fixture(scope="session")
def gallery_data():
    """Every gallery figure's data, computed once for the whole session: name -> data."""
    from analytic.present.figures import GALLERY, compute

    return {name: compute(name) for name in GALLERY}


@pytest.fixture(scope="session")
def english_figures(gallery_data):
    """Every gallery figure built once in the gallery's language and style: name -> Figure."""
    import matplotlib

    from analytic.present.figures import build_figure
    from analytic.present.figures.describe import GALLERY_LANG, GALLERY_STYLE
    from analytic.present.figures.style import style_rc

    with matplotlib.rc_context(style_rc(GALLERY_STYLE, GALLERY_LANG)):
        return {name: build_figure(name, data, GALLERY_LANG, GALLERY_STYLE)
                for name, data in gallery_data.items()}
