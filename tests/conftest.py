"""Shared test settings: a hypothesis profile that keeps the suite within CI's time budget."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "analytic", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("analytic")
