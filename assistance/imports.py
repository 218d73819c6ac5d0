"""All-or-nothing imports: a dry run first, then the real run; any failing row leaves the database as it was.

Messages are Chinese and name the row (as numbered in the spreadsheet, header = row 1) and the column.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from assistance.forms import ImportForm
from assistance.resources import RESOURCES
from assistance.services import retry_on_sqlite_lock
from civilaffairs.access import PermissionMixin

RESOURCE_TITLES = {
    "households": "家庭（户）",
    "members": "家庭成员",
    "standards": "救助标准",
    "enrolments": "在保对象",
    "certificates": "残疾人证（残联名册）",
    "low-income": "低保边缘和低收入家庭",
    "vagrants": "流浪乞讨救助个案",
    "institutions": "社会福利机构",
}


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _messages(error) -> list[str]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [f"{column}：{'；'.join(e.messages[0] for e in errs)}" for column, errs in error.error_dict.items()]
        return list(error.messages)
    return [str(error)]


def _report(result) -> ImportReport:
    report = ImportReport(total=result.total_rows)
    totals = result.totals
    report.new, report.updated = totals.get("new", 0), totals.get("update", 0)
    for error in result.base_errors:
        report.errors.extend(_("Whole file: %(message)s") % {"message": m} for m in _messages(error.error))
    for number, errors in result.row_errors():
        for error in errors:
            for message in _messages(error.error):
                report.errors.append(_("Row %(row)d: %(message)s") % {"row": number + 1, "message": message})
    for row in result.invalid_rows:
        for message in _messages(row.error):
            report.errors.append(_("Row %(row)d: %(message)s") % {"row": row.number + 1, "message": message})
    return report


@retry_on_sqlite_lock
def import_dataset(*, actor, resource_name: str, dataset: tablib.Dataset, dry_run: bool) -> ImportReport:
    """Import ``dataset`` with the named resource for ``actor``. With ``dry_run=False`` it still runs the dry run
    first; nothing is written unless every row passes."""
    if not actor.has_perm("assistance.import_assistance"):
        raise PermissionDenied(_("Your role does not allow imports."))
    resource_class = RESOURCES[resource_name]
    options = {"use_transactions": True, "rollback_on_validation_errors": True, "raise_errors": False}
    report = _report(resource_class(user=actor).import_data(dataset, dry_run=True, **options))
    if not report.ok or dry_run:
        return report
    return _report(resource_class(user=actor).import_data(dataset, dry_run=False, **options))


def read_upload(name: str, content: bytes) -> tablib.Dataset:
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        return tablib.Dataset().load(content, format="xlsx")
    if suffix == ".csv":
        text = content.decode("utf-8-sig")
        return tablib.Dataset().load(text, format="csv")
    raise ValidationError(_("Upload an .xlsx or .csv file."))


class ImportView(PermissionMixin, View):
    """Upload → dry run with every row's problem listed → confirm → import. The file waits between the two steps
    in the media folder under a random name tied to the session."""

    permission_required = "assistance.import_assistance"
    template_name = "assistance/import.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("resource") not in RESOURCES:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, form, resource, report=None, token=None):
        ctx = {
            "form": form,
            "resource": resource,
            "report": report,
            "token": token,
            "title": _("Import: %(what)s") % {"what": RESOURCE_TITLES[resource]},
            "columns": [f.column_name for f in RESOURCES[resource]().get_import_fields()],
        }
        return render(self.request, self.template_name, ctx)

    def get(self, request, resource):
        return self.render_page(ImportForm(), resource)

    def post(self, request, resource):
        folder = Path(settings.MEDIA_ROOT) / "assistance-imports"
        token = request.POST.get("token")
        if token:
            pending = request.session.get("assistance_import", {})
            if pending.get("token") != token or pending.get("resource") != resource:
                messages.error(request, _("The upload has expired; upload the file again."))
                return HttpResponseRedirect(request.path)
            path = folder / f"{token}{pending['suffix']}"
            dataset = read_upload(path.name, path.read_bytes())
            report = import_dataset(actor=request.user, resource_name=resource, dataset=dataset, dry_run=False)
            path.unlink(missing_ok=True)
            request.session.pop("assistance_import", None)
            if report.ok:
                messages.success(
                    request,
                    _("Imported %(new)d new and %(updated)d updated rows.")
                    % {"new": report.new, "updated": report.updated},
                )
                return HttpResponseRedirect(reverse("assistance:import", args=[resource]))
            return self.render_page(ImportForm(), resource, report)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form, resource)
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            dataset = read_upload(upload.name, content)
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
            return self.render_page(form, resource)
        except Exception:  # a damaged or mislabelled file
            form.add_error("file", _("The file could not be read as a spreadsheet."))
            return self.render_page(form, resource)
        report = import_dataset(actor=request.user, resource_name=resource, dataset=dataset, dry_run=True)
        token = None
        if report.ok:
            token = uuid.uuid4().hex
            folder.mkdir(parents=True, exist_ok=True)
            suffix = Path(upload.name).suffix.lower()
            (folder / f"{token}{suffix}").write_bytes(content)
            request.session["assistance_import"] = {"token": token, "resource": resource, "suffix": suffix}
        return self.render_page(ImportForm(), resource, report, token)
