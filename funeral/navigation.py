"""Funeral and marriage in the menu and on the home page's to-do list."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civilaffairs import registry
from civilaffairs.conf import county_setting
from civilaffairs.registry import NavItem, Todo

registry.register_nav(
    "funeral",
    [
        NavItem(_("Funeral facilities"), "funeral:facility_list", "funeral.view_funeralfacility", 10),
        NavItem(_("Burial zones"), "funeral:zone_list", "funeral.view_burialzone", 20),
        NavItem(_("Cremators"), "funeral:cremator_list", "funeral.view_cremator", 30),
        NavItem(_("Construction projects"), "funeral:project_list", "funeral.view_constructionproject", 40),
        NavItem(
            _("Marriage registration offices"), "funeral:office_list", "funeral.view_marriageregistrationoffice", 50
        ),
        NavItem(_("Marriage registration counts"), "funeral:count_list", "funeral.view_marriageregistrationcount", 60),
    ],
)


@registry.register_todos
def funeral_todos(user) -> list[Todo]:
    """Cremators whose emission test is due or whose scrapping date is near; projects without recent progress."""
    from funeral import selectors

    items: list[Todo] = []
    today = timezone.localdate()
    category = gettext("Funeral and marriage")
    if user.has_perm("funeral.change_cremator"):
        warning = int(county_setting("funeral_cremator_warning_days", getattr(user, "jurisdiction_id", None)))
        due = selectors.cremators_needing_attention(user, today, warning)
        tests = due["tests"].count()
        if tests:
            items.append(
                Todo(
                    title=gettext("%(n)d cremators need an emission test") % {"n": tests},
                    url=reverse("funeral:cremator_list") + "?in_use=yes",
                    category=category,
                )
            )
        first_scrap = due["scrap"].order_by("scrap_due_on").first()
        if first_scrap is not None:
            items.append(
                Todo(
                    title=gettext("%(n)d cremators reach their mandatory scrapping date") % {"n": due["scrap"].count()},
                    url=first_scrap.get_absolute_url(),
                    due=first_scrap.scrap_due_on,
                    overdue=first_scrap.scrap_due_on <= today,
                    category=category,
                )
            )
    if user.has_perm("funeral.change_constructionproject"):
        stale = selectors.projects_without_recent_progress(user, today)
        count = stale.count()
        if count:
            items.append(
                Todo(
                    title=gettext("%(n)d construction projects have no recent approved progress figure") % {"n": count},
                    url=reverse("funeral:project_list") + "?in_indicator_table=true",
                    category=category,
                )
            )
    return items
