"""Reference data: the assistance standards the seeds state (``fixtures/standards/*.yaml``), loaded idempotently."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from civilaffairs.reference import FIXTURES_DIR, read_yaml, register_loader

FIELDS = ["monthly_amount", "printed_yearly_amount", "document_number", "source", "is_demo", "note"]


def _monthly(entry: dict) -> tuple[Decimal, Decimal | None]:
    """Monthly amount, and the yearly figure as printed when the seed prints a yearly one (民乐: 元/年)."""
    if "yearly" in entry:
        yearly = Decimal(str(entry["yearly"]))
        return (yearly / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), yearly
    return Decimal(str(entry["monthly"])).quantize(Decimal("0.01")), None


@transaction.atomic
def standards_load(paths: list[Path] | None = None) -> tuple[int, int]:
    """Upsert every standard of the fixtures on (county, kind, urban/rural, tier, date); re-rate enrolments for the
    rows that are new or changed; refuse (roll back) if a county's 特困 figure breaks the 1.3× rule.
    Returns (rows created, rows updated)."""
    from assistance.models import AssistanceStandard
    from assistance.services import standards_rerate, tekun_ratio_errors

    paths = paths or sorted((FIXTURES_DIR / "standards").glob("*.yaml"))
    created = updated = 0
    touched = []
    for path in paths:
        data = read_yaml(path)
        county = str(data["county"])
        for entry in data["standards"]:
            monthly, yearly = _monthly(entry)
            effective = entry["effective_from"]
            if isinstance(effective, str):
                effective = datetime.date.fromisoformat(effective)
            values = {
                "monthly_amount": monthly,
                "printed_yearly_amount": yearly,
                "document_number": entry.get("document_number", "") or "",
                "source": entry.get("source", "") or "",
                "is_demo": bool(entry.get("is_demo", False)),
                "note": entry.get("note", "") or "",
            }
            row, was_created = AssistanceStandard.objects.get_or_create(
                county_id=county,
                kind=entry["kind"],
                urban_rural=entry.get("urban_rural", "") or "",
                care_tier=entry.get("care_tier", "") or "",
                effective_from=effective,
                defaults=values,
            )
            if was_created:
                row.full_clean()
                created += 1
                touched.append(row)
            elif any(getattr(row, k) != v for k, v in values.items()):
                amount_changed = row.monthly_amount != monthly
                for key, value in values.items():
                    setattr(row, key, value)
                row.full_clean()
                row.save()
                updated += 1
                if amount_changed:
                    touched.append(row)
        days = AssistanceStandard.objects.filter(county_id=county).values_list("effective_from", flat=True)
        errors = [e for day in sorted(set(days)) for e in tekun_ratio_errors(county, day)]
        if errors:
            raise ValidationError([f"{path.name}: {e}" for e in errors])
    standards_rerate(actor=None, standards=touched)
    return created, updated


@register_loader("standards", order=20)
def load_standards(stdout=None) -> str:
    created, updated = standards_load()
    return f"{created} standards created, {updated} updated"


def schedules_sync() -> int:
    """django-celery-beat entries (editable by admins): the daily close of finished 渐退 periods (01:30) and the end
    of disability subsidies whose holder no longer qualifies (01:45)."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    entries = [
        ("30", "assistance.close_finished_enrolments", "渐退期满的在保对象每日办结"),
        ("45", "assistance.end_lapsed_subsidies", "残疾人两项补贴：证件失效或不再符合条件的每日停发"),
    ]
    for minute, task, description in entries:
        schedule, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour="1", day_of_week="*", day_of_month="*", month_of_year="*", timezone="Asia/Shanghai"
        )
        PeriodicTask.objects.get_or_create(
            name=task, defaults={"task": task, "crontab": schedule, "description": description}
        )
    return len(entries)


@register_loader("assistance_schedules", order=61)
def load_schedules(stdout=None) -> str:
    return f"{schedules_sync()} daily assistance schedules"
