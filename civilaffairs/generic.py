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
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
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
            form.add_error(None, already_exists_message())
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


def already_exists_message() -> str:
    return _("This record already exists (perhaps submitted twice); nothing was saved.")


def add_validation_errors(form, exc: ValidationError) -> None:
    """A service's ``ValidationError`` on the form: under the field it names when the form has that field, else
    above the form (a model field the form lacks is named by its verbose name)."""
    if not hasattr(exc, "error_dict"):
        for message in exc.messages:
            form.add_error(None, message)
        return
    model = getattr(getattr(form, "_meta", None), "model", None)
    for name, errors in exc.error_dict.items():
        for error in errors:
            message = " ".join(error.messages)
            if name in form.fields:
                form.add_error(name, message)
                continue
            label = ""
            if name != NON_FIELD_ERRORS and model is not None:
                try:
                    label = str(model._meta.get_field(name).verbose_name)
                except Exception:  # not a model field: the message alone
                    label = ""
            form.add_error(None, f"{label}：{message}" if label else message)


def flash_errors(request, errors) -> None:
    """Problems of a form posted from a record's page, shown there as messages: a form's ``errors``, a
    ``ValidationError`` or a refusal whose text is for the user."""
    if isinstance(errors, Exception):
        texts = getattr(errors, "messages", None) or [str(errors)]
    else:
        texts = [error for field_errors in errors.values() for error in field_errors]
    for text in texts:
        messages.error(request, text)


class ServiceFormView(PermissionMixin, View):
    """A form whose cleaned data go to one service (STYLE: every multi-row or status-changing write is a service).

    GET shows the form; POST validates it and calls ``perform(form)``. The service's
    ``ValidationError`` comes back on the form, a ``PermissionDenied`` (a choice outside the jurisdiction) above
    it, an ``IntegrityError`` (a unique rule caught a double submit) as a clear sentence, and nothing is written;
    a record that vanished from the jurisdiction meanwhile is a 404. On success: a message, then a redirect.

    With ``inline = True`` the form sits on the record's page and is only posted: its problems are flashed there
    (so are those of an action without a form, ``form_class = None``).
    """

    form_class = None
    template_name = "generic/object_form.html"
    title = ""
    success_message = gettext_lazy("Saved.")
    submit_label = ""
    inline = False
    form_user = True  # the form takes ``user=`` (ScopedModelForm: choices limited to the jurisdiction)

    def get_object(self):
        return None

    def get_initial(self) -> dict:
        return {}

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user} if self.form_user else {}

    def get_form(self, data=None, files=None):
        kwargs = self.get_form_kwargs()
        if data is None:
            kwargs.setdefault("initial", self.get_initial())
            return self.form_class(**kwargs)
        return self.form_class(data, files, **kwargs)

    def get_title(self) -> str:
        return str(self.title)

    def get_context_data(self, **kwargs) -> dict:
        return {"title": self.get_title(), "object": self.object, "submit_label": self.submit_label, **kwargs}

    def render_form(self, form):
        return render(self.request, self.template_name, self.get_context_data(form=form))

    def perform(self, form):
        """Call the service with ``form.cleaned_data``; return what it wrote (for the message and the redirect)."""
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return str(self.success_message)

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()

    def get(self, request, *args, **kwargs):
        if self.inline:
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.object = self.get_object()
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form(request.POST, request.FILES) if self.form_class is not None else None
        if form is not None and not form.is_valid():
            return self.refused(form, form.errors)
        try:
            # No transaction here: each service opens its own (and may retry it on a locked SQLite database).
            result = self.perform(form)
        except ValidationError as exc:
            return self.refused(form, exc)
        except PermissionDenied as exc:
            return self.refused(form, ValidationError(str(exc)))
        except ObjectDoesNotExist:
            raise Http404 from None
        except IntegrityError:
            return self.refused(form, ValidationError(already_exists_message()))
        messages.success(request, self.get_success_message(result))
        return HttpResponseRedirect(self.get_success_url(result))

    def refused(self, form, errors):
        if self.inline or form is None:
            flash_errors(self.request, errors)
            return HttpResponseRedirect(self.object.get_absolute_url())
        if isinstance(errors, ValidationError):
            add_validation_errors(form, errors)
        return self.render_form(form)


class ObjectActionView(ScopedQuerysetMixin, ServiceFormView):
    """``ServiceFormView`` on one record, looked up through ``for_user``: outside the jurisdiction it is a 404.
    The service receives ``self.object``; by default the page returns to the record."""

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404
        return obj

    def get_title(self) -> str:
        return f"{self.title}：{self.object}"

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()


def audit_history(obj, user, limit: int = 50) -> list:
    """The audit trail of one object, for viewers allowed to read the audit log."""
    if not user.has_perm("auditlog.view_logentry"):
        return []
    from auditlog.models import LogEntry

    from civilaffairs.audit import with_related_names

    return with_related_names(LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")[:limit])
