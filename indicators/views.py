"""Indicator pages: the plan table (dashboard), a row's page, the records behind a figure, manual figures."""

from __future__ import annotations

import datetime
import mimetypes
import os
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from civilaffairs.access import PermissionMixin
from civilaffairs.choices import JobStatus
from civilaffairs.generic import (
    Column,
    ObjectActionView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    ServiceFormView,
    model_perm,
)
from civilaffairs.models import JobRun
from indicators import selectors
from indicators.choices import ReportStatus
from indicators.exports import table_xlsx, xlsx_filename
from indicators.filters import ManualInputFilterSet
from indicators.forms import EvaluationReportForm, ManualInputForm, RejectForm
from indicators.models import (
    EvaluationReport,
    IndicatorDefinition,
    ManualInput,
    ManualInputStatus,
    PlanRow,
    SnapshotStatus,
)
from indicators.registry import COUNTY_LEVEL
from indicators.services import (
    RECOMPUTE_JOB,
    evaluation_report_request,
    manual_input_approve,
    manual_input_create,
    manual_input_reject,
    plan_recompute_queue,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def parse_as_of(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def get_plan(request, code: str):
    return get_object_or_404(selectors.plans_for(request.user), code=code)


# --- the dashboard -------------------------------------------------------------------------------------


class PlanListView(PermissionMixin, View):
    """The plans the viewer may read; with only one (the usual case) it opens directly."""

    permission_required = "indicators.view_plan"

    def get(self, request):
        plans = list(selectors.plans_for(request.user).order_by("code"))
        if len(plans) == 1:
            return redirect(plans[0].get_absolute_url())
        items = [(plan, selectors.latest_as_of(plan), selectors.latest_job(plan)) for plan in plans]
        return render(request, "indicators/plan_list.html", {"title": _("Plan indicators"), "items": items})


class PlanDetailView(PermissionMixin, View):
    """The plan's table: baseline, target, current, expected now, status, trend; ``?export=xlsx`` for Excel."""

    permission_required = "indicators.view_plan"

    def get(self, request, code: str):
        plan = get_plan(request, code)
        latest = selectors.latest_as_of(plan)
        as_of = parse_as_of(request.GET.get("as_of")) or latest
        if request.GET.get("export") == "xlsx":
            response = HttpResponse(table_xlsx(plan, request.user, as_of), content_type=XLSX)
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(xlsx_filename(plan, as_of))}"
            return response
        binding_first = request.GET.get("sort") == "binding"
        table = selectors.plan_table(plan, request.user, as_of, binding_first=binding_first)
        trend_data = selectors.trends(plan, as_of)
        for item in table:
            item.trend = trend_data.get(item.row.pk, [])
        counts = {status: 0 for status in SnapshotStatus.values}
        for item in table:
            counts[item.status] += 1
        job = selectors.latest_job(plan)
        ctx = {
            "title": plan.table_title or plan.title,
            "plan": plan,
            "table": table,
            "as_of": as_of,
            "latest": latest,
            "dates": selectors.snapshot_dates(plan),
            "binding_first": binding_first,
            "counts": [(SnapshotStatus(s), counts[s]) for s in SnapshotStatus.values],
            "binding_behind": [i for i in table if i.row.binding and i.status == SnapshotStatus.BEHIND],
            "job": job,
            "job_failed": job is not None and job.status == JobStatus.FAILED,
            "last_success": selectors.last_success(plan),
            "can_recompute": request.user.has_perm("indicators.recompute_plan"),
            "whole_plan": selectors.sees_whole_plan(request.user, plan),
            "own_key": selectors.own_township_key(request.user, plan),
            "trends": {str(item.row.pk): item.trend for item in table},
            "reference_levels": [lv for lv in ("city", "province", "national") if lv in (plan.reference_levels or [])],
            "today": timezone.localdate(),
            "can_request_report": request.user.has_perm("indicators.add_evaluationreport")
            and selectors.sees_whole_plan(request.user, plan),
            "can_view_reports": request.user.has_perm("indicators.view_evaluationreport")
            and selectors.sees_whole_plan(request.user, plan),
            "report_form": EvaluationReportForm(initial={"as_of": as_of or timezone.localdate()}),
        }
        return render(request, "indicators/plan_detail.html", ctx)


class PlanRecomputeView(PermissionMixin, View):
    """County staff's button: queue a recompute (as of today, or a chosen date) and follow its progress."""

    permission_required = "indicators.recompute_plan"
    http_method_names = ["post"]

    def post(self, request, code: str):
        plan = get_plan(request, code)
        if not selectors.sees_whole_plan(request.user, plan):
            raise Http404
        as_of = parse_as_of(request.POST.get("as_of")) or timezone.localdate()
        if as_of > timezone.localdate():
            messages.error(request, _("A figure cannot be computed for a future date."))
            return redirect(plan.get_absolute_url())
        pending = JobRun.objects.filter(
            job=RECOMPUTE_JOB,
            key__startswith=plan.job_key_prefix,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            created_at__gte=timezone.now() - datetime.timedelta(hours=1),
        ).first()
        if pending is not None:
            # A double click, or a colleague's run: follow the one already under way rather than queue another.
            messages.info(request, _("A recompute of this plan is already under way."))
            return redirect("job_detail", pending.pk)
        job = plan_recompute_queue(actor=request.user, plan=plan, as_of=as_of)
        return redirect("job_detail", job.pk)


def get_row(request, code: str, order: int) -> PlanRow:
    return get_object_or_404(
        PlanRow.objects.for_user(request.user).select_related(
            "plan__jurisdiction", "definition", "manual_input_type", "target_reference"
        ),
        plan__code=code,
        order=order,
    )


class RowDetailView(PermissionMixin, View):
    """One row: definition in words, bar chart by township, trend, manual figures, notes, links to the records."""

    permission_required = "indicators.view_plan"

    def get(self, request, code: str, order: int):
        row = get_row(request, code, order)
        plan = row.plan
        as_of = parse_as_of(request.GET.get("as_of"))
        snapshot = selectors.row_snapshot(row, as_of)
        breakdown = selectors.visible_breakdown(snapshot, request.user, plan)
        computation = row.definition.computation if row.definition_id else None
        whole_plan = selectors.sees_whole_plan(request.user, plan)
        parts = []
        if computation is not None and snapshot is not None:
            # The record links count what they open: a township viewer's list holds its own township's records only.
            counted = snapshot if whole_plan else next(iter(breakdown), None)
            numerator = counted.numerator if counted is not None else None
            denominator = counted.denominator if counted is not None else None
            parts.append(("numerator", computation.numerator_label, numerator))
            if snapshot.denominator is not None:
                parts.append(("denominator", computation.denominator_label, denominator))
        chart = {
            "names": [entry.name for entry in breakdown],
            "keys": [entry.key for entry in breakdown],
            "values": [None if entry.value is None else float(entry.value) for entry in breakdown],
            "target": None if row.target_value is None else float(row.target_value),
            "county": None if snapshot is None or snapshot.value is None else float(snapshot.value),
            "unit": row.unit,
        }
        ctx = {
            "title": row.name,
            "plan": plan,
            "row": row,
            "definition": row.definition,
            "computation": computation,
            "snapshot": snapshot,
            "breakdown": breakdown,
            "chart": chart,
            "chart_height": max(320, 24 * len(breakdown) + 60),
            "trend": selectors.row_trend(row, request.user),
            "manual_inputs": selectors.manual_inputs_for_row(snapshot),
            "source": selectors.figure_source(row, snapshot),
            "parts": parts,
            "whole_plan": whole_plan,
            "own_key": selectors.own_township_key(request.user, plan),
            "county_level": COUNTY_LEVEL,
            "can_see_manual": request.user.has_perm("indicators.view_manualinput"),
        }
        return render(request, "indicators/row_detail.html", ctx)


class DrilldownView(PermissionMixin, View):
    """The records counted in a figure, scoped to the viewer (``for_user``; ``within`` a township), paginated."""

    permission_required = "indicators.view_plan"
    paginate_by = 50

    def get(self, request, code: str, order: int):
        row = get_row(request, code, order)
        part = request.GET.get("part", "numerator")
        township = request.GET.get("township", "")
        snapshot = selectors.row_snapshot(row, parse_as_of(request.GET.get("as_of")))
        as_of = snapshot.as_of if snapshot is not None else timezone.localdate()
        try:
            queryset = selectors.drilldown_queryset(row, request.user, as_of, part, township)
        except selectors.DrilldownUnavailable:
            raise Http404 from None
        allowed = request.user.has_perm(model_perm(queryset.model, "view"))
        computation = row.definition.computation
        columns = [Column(header, accessor) for header, accessor in computation.columns_for(part)] or [
            Column(str(queryset.model._meta.verbose_name), lambda obj, user: str(obj))
        ]
        page = None
        rows = []
        if allowed:
            page = Paginator(queryset, self.paginate_by).get_page(request.GET.get("page"))
            rows = [(obj, [c.value(obj, request.user) for c in columns]) for obj in page.object_list]
        label = computation.numerator_label if part == "numerator" else computation.denominator_label
        township_name = ""
        if township == COUNTY_LEVEL:
            township_name = _("county level")
        elif township:
            names = selectors.township_names([township[:9]])
            township_name = names.get(township[:9], township)
        query = request.GET.copy()
        query.pop("page", None)
        ctx = {
            "title": f"{row.name} · {label}",
            "plan": row.plan,
            "row": row,
            "part": part,
            "part_label": label,
            "as_of": as_of,
            "snapshot": snapshot,
            "township": township,
            "township_name": township_name,
            "columns": columns,
            "rows": rows,
            "page_obj": page,
            "allowed": allowed,
            "model_name": queryset.model._meta.verbose_name_plural,
            "query_string": query.urlencode(),
        }
        return render(request, "indicators/drilldown.html", ctx)


# --- definitions -----------------------------------------------------------------------------------------


class DefinitionListView(PermissionMixin, ListView):
    permission_required = "indicators.view_indicatordefinition"
    template_name = "indicators/definition_list.html"
    paginate_by = 100

    def get_queryset(self):
        from django.db.models import Count

        return IndicatorDefinition.objects.annotate(row_count=Count("rows")).order_by("code")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Indicator definitions")
        return ctx


# --- manual figures ------------------------------------------------------------------------------------


def _evidence_link(obj, user):
    from django.utils.html import format_html

    if not obj.evidence:
        return ""
    return format_html('<a href="{}">{}</a>', reverse("indicators:manualinput_evidence", args=[obj.pk]), _("file"))


class ManualInputListView(ObjectListView):
    model = ManualInput
    filterset_class = ManualInputFilterSet
    select_related = ("type", "region", "entered_by", "approved_by")
    create_url_name = "indicators:manualinput_create"
    title = gettext_lazy("Manual figures")
    columns = [
        Column(gettext_lazy("figure"), "type.name", link=True),
        Column(gettext_lazy("region"), "region.name"),
        Column(gettext_lazy("project or subject"), "subject"),
        Column(gettext_lazy("period"), "period_label"),
        Column(gettext_lazy("value"), lambda o, u: o.display_value),
        Column(gettext_lazy("source"), "source"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("entered by"), "entered_by"),
        Column(gettext_lazy("approved by"), "approved_by"),
    ]


class ManualInputDetailView(ObjectDetailView):
    model = ManualInput
    template_name = "indicators/manualinput_detail.html"
    select_related = ("type", "region", "entered_by", "approved_by")
    fields = [
        Column(gettext_lazy("figure"), "type.name"),
        Column(gettext_lazy("region"), "region.name"),
        Column(gettext_lazy("project or subject"), "subject"),
        Column(gettext_lazy("period"), "period_label"),
        Column(gettext_lazy("value"), lambda o, u: o.display_value),
        Column(gettext_lazy("source"), "source"),
        Column(gettext_lazy("evidence file"), _evidence_link),
        Column(gettext_lazy("note"), "note"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("entered by"), "entered_by"),
        Column(gettext_lazy("entered at"), "entered_at"),
        Column(gettext_lazy("approved by"), "approved_by"),
        Column(gettext_lazy("approved at"), "approved_at"),
    ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        obj = self.object
        ctx.pop("edit_url", None)
        is_draft = obj.status == ManualInputStatus.DRAFT
        if is_draft and user.has_perm("indicators.change_manualinput") and obj.entered_by_id == user.pk:
            ctx["edit_url"] = reverse("indicators:manualinput_update", args=[obj.pk])
        ctx["can_approve"] = (
            is_draft and user.has_perm("indicators.approve_manualinput") and obj.entered_by_id != user.pk
        )
        ctx["reject_form"] = RejectForm()
        return ctx


class ManualInputCreateView(ServiceFormView):
    form_class = ManualInputForm
    permission_required = "indicators.add_manualinput"
    title = gettext_lazy("Enter a manual figure")
    success_message = gettext_lazy("Saved. The figure counts once someone else approves it.")

    def get_initial(self) -> dict:
        initial = {}
        if self.request.GET.get("type"):
            initial["type"] = self.request.GET["type"]
        if self.request.user.jurisdiction_id:
            initial["region"] = self.request.user.jurisdiction_id
        return initial

    def perform(self, form):
        return manual_input_create(actor=self.request.user, **form.cleaned_data)


class ManualInputUpdateView(ObjectUpdateView):
    """A draft may be corrected by whoever entered it; an approved figure is corrected by a new entry."""

    model = ManualInput
    form_class = ManualInputForm

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(status=ManualInputStatus.DRAFT, entered_by=self.request.user)
            .select_related("type")
        )


class ManualInputApproveView(ObjectActionView):
    """Approve (a button on the figure's page); a refusal is shown there."""

    model = ManualInput
    form_class = None
    inline = True
    permission_required = "indicators.approve_manualinput"
    success_message = gettext_lazy("Approved. It counts from the next recompute.")

    def perform(self, form):
        return manual_input_approve(actor=self.request.user, manual_input=self.object)


class ManualInputRejectView(ObjectActionView):
    """Reject with a reason (a form on the figure's page); a refusal is shown there."""

    model = ManualInput
    form_class = RejectForm
    form_user = False
    inline = True
    permission_required = "indicators.approve_manualinput"
    success_message = gettext_lazy("Rejected.")

    def perform(self, form):
        return manual_input_reject(
            actor=self.request.user, manual_input=self.object, reason=form.cleaned_data["reason"]
        )


class ManualInputEvidenceView(PermissionMixin, View):
    """The evidence file, delivered after the permission and jurisdiction check (never from MEDIA_URL)."""

    permission_required = "indicators.view_manualinput"

    def get(self, request, pk: int):
        entry = get_object_or_404(ManualInput.objects.for_user(request.user), pk=pk)
        if not entry.evidence:
            raise Http404
        try:
            handle = entry.evidence.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        name = os.path.basename(entry.evidence.name)
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


# --- evaluation reports (docs/decisions/0008) ----------------------------------------------------------------


def get_whole_plan(request, code: str):
    """A plan the viewer sees whole (county roles and wider); a township user's county plan reads as absent."""
    plan = get_plan(request, code)
    if not selectors.sees_whole_plan(request.user, plan):
        raise Http404
    return plan


class EvaluationReportRequestView(ServiceFormView):
    """ "生成评估报告" on the plan's dashboard: queue a report (or follow the one already being generated)."""

    form_class = EvaluationReportForm
    form_user = False
    inline = True
    permission_required = "indicators.add_evaluationreport"

    def get_object(self):
        return get_whole_plan(self.request, self.kwargs["code"])

    def perform(self, form):
        report, created = evaluation_report_request(actor=self.request.user, plan=self.object, **form.cleaned_data)
        report.created_now = created
        return report

    def get_success_message(self, result) -> str:
        if result.created_now:
            return _("The report has been queued; this page shows its progress.")
        return _("A report for this plan, date and kind is already being generated; here is its progress.")


class EvaluationReportListView(PermissionMixin, View):
    """The reports issued for one plan, newest first, every version kept."""

    permission_required = "indicators.view_evaluationreport"

    def get(self, request, code: str):
        plan = get_whole_plan(request, code)
        reports = (
            EvaluationReport.objects.for_user(request.user)
            .filter(plan=plan)
            .select_related("requested_by")
            .order_by("-requested_at")
        )
        ctx = {
            "title": _("Evaluation reports"),
            "plan": plan,
            "reports": reports,
            "can_request_report": request.user.has_perm("indicators.add_evaluationreport"),
            "report_form": EvaluationReportForm(
                initial={"as_of": selectors.latest_as_of(plan) or timezone.localdate()}
            ),
            "today": timezone.localdate(),
        }
        return render(request, "indicators/report_list.html", ctx)


def get_report(request, pk: int) -> EvaluationReport:
    return get_object_or_404(
        EvaluationReport.objects.for_user(request.user).select_related("plan__jurisdiction", "requested_by"), pk=pk
    )


class EvaluationReportDetailView(PermissionMixin, View):
    """One report: progress while it renders (htmx polls the progress fragment every 2 s), then the download link,
    SHA-256, pages and size; the error if it failed."""

    permission_required = "indicators.view_evaluationreport"

    def get(self, request, pk: int):
        report = get_report(request, pk)
        ctx = {"title": str(report), "report": report, "plan": report.plan}
        if request.htmx:
            return render(request, "indicators/_report_progress.html", ctx)
        return render(request, "indicators/report_detail.html", ctx)


class EvaluationReportDownloadView(PermissionMixin, View):
    """The issued PDF, delivered after the permission and jurisdiction check (never from MEDIA_URL)."""

    permission_required = "indicators.view_evaluationreport"

    def get(self, request, pk: int):
        return report_pdf_response(get_report(request, pk))


def report_pdf_response(report: EvaluationReport) -> FileResponse:
    """The issued PDF of a report the caller has already looked up through ``for_user`` (page and API); 404 until
    it is done. The hash goes along so that a client can check what it received."""
    if report.status != ReportStatus.DONE or not report.pdf:
        raise Http404
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=report.download_name, content_type="application/pdf")
    response["X-Content-SHA256"] = report.sha256
    return response
