"""Social assistance in the menu, on the home page's to-do list and on the person page."""

from __future__ import annotations

import datetime

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
        NavItem(gettext_lazy("One-off payments ledger"), "assistance:ledger", "assistance.view_paymentline", 55),
        NavItem(
            gettext_lazy("Assistance standards"), "assistance:standard_list", "assistance.view_assistancestandard", 60
        ),
        NavItem(
            gettext_lazy("Disability certificates"),
            "assistance:certificate_list",
            "assistance.view_disabilitycertificate",
            65,
        ),
        NavItem(
            gettext_lazy("Low-income households"), "assistance:lowincome_list", "assistance.view_lowincomehousehold", 70
        ),
        NavItem(
            gettext_lazy("Households under monitoring"),
            "assistance:lowincome_monitoring",
            "assistance.view_lowincomehousehold",
            72,
        ),
        NavItem(gettext_lazy("Vagrant assistance cases"), "assistance:vagrant_list", "assistance.view_vagrantcase", 80),
        NavItem(
            gettext_lazy("Welfare institutions"),
            "assistance:institution_list",
            "assistance.view_welfareinstitution",
            90,
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
    if user.has_perm("assistance.grant_advance") or user.has_perm("assistance.process_application"):
        for advance in selectors.advances_awaiting_regularisation(user)[:TODO_LIMIT]:
            app = advance.application
            items.append(
                Todo(
                    title=_("Regularise the advance of %(amount)s yuan: %(number)s · %(name)s")
                    % {"amount": advance.amount, "number": app.number, "name": advance.payee.name},
                    url=app.get_absolute_url(),
                    due=advance.regularise_due_on,
                    overdue=advance.regularise_due_on < today,
                    category=category,
                    detail=app.household.village.full_name,
                )
            )
    if user.has_perm("assistance.add_lowincomevisit"):
        horizon = today + datetime.timedelta(days=7)
        for record in selectors.low_income_monitoring_for(user)[:200]:
            due = selectors.low_income_visit_due(record, today)
            if due is None or due > horizon:
                continue
            items.append(
                Todo(
                    title=_("Visit the monitored household of %(name)s (%(reason)s)")
                    % {
                        "name": record.household.head.name if record.household.head_id else record.household,
                        "reason": record.get_monitoring_reason_display(),
                    },
                    url=record.get_absolute_url(),
                    due=due,
                    overdue=due < today,
                    category=category,
                    detail=record.household.village.full_name,
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


@registry.register_programmes
def assistance_registers(person, user) -> list[Programme]:
    """低保边缘 / 低收入 recognition of the person's household, disability certificates, and 流浪乞讨救助 cases."""
    from assistance.models import DisabilityCertificate, LowIncomeHousehold, VagrantCase

    rows: list[Programme] = []
    if user.has_perm("assistance.view_lowincomehousehold"):
        records = (
            LowIncomeHousehold.objects.for_user(user)
            .filter(household__members__person=person, household__members__left_on__isnull=True)
            .order_by("-recognised_on")
        )
        for record in records:
            status = (
                _("under monitoring: %(reason)s") % {"reason": record.get_monitoring_reason_display()}
                if (record.monitored)
                else (_("ended") if record.ended_on else _("recognised"))
            )
            rows.append(
                Programme(
                    name=record.get_category_display(),
                    status=status,
                    since=record.recognised_on,
                    until=record.ended_on,
                    url=record.get_absolute_url(),
                )
            )
    if user.has_perm("assistance.view_disabilitycertificate"):
        today = timezone.localdate()
        for cert in DisabilityCertificate.objects.for_user(user).filter(person=person).order_by("-issued_on"):
            rows.append(
                Programme(
                    name=_("Disability certificate"),
                    status=_("valid") if cert.is_valid_on(today) else _("not valid"),
                    since=cert.issued_on,
                    until=cert.cancelled_on or cert.valid_until,
                    url=cert.get_absolute_url(),
                    detail=f"{cert.get_category_display()} {cert.get_grade_display()}",
                )
            )
    if user.has_perm("assistance.view_vagrantcase"):
        for case in VagrantCase.objects.for_user(user).filter(person=person).order_by("-intake_on"):
            rows.append(
                Programme(
                    name=_("Vagrant assistance"),
                    status=case.get_outcome_display() if case.closed_on else _("in the station"),
                    since=case.intake_on,
                    until=case.closed_on,
                    url=case.get_absolute_url(),
                    detail=case.number,
                )
            )
    return rows
