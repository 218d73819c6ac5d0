"""Generic register pages (NetBox's ObjectListView / ObjectEditView): scoped, permission-checked, exportable.

Every queryset starts from ``Model.objects.for_user(request.user)``; an object outside the jurisdiction is a
404, never a 403, so a direct URL does not even confirm it exists.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from civilaffairs.access import PermissionMixin


@dataclass(frozen=True)
class Column:
    """A list-page column: a dotted attribute path (``"region.name"``) or ``callable(obj, user)``."""

    header: str
    accessor: str | Callable[[Any, Any], Any]
    link: bool = False

    def value(self, obj, user):
        if callable(self.accessor):
            return self.accessor(obj, user)
        value = obj
        for part in self.accessor.split("."):
            if value is None:
                return ""
            display = getattr(value, f"get_{part}_display", None)
            value = display() if display else getattr(value, part)
            if callable(value):
                value = value()
        return value


def model_perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class ScopedQuerysetMixin:
    model = None
    select_related: tuple[str, ...] = ()

    def get_queryset(self):
        qs = self.model.objects.for_user(self.request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        return qs


class ObjectListView(PermissionMixin, ScopedQuerysetMixin, FilterView):
    """A scoped, filterable, paginated list; ``?export=xlsx`` exports the same filtered rows."""

    template_name = "generic/object_list.html"
    paginate_by = 50
    columns: list[Column] = []
    resource_class = None  # import_export resource; exports are masked by the resource per viewer
    title = ""
    create_url_name = ""

    def get_permission_required(self):
        return [model_perm(self.model, "view")]

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx" and self.resource_class is not None:
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self) -> HttpResponse:
        filterset = self.get_filterset(self.get_filterset_class())
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else self.get_queryset()
        dataset = self.resource_class(user=self.request.user).export(queryset)
        response = HttpResponse(
            dataset.export("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"{self.get_title()}-{datetime.date.today():%Y%m%d}.xlsx"
        from urllib.parse import quote

        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response

    def get_title(self) -> str:
        return self.title or str(self.model._meta.verbose_name_plural)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["title"] = self.get_title()
        ctx["columns"] = self.columns
        ctx["rows"] = [(obj, [(c, c.value(obj, user)) for c in self.columns]) for obj in ctx["object_list"]]
        ctx["can_export"] = self.resource_class is not None
        ctx["create_url"] = (
            reverse(self.create_url_name)
            if self.create_url_name and user.has_perm(model_perm(self.model, "add"))
            else ""
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["query_string"] = query.urlencode()
        return ctx


class ObjectDetailView(PermissionMixin, ScopedQuerysetMixin, DetailView):
    template_name = "generic/object_detail.html"
    fields: list[Column] = []
    edit_url_name = ""

    def get_permission_required(self):
        return [model_perm(self.model, "view")]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["title"] = str(self.object)
        ctx["fields"] = [(c.header, c.value(self.object, user)) for c in self.fields]
        if self.edit_url_name and user.has_perm(model_perm(self.model, "change")):
            ctx["edit_url"] = reverse(self.edit_url_name, args=[self.object.pk])
        ctx["history"] = audit_history(self.object, user)
        return ctx


class ScopedFormMixin:
    """Forms receive the user so that every Region (and related) choice is limited to the jurisdiction."""

    template_name = "generic/object_form.html"
    success_message = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = super().form_valid(form)
                # Re-check after the write: the saved object must still be inside the jurisdiction.
                if not self.model.objects.for_user(self.request.user).filter(pk=self.object.pk).exists():
                    raise PermissionDenied(_("The record would fall outside your jurisdiction."))
        except IntegrityError:
            # A unique constraint caught what validation could not see yet: a double submit or a
            # concurrent entry of the same record. Nothing was written.
            form.add_error(None, _("This record already exists (perhaps submitted twice); nothing was saved."))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message or _("Saved."))
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("title", self.get_title())
        return ctx


class ObjectCreateView(PermissionMixin, ScopedFormMixin, CreateView):
    def get_permission_required(self):
        return [model_perm(self.model, "add")]

    def get_title(self) -> str:
        return _("New %(name)s") % {"name": self.model._meta.verbose_name}


class ObjectUpdateView(PermissionMixin, ScopedFormMixin, ScopedQuerysetMixin, UpdateView):
    def get_permission_required(self):
        return [model_perm(self.model, "change")]

    def get_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.object}


def audit_history(obj, user, limit: int = 50) -> list:
    """The audit trail of one object, for viewers allowed to read the audit log."""
    if not user.has_perm("auditlog.view_logentry"):
        return []
    from auditlog.models import LogEntry

    return list(LogEntry.objects.get_for_object(obj).select_related("actor")[:limit])
