"""Dates as Chinese users read them (2025年6月30日; with the time, 2025年6月30日 15:24 in Shanghai time).

One formatter for templates (the ``cn_date`` filter), messages, PDFs and indicator notes alike."""

import datetime

from django.utils import timezone


def cn_date(value: datetime.date | datetime.datetime | None) -> str:
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    return f"{value.year}年{value.month}月{value.day}日"
