"""What each role may do: permissions granted by role, declared by each app in its ``roles.py``.

Each app module defines ``PERMISSIONS = {Role.X: ["app_label.codename", ...]}``; ``RoleBackend`` unions them.
A role's permissions are the same for every user of that role; the user's jurisdiction bounds *where* they
apply (``ScopedQuerySet.for_user``). Per-user extra permissions from the admin still work (ModelBackend).
"""

from collections import defaultdict

from django.contrib.auth.backends import ModelBackend

from civilaffairs.choices import Role

_registry: dict[str, set[str]] = defaultdict(set)
_discovered = False

# The core's own grants. Leaders read; staff and admins keep the registers; township users keep their persons.
PERMISSIONS = {
    Role.CASEWORKER: [
        "civilaffairs.view_region",
        "civilaffairs.view_person",
        "civilaffairs.add_person",
        "civilaffairs.change_person",
        "civilaffairs.view_full_id_number",
        "civilaffairs.view_placename",
        "civilaffairs.view_placenamesign",
        "civilaffairs.view_boundarymarker",
        "civilaffairs.view_jobrun",
    ],
    Role.REVIEWER: [
        "civilaffairs.view_region",
        "civilaffairs.view_person",
        "civilaffairs.view_full_id_number",
        "civilaffairs.view_placename",
        "civilaffairs.view_placenamesign",
        "civilaffairs.view_boundarymarker",
        "civilaffairs.view_jobrun",
    ],
    Role.COUNTY_STAFF: [
        "civilaffairs.view_region",
        "civilaffairs.view_regionstat",
        "civilaffairs.add_regionstat",
        "civilaffairs.change_regionstat",
        "civilaffairs.view_person",
        "civilaffairs.change_person",
        "civilaffairs.view_full_id_number",
        "civilaffairs.view_placename",
        "civilaffairs.add_placename",
        "civilaffairs.change_placename",
        "civilaffairs.view_placenamesign",
        "civilaffairs.add_placenamesign",
        "civilaffairs.change_placenamesign",
        "civilaffairs.view_boundarymarker",
        "civilaffairs.add_boundarymarker",
        "civilaffairs.change_boundarymarker",
        "civilaffairs.view_jobrun",
        "auditlog.view_logentry",
    ],
    Role.COUNTY_LEADER: [
        "civilaffairs.view_region",
        "civilaffairs.view_regionstat",
        "civilaffairs.view_person",
        "civilaffairs.view_placename",
        "civilaffairs.view_placenamesign",
        "civilaffairs.view_boundarymarker",
        "civilaffairs.view_jobrun",
    ],
    Role.ADMIN: [
        "civilaffairs.view_region",
        "civilaffairs.view_regionstat",
        "civilaffairs.add_regionstat",
        "civilaffairs.change_regionstat",
        "civilaffairs.view_person",
        "civilaffairs.change_person",
        "civilaffairs.view_full_id_number",
        "civilaffairs.view_placename",
        "civilaffairs.add_placename",
        "civilaffairs.change_placename",
        "civilaffairs.delete_placename",
        "civilaffairs.view_placenamesign",
        "civilaffairs.add_placenamesign",
        "civilaffairs.change_placenamesign",
        "civilaffairs.delete_placenamesign",
        "civilaffairs.view_boundarymarker",
        "civilaffairs.add_boundarymarker",
        "civilaffairs.change_boundarymarker",
        "civilaffairs.delete_boundarymarker",
        "civilaffairs.view_jobrun",
        "civilaffairs.view_workcalendarday",
        "civilaffairs.add_workcalendarday",
        "civilaffairs.change_workcalendarday",
        "civilaffairs.delete_workcalendarday",
        "auditlog.view_logentry",
        # The users of the admin's own jurisdiction (civilaffairs.admin.UserAdmin bounds which users, regions and
        # flags); no delete: a user who leaves is deactivated, so their audit trail keeps its actor.
        "civilaffairs.view_user",
        "civilaffairs.add_user",
        "civilaffairs.change_user",
        # API tokens of those users (revoking one is deleting it).
        "authtoken.view_tokenproxy",
        "authtoken.add_tokenproxy",
        "authtoken.delete_tokenproxy",
    ],
}


def discover() -> None:
    """Collect every app's ``roles.PERMISSIONS`` once (like ``admin.autodiscover``)."""
    global _discovered
    if _discovered:
        return
    import importlib

    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.roles")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.roles":
                raise
            continue
        for role, perms in getattr(module, "PERMISSIONS", {}).items():
            _registry[role].update(perms)
    _discovered = True


def permissions_for_role(role: str) -> frozenset[str]:
    discover()
    return frozenset(_registry.get(role, ()))


class RoleBackend(ModelBackend):
    """ModelBackend plus the permissions of the user's role."""

    def get_group_permissions(self, user_obj, obj=None):
        perms = set(super().get_group_permissions(user_obj, obj))
        if user_obj.is_active and not user_obj.is_anonymous and getattr(user_obj, "role", ""):
            perms |= permissions_for_role(user_obj.role)
        return perms
