"""Social assistance in the menu, on the home page's to-do list and on the person page."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilaffairs import registry
from civilaffairs.registry import NavItem, Programme, Todo

registry.register_nav(
    "assistance",
    [
        NavItem(gettext_lazy("Applications"), "assistance:application_list", "assistance.view_application", 10),
        NavItem(gettext_lazy("Households"), "assistance:household_list", "assistance.view_household", 20),
        NavItem(gettext_lazy("Enrolments"), "assistance:enrolment_list", "assistance.view_enrolment", 30),
        NavItem(gettext_lazy("Re-checks due"), "assistance:recheck_due_list", "assistance.recheck_enrolment", 40),
        NavItem(gettext_lazy("Payment rolls"), "assistance:roll_list", "assistance.view_paymentroll", 50),
        NavItem(
            gettext_lazy("Assistance standards"), "assistance:standard_list", "assistance.view_assistancestandard", 60
        ),
    ],
)

# Individual to-dos shown on the home page; beyond this a summary line links to the full list.
TODO_LIMIT = 30


@registry.register_todos
def assistance_todos(user) -> list[Todo]:
    """Applications waiting on the user's step, by statutory deadline (overdue in red), re-checks due, and rolls."""
    from assistance import selectors
    from assistance.models import PaymentRoll

    if not user.has_perm("assistance.view_application"):
        return []
    today = timezone.localdate()
    items: list[Todo] = []
    waiting = selectors.applications_waiting_on(user)
    category = _("Social assistance")
    for app in waiting[:TODO_LIMIT]:
        person = app.target or app.applicant
        items.append(
            Todo(
                title=_("%(kind)s %(number)s · %(name)s: %(status)s")
                % {
                    "kind": app.get_kind_display(),
                    "number": app.number,
                    "name": person.name,
                    "status": app.get_status_display(),
                },
                url=app.get_absolute_url(),
                due=app.stage_due_on,
                overdue=app.is_overdue(today),
                category=category,
                detail=app.household.village.full_name,
            )
        )
    extra = waiting.count() - TODO_LIMIT if len(items) == TODO_LIMIT else 0
    if extra > 0:
        items.append(
            Todo(
                title=_("%(n)d more applications are waiting") % {"n": extra},
                url=reverse("assistance:application_list") + "?state=open",
                category=category,
            )
        )
    if user.has_perm("assistance.recheck_enrolment"):
        due = selectors.rechecks_due_for(user, today)
        count = due.count()
        if count:
            first = due.first()
            items.append(
                Todo(
                    title=_("%(n)d re-checks due") % {"n": count},
                    url=reverse("assistance:recheck_due_list"),
                    due=first.next_recheck_on,
                    overdue=first.next_recheck_on < today,
                    category=category,
                )
            )
    if user.has_perm("assistance.review_paymentroll"):
        drafts = PaymentRoll.objects.for_user(user).exclude(status="locked").select_related("township")
        for roll in drafts.order_by("month")[:5]:
            items.append(
                Todo(
                    title=_("Payment roll %(roll)s: %(status)s") % {"roll": roll, "status": roll.get_status_display()},
                    url=roll.get_absolute_url(),
                    category=category,
                )
            )
    return items


@registry.register_programmes
def assistance_programmes(person, user) -> list[Programme]:
    """低保 / 特困 enrolments and open applications of a person, as far as the viewer's jurisdiction reaches."""
    from assistance.choices import OPEN_STATUSES
    from assistance.models import Application, EnrolmentMember

    if not user.has_perm("assistance.view_enrolment"):
        return []
    rows: list[Programme] = []
    memberships = (
        EnrolmentMember.objects.for_user(user)
        .filter(person=person)
        .select_related("enrolment")
        .order_by("-active", "-enrolment__start_month")
    )
    for m in memberships:
        e = m.enrolment
        rows.append(
            Programme(
                name=e.get_programme_display(),
                status=e.get_status_display() if m.active else _("left"),
                since=e.start_month,
                until=e.end_month,
                url=e.get_absolute_url(),
                detail=e.number,
            )
        )
    apps = Application.objects.for_user(user).filter(status__in=OPEN_STATUSES)
    from django.db.models import Q

    for app in apps.filter(Q(target=person) | Q(applicant=person)).select_related("household__village"):
        rows.append(
            Programme(
                name=_("%(kind)s application") % {"kind": app.get_kind_display()},
                status=app.get_status_display(),
                since=app.received_on,
                url=app.get_absolute_url(),
                detail=app.number,
            )
        )
    return rows
