"""Jurisdiction scoping: the one mechanism every page, API endpoint, export and drill-down goes through.

A model that holds personal or case data declares ``scope_field``: the path from the model to the code of the
Region it belongs to (e.g. ``"region__code"`` or ``"household__village__code"``; Django turns the
last hop into a LIKE on the foreign-key column itself, no join). Region codes are hierarchical
(GB/T 2260 + NBS), so "everything under the user's jurisdiction" is an indexed prefix match on that column,
with no join and no recursion (NetBox's ``restrict()``, with the region tree as the permission boundary).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from civilaffairs.models import Region, User


def scope_prefix(user) -> str | None:
    """The code prefix a user may see, "" for everything (superuser), None for nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return ""
    jurisdiction = getattr(user, "jurisdiction", None)
    if jurisdiction is None:
        return None
    return jurisdiction.prefix


class ScopedQuerySet(models.QuerySet):
    """QuerySet of a model with a ``scope_field``; ``for_user`` is the only way views reach such rows."""

    def _scope_lookup(self) -> str:
        field = getattr(self.model, "scope_field", None)
        if not field:
            raise TypeError(f"{self.model.__name__} declares no scope_field")
        return f"{field}__startswith"

    def for_user(self, user: User) -> ScopedQuerySet:
        prefix = scope_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == "":
            return self
        return self.filter(**{self._scope_lookup(): prefix})

    def within(self, region: Region) -> ScopedQuerySet:
        """Rows under a region (used by indicator breakdowns and drill-down, on top of ``for_user``)."""
        return self.filter(**{self._scope_lookup(): region.prefix})


def user_can_see_region(user, region: Region) -> bool:
    prefix = scope_prefix(user)
    return prefix is not None and region.code.startswith(prefix)
