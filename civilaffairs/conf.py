"""Business settings that vary per county: statutory limits, ratios, grace periods.

Defaults follow the national rules; ``settings.CIVILAFFAIRS`` overrides them per deployment and
``settings.CIVILAFFAIRS["counties"][<6-digit code>]`` per county. Code reads ``county_setting()``; no literals.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {}


def register_defaults(values: dict[str, Any]) -> None:
    """Apps add their settings' national defaults here (called at import of the app's ``conf`` module)."""
    for key, value in values.items():
        DEFAULTS.setdefault(key, value)


def county_setting(name: str, county_code: str | None = None) -> Any:
    overrides = getattr(settings, "CIVILAFFAIRS", {}) or {}
    if county_code:
        per_county = overrides.get("counties", {}).get(county_code[:6], {})
        if name in per_county:
            return per_county[name]
    if name in overrides:
        return overrides[name]
    try:
        return DEFAULTS[name]
    except KeyError:
        raise KeyError(f"Unknown civilaffairs setting {name!r}") from None
