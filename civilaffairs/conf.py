"""Business settings that vary per county: statutory limits, ratios, grace periods.

Defaults follow the national rules; ``settings.CIVILAFFAIRS`` overrides them per deployment and
``settings.CIVILAFFAIRS["counties"][<6-digit code>]`` per county; a county's own document (``COUNTY_DEFAULTS``) wins
over a deployment-wide value. Code reads ``county_setting()``; no literals.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {}
# Per-county defaults an app knows from the county's own documents (e.g. 奉节's 渐退 rule, 高新区's delegation of
# 审核确认 to the townships); only the deployment's settings for that county override them.
COUNTY_DEFAULTS: dict[str, dict[str, Any]] = {}


def register_defaults(values: dict[str, Any]) -> None:
    """Apps add their settings' national defaults here (called at import of the app's ``conf`` module)."""
    for key, value in values.items():
        DEFAULTS.setdefault(key, value)


def register_county_defaults(county_code: str, values: dict[str, Any]) -> None:
    """Defaults for one county (6-digit code), consulted after the deployment's settings for that county."""
    per_county = COUNTY_DEFAULTS.setdefault(county_code[:6], {})
    for key, value in values.items():
        per_county.setdefault(key, value)


def county_setting(name: str, county_code: str | None = None) -> Any:
    """A business setting for a county, most specific first: the deployment's value for the county, what the
    county's own document says (``COUNTY_DEFAULTS``), the deployment's global value, the national default.

    A deployment-wide value is a default for counties that state nothing: it must not silently replace a figure a
    county's own document sets (奉节's 6 months of 渐退 under a global 3)."""
    overrides = getattr(settings, "CIVILAFFAIRS", {}) or {}
    if county_code:
        county = county_code[:6]
        per_county = overrides.get("counties", {}).get(county, {})
        if name in per_county:
            return per_county[name]
        if name in COUNTY_DEFAULTS.get(county, {}):
            return COUNTY_DEFAULTS[county][name]
    if name in overrides:
        return overrides[name]
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
