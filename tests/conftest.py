"""Shared test settings: a hypothesis profile within CI's time budget, and data computed once."""

import pytest
from hypothesis import HealthCheck, settings

# derandomize: the same examples on every run, so CI is deterministic (rule 5)
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
