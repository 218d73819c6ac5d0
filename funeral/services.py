"""Writes of the funeral and marriage registers that touch several rows, change a status or must be idempotent.

Each service runs in one transaction, locks what it changes (``select_for_update``) and re-checks the actor's
jurisdiction: a row outside it is "not found", never changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from civilaffairs.choices import RegionLevel
from civilaffairs.models import Region
from civilaffairs.scoping import user_can_see_region
from funeral.choices import CrossProvinceBusiness
from funeral.models import (
    BurialZone,
    Cremator,
    CrematorEmissionTest,
    CrossProvinceAuthorisation,
    MarriageRegistrationCount,
    MarriageRegistrationOffice,
)


def _require(actor, perm: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDenied(_("Your role does not allow this."))


def _in_scope(actor, region: Region) -> None:
    if not user_can_see_region(actor, region):
        raise ObjectDoesNotExist(_("Not found in your jurisdiction."))


# --- burial zones ------------------------------------------------------------------------------------------


@transaction.atomic
def burial_zone_designate(
    *, actor, township: Region, kind: str, valid_from: datetime.date, document: str, note: str = ""
) -> BurialZone:
    """Designate a township 火葬区 or 土葬改革区 from a date; the designation in force then ends that day.

    《殡葬管理条例》第四条: zones are set by the government and adjusted by a new decision, so a township is in one
    zone at a time. A designation dated before a later one already recorded is refused: correct the later one.
    """
    _require(actor, "funeral.add_burialzone")
    if township.level != RegionLevel.TOWNSHIP:
        raise ValidationError({"township": _("Choose a township.")})
    _in_scope(actor, township)
    # Lock the township's designations: two staff adjusting the same township at once cannot both end the old one.
    existing = list(BurialZone.objects.select_for_update().filter(township=township).order_by("valid_from"))
    if any(zone.valid_from >= valid_from for zone in existing):
        raise ValidationError(
            {"valid_from": _("This township already has a designation from this day or later; correct that one.")}
        )
    current = next((z for z in reversed(existing) if z.valid_to is None or z.valid_to > valid_from), None)
    if current is not None:
        if current.kind == kind:
            raise ValidationError({"kind": _("The township is already in this zone on that day.")})
        current.valid_to = valid_from
        current.save(update_fields=["valid_to"])
    zone = BurialZone(township=township, kind=kind, valid_from=valid_from, document=document, note=note)
    zone.full_clean()
    zone.save()
    return zone


# --- cremators ----------------------------------------------------------------------------------------------


@transaction.atomic
def emission_test_record(
    *,
    actor,
    cremator: Cremator,
    tested_on: datetime.date,
    tested_by: str,
    report_number: str,
    passed: bool,
    standard: str = "",
    note: str = "",
) -> CrematorEmissionTest:
    """Record an emission test; a report already recorded for the cremator is returned, not duplicated."""
    _require(actor, "funeral.add_crematoremissiontest")
    cremator = Cremator.objects.for_user(actor).select_for_update().select_related("facility").get(pk=cremator.pk)
    existing = CrematorEmissionTest.objects.filter(cremator=cremator, report_number=report_number).first()
    if existing is not None:
        return existing
    if tested_on < cremator.commissioned_on:
        raise ValidationError({"tested_on": _("The test cannot be before the cremator was commissioned.")})
    if cremator.decommissioned_on and tested_on >= cremator.decommissioned_on:
        raise ValidationError({"tested_on": _("The cremator was already decommissioned on that day.")})
    test = CrematorEmissionTest(
        cremator=cremator,
        tested_on=tested_on,
        tested_by=tested_by,
        report_number=report_number,
        passed=passed,
        note=note,
    )
    if standard:
        test.standard = standard
    test.full_clean()
    test.save()
    return test


@transaction.atomic
def cremator_decommission(*, actor, cremator: Cremator, on: datetime.date, reason: str) -> Cremator:
    """Take a cremator out of use (scrapped, replaced or failing the standard) from a date; idempotent."""
    _require(actor, "funeral.change_cremator")
    cremator = Cremator.objects.for_user(actor).select_for_update().get(pk=cremator.pk)
    if cremator.decommissioned_on is not None:
        if cremator.decommissioned_on == on:
            return cremator
        raise ValidationError({"on": _("This cremator was already decommissioned.")})
    if on < cremator.commissioned_on:
        raise ValidationError({"on": _("A cremator is decommissioned on or after its commissioning.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    cremator.decommissioned_on = on
    cremator.decommission_reason = reason.strip()
    cremator.save(update_fields=["decommissioned_on", "decommission_reason", "updated_at"])
    return cremator


# --- marriage registration ------------------------------------------------------------------------------------


@transaction.atomic
def cross_province_enable(
    *,
    actor,
    office: MarriageRegistrationOffice,
    businesses: list[str],
    enabled_on: datetime.date,
    document: str,
    note: str = "",
) -> list[CrossProvinceAuthorisation]:
    """Open 跨省通办 at an office for 结婚 and/or 离婚 from a date, under one approving document.

    A business already open on that date is left as it is (the call is safe to repeat).
    """
    _require(actor, "funeral.add_crossprovinceauthorisation")
    office = MarriageRegistrationOffice.objects.for_user(actor).select_for_update().get(pk=office.pk)
    if not businesses:
        raise ValidationError({"businesses": _("Choose at least one business.")})
    if enabled_on < office.opened_on:
        raise ValidationError({"enabled_on": _("The office was not operating on that day.")})
    created = []
    for business in businesses:
        if business not in CrossProvinceBusiness.values:
            raise ValidationError({"businesses": _("Unknown business.")})
        if CrossProvinceAuthorisation.objects.active_on(enabled_on).filter(office=office, business=business).exists():
            continue
        later = CrossProvinceAuthorisation.objects.filter(office=office, business=business, enabled_on__gt=enabled_on)
        if later.exists():
            raise ValidationError({"enabled_on": _("A later opening of this service is already recorded.")})
        item = CrossProvinceAuthorisation(
            office=office, business=business, enabled_on=enabled_on, document=document, note=note
        )
        item.full_clean()
        item.save()
        created.append(item)
    return created


@transaction.atomic
def cross_province_suspend(
    *, actor, authorisation: CrossProvinceAuthorisation, on: datetime.date, note: str = ""
) -> CrossProvinceAuthorisation:
    """Suspend or end 跨省通办 of one business at an office from a date (the day itself no longer counts)."""
    _require(actor, "funeral.change_crossprovinceauthorisation")
    item = CrossProvinceAuthorisation.objects.for_user(actor).select_for_update().get(pk=authorisation.pk)
    if item.suspended_on is not None:
        if item.suspended_on == on:
            return item
        raise ValidationError({"on": _("This service is already suspended.")})
    if on <= item.enabled_on:
        raise ValidationError({"on": _("A service is suspended after it was enabled.")})
    item.suspended_on = on
    if note:
        item.note = f"{item.note}\n{note}".strip()
    item.save(update_fields=["suspended_on", "note"])
    return item


@dataclass(frozen=True)
class CountInput:
    office: MarriageRegistrationOffice
    date: datetime.date
    kind: str
    total: int
    online: int = 0
    cross_province: int = 0
    backfilled: int = 0
    note: str = ""


def count_record(*, actor, data: CountInput) -> tuple[MarriageRegistrationCount, bool]:
    """Enter or correct one office's count of one kind for one day (upsert on office, day, kind).

    Entering the same figures again changes nothing, so a double submit or a re-imported sheet is harmless; a
    different figure for the same day corrects the earlier one (audited). Returns the row and whether it is new.
    """
    _require(actor, "funeral.add_marriageregistrationcount")
    with transaction.atomic():
        office = MarriageRegistrationOffice.objects.for_user(actor).select_for_update().get(pk=data.office.pk)
        row = MarriageRegistrationCount.objects.filter(office=office, date=data.date, kind=data.kind).first()
        created = row is None
        if created:
            row = MarriageRegistrationCount(office=office, date=data.date, kind=data.kind)
        values = {
            "total": data.total,
            "online": data.online,
            "cross_province": data.cross_province,
            "backfilled": data.backfilled,
            "note": data.note,
        }
        if not created and all(getattr(row, key) == value for key, value in values.items()):
            return row, False
        for key, value in values.items():
            setattr(row, key, value)
        row.office = office
        row.full_clean(validate_unique=False)
        row.save()
        return row, created
