"""The community registers in the menu, their to-dos on the home page, and a person's community roles."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civilaffairs import registry
from civilaffairs.conf import county_setting
from civilaffairs.registry import NavItem, Programme, Todo

registry.register_nav(
    "community",
    [
        NavItem(
            gettext_lazy("Community service facilities"),
            "community:facility_list",
            "community.view_communityservicefacility",
            10,
        ),
        NavItem(
            gettext_lazy("Volunteer service stations"), "community:station_list", "community.view_volunteerstation", 20
        ),
        NavItem(
            gettext_lazy("Information platform access"),
            "community:platform_list",
            "community.view_communityplatformaccess",
            30,
        ),
        NavItem(
            gettext_lazy("Rural community recognitions"),
            "community:designation_list",
            "community.view_ruralcommunitydesignation",
            40,
        ),
        NavItem(gettext_lazy("Social organisations"), "community:org_list", "community.view_socialorganization", 50),
        NavItem(gettext_lazy("Annual reports"), "community:report_list", "community.view_socialorgannualreport", 60),
        NavItem(gettext_lazy("Incubation centres"), "community:centre_list", "community.view_incubationcentre", 70),
        NavItem(gettext_lazy("Social work professionals"), "community:worker_list", "community.view_socialworker", 80),
        NavItem(gettext_lazy("Registered volunteers"), "community:volunteer_list", "community.view_volunteer", 90),
        NavItem(gettext_lazy("Charity donations"), "community:donation_list", "community.view_charitydonation", 100),
        NavItem(gettext_lazy("Welfare lottery outlets"), "community:outlet_list", "community.view_lotteryoutlet", 110),
        NavItem(
            gettext_lazy("Monthly lottery sales"), "community:sales_list", "community.view_lotterysalesreturn", 120
        ),
    ],
)


def _previous_month(today: datetime.date) -> datetime.date:
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


@registry.register_todos
def community_todos(user) -> list[Todo]:
    """Annual reports to review; organisations late with last year's report (after 31 May); outlets whose sales for
    last month are missing after the 福彩中心's report day."""
    from community.filters import missing_report_orgs, outlets_missing_sales
    from community.models import LotteryOutlet, SocialOrganization, SocialOrgAnnualReport

    items: list[Todo] = []
    today = timezone.localdate()
    county = user.county.code if getattr(user, "jurisdiction_id", None) and user.county else None
    category = _("Community")
    if user.has_perm("community.review_socialorgannualreport"):
        waiting = SocialOrgAnnualReport.objects.for_user(user).filter(status="submitted")
        count = waiting.count()
        if count:
            oldest = waiting.order_by("submitted_on").values_list("submitted_on", flat=True).first()
            items.append(
                Todo(
                    title=_("%(count)d annual reports of social organisations await review") % {"count": count},
                    url=reverse("community:report_list") + "?status=submitted",
                    due=oldest,
                    category=category,
                )
            )
    if user.has_perm("community.change_socialorganization"):
        due = datetime.date(
            today.year,
            county_setting("community_annual_report_due_month", county),
            county_setting("community_annual_report_due_day", county),
        )
        if today > due:
            year = today.year - 1
            late = missing_report_orgs(SocialOrganization.objects.for_user(user), year).count()
            if late:
                items.append(
                    Todo(
                        title=_("%(count)d social organisations have not reported on %(year)d")
                        % {"count": late, "year": year},
                        url=reverse("community:org_list") + f"?report_missing={year}",
                        due=due,
                        overdue=True,
                        category=category,
                    )
                )
    if user.has_perm("community.add_lotterysalesreturn"):
        day = county_setting("community_sales_return_due_day", county)
        if today.day > day:
            month = _previous_month(today)
            missing = outlets_missing_sales(LotteryOutlet.objects.for_user(user), month).count()
            if missing:
                items.append(
                    Todo(
                        title=_("%(count)d lottery outlets have no sales for %(year)d-%(month)02d")
                        % {"count": missing, "year": month.year, "month": month.month},
                        url=reverse("community:outlet_list") + f"?missing_month={month:%Y-%m-%d}",
                        due=today.replace(day=day),
                        overdue=True,
                        category=category,
                    )
                )
    return items


@registry.register_programmes
def community_programmes(person, user) -> list[Programme]:
    """Social work posts (linked to the person) and the volunteer registration (found by the ID number)."""
    from community.models import SocialWorker, Volunteer

    items: list[Programme] = []
    if user.has_perm("community.view_socialworker"):
        for worker in SocialWorker.objects.for_user(user).filter(person=person).order_by("-active_from"):
            items.append(
                Programme(
                    name=_("Social work professional"),
                    status=_("in post") if worker.active_to is None else _("left"),
                    since=worker.active_from,
                    until=worker.active_to,
                    url=worker.get_absolute_url(),
                    detail=f"{worker.employer_name} · {worker.get_certificate_level_display()}",
                )
            )
    if user.has_perm("community.view_volunteer"):
        volunteer = Volunteer.objects.for_user(user).filter(id_number=person.id_number).first()
        if volunteer is not None:
            items.append(
                Programme(
                    name=_("Registered volunteer"),
                    status=_("registered") if volunteer.deregistered_on is None else _("deregistered"),
                    since=volunteer.registered_on,
                    until=volunteer.deregistered_on,
                    url=volunteer.get_absolute_url(),
                    detail=volunteer.team,
                )
            )
    return items
