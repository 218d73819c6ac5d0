"""The core's navigation entries and to-dos (other apps register theirs the same way)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs import registry
from civilaffairs.choices import SignCondition
from civilaffairs.registry import NavItem, Todo

registry.register_nav(
    "registry",
    [
        NavItem(_("Persons"), "person_list", "civilaffairs.view_person", 10),
        NavItem(_("Regions"), "region_list", "civilaffairs.view_region", 20),
    ],
)
registry.register_nav(
    "placenames",
    [
        NavItem(_("Place names"), "placename_list", "civilaffairs.view_placename", 10),
        NavItem(_("Place-name signs"), "sign_list", "civilaffairs.view_placenamesign", 20),
        NavItem(_("Boundary markers"), "marker_list", "civilaffairs.view_boundarymarker", 30),
    ],
)
registry.register_nav(
    "system",
    [
        NavItem(_("Audit log"), "audit_list", "auditlog.view_logentry", 10),
        NavItem(_("My account"), "profile", None, 90),
    ],
)

NAV_SECTION_LABELS = {
    "registry": _("Registry"),
    "assistance": _("Social assistance"),
    "eldercare": _("Elder care"),
    "childwelfare": _("Child welfare"),
    "community": _("Community"),
    "funeral": _("Funeral and marriage"),
    "placenames": _("Place names"),
    "indicators": _("Indicators"),
    "system": _("System"),
}

# Joint inspections of county boundaries run in five-year rounds (《行政区域界线管理条例》); a marker not
# inspected for longer is due.
MARKER_INSPECTION_YEARS = 5


@registry.register_todos
def place_name_todos(user):
    from civilaffairs.models import BoundaryMarker, PlaceNameSign

    items = []
    if user.has_perm("civilaffairs.change_placenamesign"):
        damaged = PlaceNameSign.objects.for_user(user).exclude(condition=SignCondition.GOOD).count()
        if damaged:
            items.append(
                Todo(
                    title=_("%(count)d place-name signs are damaged or missing") % {"count": damaged},
                    url=reverse("sign_list") + "?condition=damaged",
                    category=_("Place names"),
                )
            )
    if user.has_perm("civilaffairs.change_boundarymarker"):
        cutoff = datetime.date.today() - datetime.timedelta(days=365 * MARKER_INSPECTION_YEARS)
        due = BoundaryMarker.objects.for_user(user).filter(last_joint_inspection_on__lt=cutoff).count()
        if due:
            items.append(
                Todo(
                    title=_("%(count)d boundary markers are due for joint inspection") % {"count": due},
                    url=reverse("marker_list"),
                    category=_("Place names"),
                )
            )
    return items
