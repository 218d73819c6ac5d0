"""Elder care in the menu, on the home page's to-do list and on the person page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilaffairs import registry
from civilaffairs.registry import NavItem, Programme, Todo

registry.register_nav(
    "eldercare",
    [
        NavItem(
            gettext_lazy("Elder-care institutions"),
            "eldercare:institution_list",
            "eldercare.view_eldercareinstitution",
            10,
        ),
        NavItem(
            gettext_lazy("Community elder-care facilities"),
            "eldercare:facility_list",
            "eldercare.view_communityeldercarefacility",
            20,
        ),
        NavItem(
            gettext_lazy("Quality assessments"),
            "eldercare:assessment_list",
            "eldercare.view_eldercarequalityassessment",
            30,
        ),
        NavItem(
            gettext_lazy("Special-difficulty elderly"), "eldercare:elderly_list", "eldercare.view_elderlyperson", 40
        ),
        NavItem(gettext_lazy("Visits due"), "eldercare:visits_due", "eldercare.add_elderlyvisit", 50),
        NavItem(gettext_lazy("Visit records"), "eldercare:visit_list", "eldercare.view_elderlyvisit", 60),
        NavItem(gettext_lazy("Import the roster"), "eldercare:import_roster", "eldercare.import_eldercare", 70),
        NavItem(gettext_lazy("Import visits"), "eldercare:import_visits", "eldercare.import_eldercare", 80),
    ],
)


@registry.register_todos
def eldercare_todos(user) -> list[Todo]:
    """Visits due this cycle (caseworkers), quality inspections falling due and overdue rectifications (county)."""
    from eldercare import selectors

    items: list[Todo] = []
    today = datetime.date.today()
    category = _("Elder care")
    if user.has_perm("eldercare.add_elderlyvisit"):
        due = selectors.visits_due(user, today).count()
        if due:
            start, _types = selectors.visit_window(user, today)
            items.append(
                Todo(
                    title=_("%(n)d special-difficulty elderly at home not yet visited this cycle") % {"n": due},
                    url=reverse("eldercare:visits_due"),
                    due=today,
                    category=category,
                    detail=_("cycle from %(start)s") % {"start": start.isoformat()},
                )
            )
    if user.has_perm("eldercare.add_eldercarequalityassessment"):
        inspections = selectors.quality_inspections_due(user, today).count()
        if inspections:
            items.append(
                Todo(
                    title=_("%(n)d elder-care institutions need their yearly quality inspection") % {"n": inspections},
                    url=reverse("eldercare:institution_list") + "?state=open",
                    category=category,
                )
            )
        overdue = selectors.rectifications_overdue(user, today)
        first = overdue.order_by("rectification_due_on").first()
        if first is not None:
            items.append(
                Todo(
                    title=_("%(n)d rectifications after quality inspections are overdue") % {"n": overdue.count()},
                    url=reverse("eldercare:assessment_list") + "?open_rectification=true",
                    due=first.rectification_due_on,
                    overdue=True,
                    category=category,
                )
            )
    return items


@registry.register_programmes
def eldercare_programmes(person, user) -> list[Programme]:
    """Periods on the roster of special-difficulty elderly, as far as the viewer's jurisdiction reaches."""
    from eldercare.models import ElderlyPerson

    if not user.has_perm("eldercare.view_elderlyperson"):
        return []
    rows = []
    for entry in ElderlyPerson.objects.for_user(user).filter(person=person).order_by("-listed_on"):
        on = entry.removed_on is None
        rows.append(
            Programme(
                name=_("Special-difficulty elderly (visits)"),
                status=_("on the roster") if on else entry.get_removal_reason_display(),
                since=entry.listed_on,
                until=entry.removed_on,
                url=entry.get_absolute_url(),
                detail=entry.categories_display + ("" if entry.lives_at_home else _("; in an institution")),
            )
        )
    return rows
