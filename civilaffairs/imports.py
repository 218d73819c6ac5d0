"""Spreadsheet imports, all or nothing, through django-import-export — one machinery for every app.

Each app registers its importable resources in ``<app>/resources.py``::

    register_import("community", "volunteers", VolunteerRosterResource, title=_("Import the volunteer roster"),
                    permissions=["community.import_volunteer"], back_url="community:volunteer_list")

and mounts ``ImportView.as_view(app=..., resource=...)`` in its urls (or ``<str:resource>`` for several). The page
reads an .xlsx or .csv (``read_upload``), checks the whole file first and lists every row's problem in Chinese
("第4行，公民身份号码：…", the header being row 1); nothing is written unless every row passes (DESIGN §8: an import
run from code commits the valid rows unless told to roll back — a partial import is a defect here). Between the
check and the import the file waits in the media folder under a random token tied to the session.

Resources parse their rows in ``import_instance`` with the ``cell_*`` readers below, which raise
``ValidationError({column: message})`` naming the Chinese column. ``BulkImportResource`` adds import-export's bulk
mode (``use_bulk``, ``batch_size``, ``skip_diff``) with the lookups a resource needs loaded once per file and
audit rows for the bulk writes, which bypass auditlog's signals (DESIGN §8: ~190 rows/s row by row).
"""

from __future__ import annotations

import datetime
import importlib
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import tablib
from auditlog.models import LogEntry
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from import_export.results import Error, RowResult

from civilaffairs.access import PermissionMixin
from civilaffairs.audit import log_bulk_changes
from civilaffairs.idnumber import normalize_id_number, parse_id_number
from civilaffairs.resources import ViewerResource
from civilaffairs.services import retry_on_sqlite_lock

logger = logging.getLogger(__name__)

# --- Reading cells ----------------------------------------------------------------------------------------------

YES = {"是", "yes", "true", "1", "y", "√", "✓"}
NO = {"否", "no", "false", "0", "n", ""}
DATE_PATTERNS = ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d", "%Y%m%d")
MONTH_PATTERNS = ("%Y-%m", "%Y/%m", "%Y年%m月", "%Y%m")


def _invalid(column: str, message) -> ValidationError:
    return ValidationError({column: message})


def cell_text(row: dict, column: str) -> str:
    """A cell as text: Excel's 12.0 for a typed 12 becomes "12", surrounding spaces go."""
    value = row.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def cell_required(row: dict, column: str) -> str:
    value = cell_text(row, column)
    if not value:
        raise _invalid(column, _("This column must be filled in."))
    return value


def cell_date(row: dict, column: str, *, required: bool = True, month: bool = False) -> datetime.date | None:
    """A date typed as 2025-07-01, 2025/7/1, 2025年7月1日, 2025.07.01 or 20250701, or an Excel date cell; with
    ``month`` also 2025-07, 2025年7月 (the first of the month)."""
    value = row.get(column)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(row, column)
    if not text:
        if required:
            raise _invalid(column, _("This column must be filled in."))
        return None
    for pattern in (*DATE_PATTERNS, *(MONTH_PATTERNS if month else ())):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _invalid(column, _("“%(value)s” is not a date; write it as 2025-07-01.") % {"value": text})


def cell_bool(row: dict, column: str, *, default: bool | None = None) -> bool:
    """是 / 否 (also yes/no, 1/0, √); an empty cell is ``default`` when given, else 否."""
    value = cell_text(row, column).lower()
    if not value and default is not None:
        return default
    if value in YES:
        return True
    if value in NO:
        return False
    raise _invalid(column, _("Write 是 or 否."))


def short_label(label) -> str:
    """The Chinese part of a label written "English (中文)", else the label."""
    return str(label).split("(")[-1].rstrip(")")


def cell_choice(
    row: dict,
    column: str,
    choices: Iterable[tuple[str, object]],
    *,
    required: bool = True,
    default: str = "",
    aliases: dict[str, str] | None = None,
    options: Iterable[str] | None = None,
) -> str:
    """A choice typed as its Chinese label, the short label in brackets, a unique beginning (智力 for 智力残疾), a
    spelling in ``aliases`` or the code; an empty cell is ``default``, or an error when ``required``."""
    value = cell_text(row, column)
    choices = list(choices)
    if not value:
        if default or not required:
            return default
        raise _invalid(column, _("This column must be filled in."))
    codes = [str(code) for code, _label in choices]
    if aliases and aliases.get(value) in codes:
        return aliases[value]
    for code, label in choices:
        if value in (str(code), str(label), short_label(label)):
            return code
    starts = [code for code, label in choices if str(label).startswith(value)]
    if len(starts) == 1:
        return starts[0]
    listed = options if options is not None else (short_label(label) for _code, label in choices)
    raise _invalid(
        column, _("“%(value)s” is not valid; use one of: %(options)s.") % {"value": value, "options": "、".join(listed)}
    )


def cell_decimal(row: dict, column: str, *, required: bool = False, places: str = "0.01") -> Decimal:
    """A non-negative number (thousands separators allowed) rounded to ``places``; empty is 0 unless required."""
    text = cell_text(row, column).replace(",", "")
    if not text:
        if required:
            raise _invalid(column, _("This column must be filled in."))
        return Decimal(0).quantize(Decimal(places))
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _invalid(column, _("“%(value)s” is not a number.") % {"value": text}) from None
    if not value.is_finite():
        raise _invalid(column, _("“%(value)s” is not a number.") % {"value": text})
    if value < 0:
        raise _invalid(column, _("It cannot be negative."))
    return value.quantize(Decimal(places))


def cell_int(row: dict, column: str, *, required: bool = False) -> int:
    """A non-negative whole number; empty is 0 unless required."""
    text = cell_text(row, column)
    if not text:
        if required:
            raise _invalid(column, _("This column must be filled in."))
        return 0
    try:
        number = int(text)
    except ValueError:
        raise _invalid(column, _("“%(value)s” is not a whole number.") % {"value": text}) from None
    if number < 0:
        raise _invalid(column, _("It cannot be negative."))
    return number


def cell_id_number(row: dict, column: str) -> str:
    """A 公民身份号码 checked strictly (length, birth date, check character: ``parse_id_number``)."""
    try:
        return parse_id_number(cell_text(row, column)).number
    except ValidationError as exc:
        raise _invalid(column, "；".join(exc.messages)) from None


def cell_id_key(row: dict, column: str) -> str:
    """The ID number as a lookup key before it is checked (a wrong one simply finds nothing)."""
    return normalize_id_number(cell_text(row, column))


# --- Reading the file ---------------------------------------------------------------------------------------------


def read_upload(name: str, content: bytes) -> tablib.Dataset:
    """The sheet of an uploaded .xlsx (first worksheet) or .csv (UTF-8, or GB18030 as Chinese Excel saves it), with
    the header names stripped. Raises ``ValidationError`` with a Chinese message for any other file type or a
    file that cannot be read."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError(_("Upload an .xlsx or .csv file."))
    try:
        if suffix == ".xlsx":
            dataset = tablib.Dataset().load(content, format="xlsx")
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = content.decode("gb18030")
            dataset = tablib.Dataset().load(text, format="csv")
    except Exception:  # a damaged or mislabelled file is the user's to fix, not a server error
        raise ValidationError(_("The file could not be read as a spreadsheet.")) from None
    if dataset.headers:
        dataset.headers = [str(h).strip() if h is not None else "" for h in dataset.headers]
    return dataset


def dataset_from_rows(rows: Iterable[dict], headers: Iterable[str]) -> tablib.Dataset:
    """A sheet built in code from dicts keyed by column (services and benchmarks import rows, not files)."""
    headers = list(headers)
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append([row.get(column) for column in headers])
    return dataset


def in_batches(query: Callable[[list], Iterable], values: Iterable, size: int = 1000) -> Iterator:
    """The objects ``query(batch)`` returns for ``values`` taken ``size`` at a time: one ``IN`` over the tens of
    thousands of ID numbers of a roster is too long a statement for SQLite."""
    values = list(values)
    for start in range(0, len(values), size):
        yield from query(values[start : start + size])


def missing_columns(dataset: tablib.Dataset, required: Iterable[str]) -> list[str]:
    headers = set(dataset.headers or [])
    return [column for column in required if column not in headers]


def lacks_columns_message(missing: list[str]) -> str:
    return _("The file lacks the columns: %(columns)s.") % {"columns": "、".join(missing)}


# --- The registry -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Importable:
    """One importable sheet: its resource, its page title, who may import it and where its rows are listed."""

    app: str
    name: str
    resource: type
    title: str
    permissions: tuple[str, ...]
    back_url: str
    # What an upload without a named button does (scripts, the Enter key): check only, or check and import.
    check_first: bool = True
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.app}.{self.name}"

    def columns(self) -> list[str]:
        return [f.column_name for f in self.resource().get_import_fields()]

    def required_columns(self) -> list[str]:
        return list(getattr(self.resource, "required_columns", ()))


def import_title(what: str):
    """The page title "Import: <what>" (导入：…), translated when shown."""
    return lazy(lambda: _("Import: %(what)s") % {"what": what}, str)()


_registry: dict[str, Importable] = {}
_discovered = False


def register_import(
    app: str,
    name: str,
    resource: type,
    *,
    title,
    permissions: Iterable[str],
    back_url: str,
    check_first: bool = True,
    note="",
) -> Importable:
    entry = Importable(app, name, resource, title, tuple(permissions), back_url, check_first, note)
    _registry[entry.key] = entry
    return entry


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    from django.apps import apps

    for config in apps.get_app_configs():
        try:
            importlib.import_module(f"{config.name}.resources")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.resources":
                raise
    _discovered = True


def importables(app: str | None = None) -> list[Importable]:
    _discover()
    return [entry for entry in _registry.values() if app is None or entry.app == app]


def get_importable(app: str, name: str) -> Importable | None:
    _discover()
    return _registry.get(f"{app}.{name}")


# --- Running an import ----------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def created(self) -> int:
        return self.new


def _column_label(key: str, resource) -> str:
    """The Chinese column a resource's error key names (resources key by column; model validation by field)."""
    fields = resource.get_import_fields()
    for f in fields:
        if key in (f.column_name, f.attribute):
            return f.column_name
    model = getattr(resource._meta, "model", None)
    if model is not None:
        try:
            return str(model._meta.get_field(key).verbose_name)
        except Exception:  # not a model field: show the key as it is
            return key
    return key


def _error_lines(error: ValidationError, resource) -> list[tuple[str | None, str]]:
    if hasattr(error, "error_dict"):
        lines = []
        for key, errors in error.error_dict.items():
            text = "；".join(m for e in errors for m in e.messages)
            lines.append((None if key == NON_FIELD_ERRORS else _column_label(key, resource), text))
        return lines
    return [(None, m) for m in error.messages]


def _row_line(number: int, column: str | None, message: str) -> str:
    if column:
        return _("Row %(row)d, %(column)s: %(message)s") % {"row": number, "column": column, "message": message}
    return _("Row %(row)d: %(message)s") % {"row": number, "message": message}


def _unexpected(error: Error) -> str:
    logger.error("import failed unexpectedly: %s\n%s", error.error, getattr(error, "traceback", ""))
    return _("This row could not be read (an unexpected error, reported to the administrators).")


def report_from(result, resource) -> ImportReport:
    """The Chinese report of an import-export ``Result``: counts, then every problem by sheet row (header = 1)."""
    totals = result.totals
    report = ImportReport(
        total=result.total_rows,
        new=totals.get(RowResult.IMPORT_TYPE_NEW, 0),
        updated=totals.get(RowResult.IMPORT_TYPE_UPDATE, 0),
        unchanged=totals.get(RowResult.IMPORT_TYPE_SKIP, 0),
    )
    for error in result.base_errors:
        if isinstance(error.error, ValidationError):
            for column, message in _error_lines(error.error, resource):
                text = f"{column}：{message}" if column else message
                report.errors.append(_("Whole file: %(message)s") % {"message": text})
        else:
            report.errors.append(_("Whole file: %(message)s") % {"message": _unexpected(error)})
    lines: list[tuple[int, str]] = []
    for row in result.error_rows:
        for error in row.errors:
            lines.append((row.number, _row_line(row.number + 1, None, _unexpected(error))))
    for row in result.invalid_rows:
        for column, message in _error_lines(row.error, resource):
            lines.append((row.number, _row_line(row.number + 1, column, message)))
    report.errors.extend(line for _number, line in sorted(lines, key=lambda pair: pair[0]))
    return report


@retry_on_sqlite_lock
def run_import(*, actor, importable: Importable | str, dataset: tablib.Dataset, dry_run: bool) -> ImportReport:
    """Import ``dataset`` for ``actor`` (``importable`` or its key, "community.volunteers"): one transaction, rolled
    back on a dry run or if any row fails — the register is either fully updated or untouched."""
    if isinstance(importable, str):
        importable = get_importable(*importable.split(".", 1))
    if not actor.has_perms(importable.permissions):
        raise PermissionDenied(_("Your role does not allow imports."))
    missing = missing_columns(dataset, importable.required_columns())
    if missing:
        return ImportReport(total=len(dataset), errors=[lacks_columns_message(missing)])
    if not len(dataset):
        return ImportReport(errors=[_("The file has no rows below the header.")])
    resource = importable.resource(user=actor)
    result = resource.import_data(
        dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True, raise_errors=False
    )
    return report_from(result, resource)


# --- Resources --------------------------------------------------------------------------------------------------


class ImportResource(ViewerResource):
    """A resource whose rows are read in ``import_instance`` with the ``cell_*`` readers; ``required_columns`` must
    head the sheet (else the file is refused before any row is read)."""

    required_columns: tuple[str, ...] = ()


class _LeanRowResult(RowResult):
    """Skips ``str(instance)`` per row (kept only for import-export's admin log, and a query for some models)."""

    def add_instance_info(self, instance):
        if instance is not None:
            self.object_id = getattr(instance, "pk", None)


class BulkImportResource(ImportResource):
    """Bulk mode (DESIGN §8: ~2 800 rows/s against ~190 row by row): rows go to the database in batches of 1000
    with no per-row savepoint or diff. Subclasses load what the rows refer to once per file in ``before_import``
    (``self.existing`` keyed by ``import_key`` finds the row's current record), set ``instance._changes`` (field →
    (before, after)) on updates, and name the ``update_fields``. New and changed rows get audit rows in the same
    transaction; an unchanged row is counted as such and not written."""

    update_fields: tuple[str, ...] = ()
    integrity_message = gettext_lazy(
        "Some of these rows were entered by someone else meanwhile; nothing was imported. Check the file again."
    )

    class Meta:
        use_bulk = True
        batch_size = 1000
        skip_diff = True
        import_id_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing: dict = {}
        self.seen: dict = {}
        self.bulk_error: ValidationError | None = None

    def get_row_result_class(self):
        return _LeanRowResult

    def import_key(self, row: dict):
        """The natural key of a row (e.g. the ID number) for ``self.existing``; None: always a new record."""
        return None

    def get_instance(self, instance_loader, row):
        key = self.import_key(row)
        return None if key is None else self.existing.get(key)

    def first_seen(self, key, row_number: int) -> int | None:
        """The sheet row where ``key`` first appeared, if an earlier row had it; records this row otherwise."""
        if key in self.seen:
            return self.seen[key]
        self.seen[key] = row_number + 1
        return None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        return instance.pk is not None and not getattr(instance, "_changes", None)

    def changes(self, instance, values: dict) -> dict:
        """Set ``values`` on ``instance`` and return what changed (field → (before, after))."""
        diff = {}
        for name, value in values.items():
            before = getattr(instance, name)
            if instance.pk is None or before != value:
                diff[name] = (before, value)
                setattr(instance, name, value)
        return diff

    def get_bulk_update_fields(self):
        return list(self.update_fields)

    def _bulk(self, write, instances: list, result) -> list:
        if not instances or self.bulk_error is not None:
            instances.clear()
            return []
        batch = list(instances)
        instances.clear()
        try:
            with transaction.atomic():
                return write(batch)
        except IntegrityError:
            # A unique rule caught a row entered meanwhile (the checks read the database before the write).
            self.bulk_error = ValidationError(str(self.integrity_message))
            if result is not None:
                result.append_base_error(Error(self.bulk_error))
            return []

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        model = self._meta.model

        def write(batch):
            created = model.objects.bulk_create(batch, batch_size=self._meta.batch_size)
            if created and created[0].pk is not None:
                # bulk writes bypass auditlog's signals: write the audit rows ourselves (civilaffairs.audit).
                log_bulk_changes(((obj, {}) for obj in created), actor=self.user, action=LogEntry.Action.CREATE)
            return created

        self._bulk(write, self.create_instances, result)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        model = self._meta.model

        def write(batch):
            model.objects.bulk_update(batch, self.get_bulk_update_fields(), batch_size=self._meta.batch_size)
            log_bulk_changes(((obj, obj._changes) for obj in batch), actor=self.user)
            return batch

        self._bulk(write, self.update_instances, result)


# --- The page ------------------------------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("file (.xlsx or .csv)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs.update({"class": "form-control", "accept": ".xlsx,.csv"})


def common_permissions(app: str) -> list[str]:
    """The permissions every importable of ``app`` requires (the rule of a ``<str:resource>`` route)."""
    entries = importables(app)
    if not entries:
        raise ImproperlyConfigured(f"{app} registers no imports")
    common = set(entries[0].permissions)
    for entry in entries[1:]:
        common &= set(entry.permissions)
    return sorted(common)


class ImportView(PermissionMixin, View):
    """Upload → every row checked, each problem listed → "Import now" → all rows written, or none.

    Mounted per app: ``ImportView.as_view(app="funeral", resource="counts")``, or ``as_view(app="assistance")`` on
    a route with ``<str:resource>``. "Check and import" (or an upload to an importable registered with
    ``check_first=False``) skips the confirmation; the import itself still checks every row first.
    """

    app = ""
    resource = ""
    template_name = "generic/import.html"
    session_key = "pending_import"

    def importable(self) -> Importable:
        name = getattr(self, "kwargs", {}).get("resource") or self.resource
        entry = get_importable(self.app, name)
        if entry is None:
            raise Http404
        return entry

    def get_permission_required(self):
        if getattr(self, "kwargs", {}).get("resource") or self.resource:
            return list(self.importable().permissions)
        return common_permissions(self.app)  # the route itself, before a resource is named

    def dispatch(self, request, *args, **kwargs):
        self.entry = self.importable()  # an unknown resource is a 404 for everyone
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def folder() -> Path:
        return Path(settings.MEDIA_ROOT) / "imports"

    def render_page(self, form, report=None, token=None):
        ctx = {
            "form": form,
            "report": report,
            "token": token,
            "title": self.entry.title,
            "note": self.entry.note,
            "columns": self.entry.columns(),
            "required": self.entry.required_columns(),
            "back_url": reverse(self.entry.back_url),
        }
        return render(self.request, self.template_name, ctx)

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") == "xlsx":
            sheet = tablib.Dataset(headers=self.entry.columns())
            response = HttpResponse(
                sheet.export("xlsx"), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response["Content-Disposition"] = f'attachment; filename="{self.entry.app}-{self.entry.name}.xlsx"'
            return response
        return self.render_page(ImportForm())

    def imported(self, report: ImportReport):
        messages.success(
            self.request,
            _("Imported %(total)d rows: %(new)d new, %(updated)d changed, %(unchanged)d unchanged.")
            % {"total": report.total, "new": report.new, "updated": report.updated, "unchanged": report.unchanged},
        )
        return HttpResponseRedirect(reverse(self.entry.back_url))

    def post(self, request, *args, **kwargs):
        token = request.POST.get("token")
        if token:
            return self.confirm(token)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_page(form)
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            dataset = read_upload(upload.name, content)
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
            return self.render_page(form)
        missing = missing_columns(dataset, self.entry.required_columns())
        if missing:
            form.add_error("file", lacks_columns_message(missing))
            return self.render_page(form)
        if "import" in request.POST:
            check_only = False
        elif "check" in request.POST or request.POST.get("dry_run"):
            check_only = True
        else:
            check_only = self.entry.check_first
        report = run_import(actor=request.user, importable=self.entry, dataset=dataset, dry_run=check_only)
        if report.ok and not check_only:
            return self.imported(report)
        token = self.keep(upload.name, content) if report.ok else None
        return self.render_page(ImportForm(), report, token)

    def keep(self, name: str, content: bytes) -> str:
        """Keep a checked file for the confirmation, under a random name only this session knows."""
        token = uuid.uuid4().hex
        suffix = Path(name).suffix.lower()
        self.folder().mkdir(parents=True, exist_ok=True)
        (self.folder() / f"{token}{suffix}").write_bytes(content)
        self.request.session[self.session_key] = {"token": token, "importable": self.entry.key, "suffix": suffix}
        return token

    def confirm(self, token: str):
        pending = self.request.session.get(self.session_key, {})
        path = self.folder() / f"{token}{pending.get('suffix', '')}"
        if pending.get("token") != token or pending.get("importable") != self.entry.key or not path.is_file():
            messages.error(self.request, _("The upload has expired; upload the file again."))
            return HttpResponseRedirect(self.request.path)
        dataset = read_upload(path.name, path.read_bytes())
        report = run_import(actor=self.request.user, importable=self.entry, dataset=dataset, dry_run=False)
        path.unlink(missing_ok=True)
        self.request.session.pop(self.session_key, None)
        if report.ok:
            return self.imported(report)
        return self.render_page(ImportForm(), report)
