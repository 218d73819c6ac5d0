"""Audit rows for writes that bypass model signals (``bulk_update``, ``QuerySet.update``).

django-auditlog logs ``save()``/``delete()`` through signals; bulk paths — re-rating every enrolment after a
new standard, generating a payment roll — call ``log_bulk_changes`` in the same transaction, so nothing a
citizen could dispute changes without a trace (DESIGN §3, decision 0002).
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


def _as_text(value) -> str:
    return "None" if value is None else str(value)


def log_bulk_changes(
    changes: Iterable[tuple[models.Model, dict[str, tuple[object, object]]]],
    *,
    actor=None,
    action: int = LogEntry.Action.UPDATE,
) -> int:
    """Write one LogEntry per (object, {field: (before, after)}) in a single insert; returns rows written."""
    now = timezone.now()
    rows = []
    for obj, fields in changes:
        if not fields and action == LogEntry.Action.UPDATE:
            continue
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        pk = obj.pk
        extra = obj.get_additional_data() if hasattr(obj, "get_additional_data") else None
        rows.append(
            LogEntry(
                content_type=content_type,
                object_pk=str(pk),
                object_id=pk if isinstance(pk, int) else None,
                object_repr=str(obj)[:255],
                action=action,
                changes={name: [_as_text(before), _as_text(after)] for name, (before, after) in fields.items()},
                actor=actor,
                actor_email=getattr(actor, "email", None) or None,
                cid=get_cid(),
                timestamp=now,
                additional_data=extra,
            )
        )
    LogEntry.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
