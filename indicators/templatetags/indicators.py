"""Formatting of indicator figures: two decimals at most, no trailing zeros, status colours."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

STATUS_CLASSES = {
    "met": "status-met",
    "on_track": "status-on-track",
    "behind": "status-behind",
    "no_data": "status-no-data",
    "no_target": "status-no-data",
}
STATUS_TONES = {"met": "success", "on_track": "info", "behind": "danger", "no_data": "secondary", "no_target": "light"}


def format_number(value, places: int = 2) -> str:
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return str(value)
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@register.filter
def num(value) -> str:
    return format_number(value)


@register.filter
def status_class(status) -> str:
    return STATUS_CLASSES.get(status or "no_data", "status-no-data")


@register.filter
def status_tone(status) -> str:
    return STATUS_TONES.get(status or "no_data", "secondary")


TABLE_CLASSES = {"met": "table-success", "on_track": "table-info", "behind": "table-danger", "no_data": "table-light"}


@register.filter
def status_table_class(status) -> str:
    """Bootstrap's cell colour (a plain background class loses to Bootstrap's table cell background)."""
    return TABLE_CLASSES.get(status or "no_data", "")
