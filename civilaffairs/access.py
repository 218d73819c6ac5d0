"""Access rules. Every URL must resolve to a view that declares one (tests/civilaffairs/test_access_rules.py).

- ``public``: no login (login page, health check) — also exempt from LoginRequiredMiddleware.
- ``any_user``: any logged-in user (home page, logout, own profile).
- a permission: ``PermissionRequiredMixin.permission_required`` (pages) or ``RolePermission`` (API).
Which rows a permitted user sees is decided separately, always by ``Model.objects.for_user(user)``.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin

PUBLIC = "public"
ANY_USER = "any_user"


def public(view):
    view = login_not_required(view)
    view.access_rule = PUBLIC
    return view


def any_user(view):
    view.access_rule = ANY_USER
    return view


class PermissionMixin(PermissionRequiredMixin):
    """Logged-in users without the permission get 403; anonymous ones were already sent to login."""

    raise_exception = True


def access_rule_of(callback) -> str | None:
    """The declared rule of a resolved URL callback, or None if it has none (a test failure)."""
    rule = getattr(callback, "access_rule", None)
    if rule:
        return rule
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is None:
        return None
    rule = getattr(view_class, "access_rule", None)
    if rule:
        return rule
    if issubclass(view_class, PermissionRequiredMixin):
        try:  # as the URL built it: as_view(**initkwargs) may name what the rule depends on
            required = view_class(**getattr(callback, "view_initkwargs", {})).get_permission_required()
        except Exception:  # ImproperlyConfigured: the view names no permission
            return None
        return f"permission:{','.join(required)}" if required else None
    perm_classes = getattr(view_class, "permission_classes", None)
    if perm_classes:
        names = {cls.__name__ for cls in perm_classes}
        if names & {"RolePermission", "IsAuthenticated", "ActionPermission"}:
            return "api:" + ",".join(sorted(names))
    return None
