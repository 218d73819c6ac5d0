"""Writes of the elder-care registers that touch several rows or must stay consistent under double submits.

Named ``<entity>_<verb>(*, actor, ...)``, each under ``transaction.atomic``; pages, the API and imports call these
same functions. Every service checks the actor's permission and that what it writes lies in the actor's
jurisdiction (``for_user``), and turns a unique-constraint race into a clear Chinese message.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from civilaffairs.models import Person
from eldercare.choices import ELDERLY_CATEGORIES
from eldercare.models import ElderCareBedInventory, ElderCareSite, ElderlyPerson, ElderlyVisit


def _require(actor, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(_("Your role does not allow this."))


def _in_jurisdiction(actor, model, pk) -> None:
    if not model.objects.for_user(actor).filter(pk=pk).exists():
        raise PermissionDenied(_("The record would fall outside your jurisdiction."))


@transaction.atomic
def site_create(*, actor, site: ElderCareSite, inventory: ElderCareBedInventory) -> ElderCareSite:
    """Register an institution or a community facility together with its first inventory version (beds, operation
    mode, functions) — a site without an inventory would count with no beds."""
    model = type(site)
    _require(actor, f"eldercare.add_{model._meta.model_name}")
    site.full_clean()
    site.save()
    _in_jurisdiction(actor, model, site.pk)
    inventory.site = site
    inventory.effective_on = inventory.effective_on or site.opened_on
    inventory.recorded_by = actor
    inventory.full_clean()
    inventory.save()
    return site


@transaction.atomic
def inventory_record(*, actor, site: ElderCareSite, inventory: ElderCareBedInventory) -> ElderCareBedInventory:
    """Add a dated version of a site's beds, operation mode and functions. Versions are never edited: a correction
    is a new version, so a snapshot computed earlier can always be explained."""
    _require(actor, "eldercare.add_eldercarebedinventory")
    _in_jurisdiction(actor, ElderCareSite, site.pk)
    inventory.site = site
    inventory.recorded_by = actor
    inventory.full_clean()
    try:
        with transaction.atomic():
            inventory.save()
    except IntegrityError:
        raise ValidationError(
            {"effective_on": _("This site already has an inventory version from that day.")}
        ) from None
    return inventory


@dataclass
class EnrolInput:
    listed_on: datetime.date
    lives_at_home: bool = True
    categories: tuple[str, ...] = ()
    disability_level: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    visitor_name: str = ""
    note: str = ""


@transaction.atomic
def elderly_enrol(*, actor, person: Person, data: EnrolInput) -> ElderlyPerson:
    """Put a person on the roster of special-difficulty elderly. One open entry per person: a second enrolment
    (double submit, two caseworkers at once) is refused by the database and reported, nothing is written twice."""
    _require(actor, "eldercare.add_elderlyperson")
    if not Person.objects.for_user(actor).filter(pk=person.pk).exists():
        raise PermissionDenied(_("The person lives outside your jurisdiction."))
    entry = ElderlyPerson(
        person=person,
        listed_on=data.listed_on,
        lives_at_home=data.lives_at_home,
        disability_level=data.disability_level,
        contact_name=data.contact_name,
        contact_phone=data.contact_phone,
        visitor_name=data.visitor_name,
        note=data.note,
        **{f"is_{name}": name in data.categories for name in ELDERLY_CATEGORIES},
    )
    entry.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise ValidationError(_("%(name)s is already on the roster.") % {"name": person.name}) from None
    return entry


@transaction.atomic
def elderly_remove(*, actor, elderly: ElderlyPerson, removed_on: datetime.date, reason: str) -> ElderlyPerson:
    """Take an entry off the roster (death, entering an institution, moving away). The row is locked so that two
    removals at once leave one consistent end date."""
    _require(actor, "eldercare.change_elderlyperson")
    entry = ElderlyPerson.objects.for_user(actor).select_for_update().filter(pk=elderly.pk).first()
    if entry is None:
        raise PermissionDenied(_("The record would fall outside your jurisdiction."))
    if entry.removed_on is not None:
        raise ValidationError(_("This entry was already removed on %(date)s.") % {"date": entry.removed_on})
    entry.removed_on, entry.removal_reason = removed_on, reason
    entry.full_clean(validate_constraints=False)
    entry.save(update_fields=["removed_on", "removal_reason", "updated_at"])
    return entry


@dataclass
class VisitInput:
    visited_on: datetime.date
    visit_type: str
    visitor_name: str
    findings: str
    assistance: str
    needs_follow_up: bool = False


@transaction.atomic
def visit_record(*, actor, elderly: ElderlyPerson, data: VisitInput) -> ElderlyVisit:
    """Record one visit; the village is taken from where the person lives. The same visit twice (a double submit)
    is refused with a message, not stored twice."""
    _require(actor, "eldercare.add_elderlyvisit")
    if not ElderlyPerson.objects.for_user(actor).filter(pk=elderly.pk).exists():
        raise PermissionDenied(_("The record would fall outside your jurisdiction."))
    visit = ElderlyVisit(elderly=elderly, region_id=elderly.person.region_id, recorded_by=actor, **data.__dict__)
    visit.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError:
        raise ValidationError(_("This visit is already recorded.")) from None
    return visit
