"""Audit rows for writes that bypass model signals (``bulk_update``, ``QuerySet.update``).

django-auditlog logs ``save()``/``delete()`` through signals; bulk paths — re-rating every enrolment after a
new standard, generating a payment roll — call ``log_bulk_changes`` in the same transaction, so nothing a
citizen could dispute changes without a trace (DESIGN §3, decision 0002).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
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


def _foreign_key(model, name: str) -> models.ForeignKey | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed: auditlog shows its raw values
        return None
    return field if isinstance(field, models.ForeignKey) and not field.choices else None


def _key(field: models.ForeignKey, value):
    if value in (None, "None"):
        return None
    try:
        return field.related_model._meta.pk.to_python(value)
    except ValidationError:  # a legacy value that is not a key: auditlog shows it as stored
        return None


def _fk_display(related_rows: dict, original, field: models.ForeignKey, value) -> str:
    row = related_rows.get(field.related_model, {}).get(_key(field, value))
    return str(row) if row is not None else original(field, value)


def with_related_names(entries: Iterable[LogEntry]) -> list[LogEntry]:
    """The entries, ready to show ``changes_display_dict`` without a query per entry.

    auditlog shows a changed foreign key by fetching the related row: one query per key per entry, so an audit
    page of 50 person entries made 50 region queries. Here the rows the entries name are fetched once per related
    model, and each entry looks its names up there.
    """
    entries = list(entries)
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        for name, values in entry.changes_dict.items() if model is not None else ():
            field = _foreign_key(model, name)
            if field is not None:
                wanted[field.related_model].update(k for k in (_key(field, v) for v in values) if k is not None)
    related_rows = {related: related._default_manager.in_bulk(list(keys)) for related, keys in wanted.items()}
    for entry in entries:
        # Shadows auditlog's per-value query on this instance only; a row not found falls back to auditlog's.
        entry._get_changes_display_for_fk_field = partial(
            _fk_display, related_rows, entry._get_changes_display_for_fk_field
        )
    return entries
