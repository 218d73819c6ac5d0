"""Formatting as Chinese users expect: 2025年6月30日, 1,234.00元, 12.3万元, masked IDs."""

import datetime
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from civilaffairs.formats import cn_date

register = template.Library()


register.filter("cn_date", cn_date)


@register.filter
def yuan(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{Decimal(value):,.2f}元"


@register.filter
def wan_yuan(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{Decimal(value) / Decimal(10000):,.2f}万元"


@register.filter
def display(value):
    """A table cell: dates in Chinese, booleans as 是/否, empty as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return cn_date(value)
    return value


@register.simple_tag
def status_badge(text, tone="secondary"):
    return format_html('<span class="badge text-bg-{}">{}</span>', tone, text)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
