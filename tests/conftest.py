"""Shared test settings: a hypothesis profile that keeps the suite within CI's time budget."""

from hypothesis import HealthCheck, settings

# derandomize: the same examples on every run, so CI is deterministic (rule 5)
settings.register_profile(
    "analytic", max_examples=40, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("analytic")
