"""Funeral and marriage in the menu (navigation only for now; to-dos are added below)."""

from django.utils.translation import gettext_lazy as _

from civilaffairs import registry
from civilaffairs.registry import NavItem

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
