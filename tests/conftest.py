"""Shared test settings: a hypothesis profile within CI's time budget, and data computed once."""

import pytest
from hypothesis import HealthCheck, settings

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
