"""The nightly schedule as reference data: ``load_reference`` creates one beat entry per plan after the plans."""

from civilaffairs.reference import register_loader


@register_loader("indicator_schedules", order=60)
def load_indicator_schedules(stdout=None) -> str:
    from indicators.services import plan_schedules_sync

    return f"{plan_schedules_sync()} nightly recompute schedules"
