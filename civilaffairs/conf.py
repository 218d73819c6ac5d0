"""Business settings that vary per county: statutory limits, ratios, grace periods.

Defaults follow the national rules; ``settings.CIVILAFFAIRS`` overrides them per deployment and
``settings.CIVILAFFAIRS["counties"][<6-digit code>]`` per county. Code reads ``county_setting()``; no literals.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {}
# Per-county defaults an app knows from the county's own documents (e.g. 奉节's 渐退 rule, 高新区's delegation of
# 审核确认 to the townships); deployment settings still override them.
COUNTY_DEFAULTS: dict[str, dict[str, Any]] = {}


def register_defaults(values: dict[str, Any]) -> None:
    """Apps add their settings' national defaults here (called at import of the app's ``conf`` module)."""
    for key, value in values.items():
        DEFAULTS.setdefault(key, value)


def register_county_defaults(county_code: str, values: dict[str, Any]) -> None:
    """Defaults for one county (6-digit code), consulted after the deployment's settings and before DEFAULTS."""
    per_county = COUNTY_DEFAULTS.setdefault(county_code[:6], {})
    for key, value in values.items():
        per_county.setdefault(key, value)


def county_setting(name: str, county_code: str | None = None) -> Any:
    overrides = getattr(settings, "CIVILAFFAIRS", {}) or {}
    if county_code:
        per_county = overrides.get("counties", {}).get(county_code[:6], {})
        if name in per_county:
            return per_county[name]
    if name in overrides:
        return overrides[name]
    if county_code and name in COUNTY_DEFAULTS.get(county_code[:6], {}):
        return COUNTY_DEFAULTS[county_code[:6]][name]
    try:
        return DEFAULTS[name]
    except KeyError:
        raise KeyError(f"Unknown civilaffairs setting {name!r}") from None


# The core's own settings.
register_defaults(
    {
        # 《行政区域界线管理条例》 (国务院令第353号, 2002) and the 民政部 joint-inspection rules: the governments on
        # both sides of a boundary inspect it jointly (联合检查) every five years; a marker not jointly inspected
        # within one round, or never, is due.
        "boundary_joint_inspection_years": 5,
    }
)
