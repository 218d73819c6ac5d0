"""The core's navigation entries and to-dos (other apps register theirs the same way)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs import registry
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


@registry.register_todos
def place_name_todos(user):
    from civilaffairs.models import BoundaryMarker, PlaceNameSign
    from civilaffairs.models.places import joint_inspection_cutoff, joint_inspection_years

    items = []
    if user.has_perm("civilaffairs.change_placenamesign"):
        to_repair = PlaceNameSign.objects.for_user(user).needs_repair().count()
        if to_repair:
            items.append(
                Todo(
                    title=_("%(count)d place-name signs are damaged or missing") % {"count": to_repair},
                    # The same rule as the count: the list filtered by needs_repair shows exactly these signs.
                    url=reverse("sign_list") + "?needs_repair=true",
                    category=_("Place names"),
                )
            )
    if user.has_perm("civilaffairs.change_boundarymarker"):
        due = BoundaryMarker.objects.for_user(user).inspection_due(joint_inspection_cutoff(user)).count()
        if due:
            items.append(
                Todo(
                    title=_("%(count)d boundary markers are due for joint inspection") % {"count": due},
                    url=reverse("marker_list") + "?inspection_due=true",
                    category=_("Place names"),
                    detail=_("Never jointly inspected, or not within the last %(years)d years.")
                    % {"years": joint_inspection_years(user)},
                )
            )
    return items
