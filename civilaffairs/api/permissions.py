"""API permissions: the same role permissions as the pages, including view permission for reads."""

from rest_framework import permissions


class RolePermission(permissions.DjangoModelPermissions):
    """DjangoModelPermissions that also requires ``view`` for GET, and honours per-action permissions.

    A viewset may declare ``action_permissions = {"approve": ["assistance.approve_application"]}`` for its
    workflow endpoints; those actions then need exactly these permissions.
    """

    perms_map = {
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "POST": ["%(app_label)s.add_%(model_name)s"],
        "PUT": ["%(app_label)s.change_%(model_name)s"],
        "PATCH": ["%(app_label)s.change_%(model_name)s"],
        "DELETE": ["%(app_label)s.delete_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        action_perms = getattr(view, "action_permissions", {}).get(getattr(view, "action", None))
        if action_perms is not None:
            return request.user.has_perms(action_perms)
        return super().has_permission(request, view)
