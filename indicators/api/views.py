"""Indicator API: plans, rows, snapshots, breakdowns, the table as JSON or Excel, manual figures (scoped)."""

from __future__ import annotations

import datetime
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from indicators import selectors
from indicators.api.serializers import (
    EvaluationReportRequestSerializer,
    EvaluationReportSerializer,
    IndicatorDefinitionSerializer,
    ManualInputSerializer,
    ManualInputTypeSerializer,
    PlanRowSerializer,
    PlanSerializer,
    SnapshotSerializer,
    breakdown_entry,
)
from indicators.exports import table_data, table_xlsx, xlsx_filename
from indicators.filters import EvaluationReportFilterSet, ManualInputFilterSet, SnapshotFilterSet
from indicators.models import (
    EvaluationReport,
    IndicatorDefinition,
    ManualInput,
    ManualInputStatus,
    ManualInputType,
    PlanRow,
    Snapshot,
)
from indicators.services import (
    evaluation_report_request,
    manual_input_approve,
    manual_input_reject,
    plan_recompute_queue,
)


class XlsxRenderer(BaseRenderer):
    """``?format=xlsx``: the bytes of an Excel workbook (errors fall back to JSON text)."""

    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | bytearray):
            return data
        return JSONRenderer().render(data)


def _date(value: str | None, name: str = "as_of") -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise serializers.ValidationError({name: _("Give the date as YYYY-MM-DD.")}) from None


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """The plans of the viewer's jurisdiction (a township user: their county's plan)."""

    serializer_class = PlanSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    action_permissions = {"recompute": ["indicators.recompute_plan"]}

    def get_queryset(self):
        return selectors.plans_for(self.request.user).order_by("code")

    @extend_schema(
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, description="YYYY-MM-DD; default: latest")],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, BrowsableAPIRenderer, XlsxRenderer])
    def table(self, request, code=None):
        """The plan's table at ``as_of`` (default: the latest snapshot date); ``?format=xlsx`` for Excel."""
        plan = self.get_object()
        as_of = _date(request.query_params.get("as_of")) or selectors.latest_as_of(plan)
        if getattr(request.accepted_renderer, "format", "") == "xlsx":
            response = Response(table_xlsx(plan, request.user, as_of))
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(xlsx_filename(plan, as_of))}"
            return response
        return Response(table_data(plan, request.user, as_of))

    @extend_schema(request=None, responses={202: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def recompute(self, request, code=None):
        """Queue a recompute (``as_of`` in the body, default today); answers with the job to poll."""
        plan = self.get_object()
        if not selectors.sees_whole_plan(request.user, plan):
            raise Http404
        as_of = _date(request.data.get("as_of")) or timezone.localdate()
        if as_of > timezone.localdate():
            raise serializers.ValidationError({"as_of": _("A figure cannot be computed for a future date.")})
        job = plan_recompute_queue(actor=request.user, plan=plan, as_of=as_of)
        return Response(
            {"job": job.pk, "status": job.status, "url": reverse("job_detail", args=[job.pk])},
            status=status.HTTP_202_ACCEPTED,
        )


class PlanRowViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanRowSerializer
    filterset_fields = {"plan__code": ["exact"], "binding": ["exact"]}

    def get_queryset(self):
        return (
            PlanRow.objects.for_user(self.request.user)
            .select_related("plan", "definition", "manual_input_type", "target_reference")
            .order_by("plan__code", "order")
        )


class SnapshotViewSet(viewsets.ReadOnlyModelViewSet):
    """Snapshots (filter ``plan``, ``order``, ``as_of``…); each with the per-township figures the viewer may see."""

    serializer_class = SnapshotSerializer
    filterset_class = SnapshotFilterSet

    def get_queryset(self):
        return (
            Snapshot.objects.for_user(self.request.user)
            .select_related("row__plan__jurisdiction")
            .order_by("row__plan__code", "row__order", "-as_of")
        )

    def get_serializer_context(self):
        ctx = super().get_serializer_context()
        from civilaffairs.models import Region

        # Township names once per request, not once per snapshot.
        ctx["township_names"] = {
            code[:9]: name for code, name in Region.objects.townships().values_list("code", "name")
        }
        return ctx

    @action(detail=True, methods=["get"])
    def breakdown(self, request, pk=None):
        snapshot = self.get_object()
        entries = selectors.visible_breakdown(snapshot, request.user, snapshot.row.plan)
        return Response([breakdown_entry(entry) for entry in entries])


class BreakdownView(APIView):
    """Per-township figures of one row: ``?plan=CODE&order=N[&as_of=YYYY-MM-DD]`` (default: latest)."""

    def get_queryset(self):
        return Snapshot.objects.for_user(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", str, required=True),
            OpenApiParameter("order", int, required=True),
            OpenApiParameter("as_of", OpenApiTypes.DATE),
        ],
        responses=inline_serializer(
            "RowBreakdown",
            {
                "plan": serializers.CharField(),
                "order": serializers.IntegerField(),
                "name": serializers.CharField(),
                "as_of": serializers.DateField(allow_null=True),
                "computed_at": serializers.DateTimeField(allow_null=True),
                "value": serializers.CharField(allow_null=True),
                "townships": serializers.ListField(child=serializers.DictField()),
            },
        ),
    )
    def get(self, request):
        code, order = request.query_params.get("plan"), request.query_params.get("order")
        if not code or not (order or "").isdigit():
            raise serializers.ValidationError(_("Give plan and order."))
        try:
            row = (
                PlanRow.objects.for_user(request.user)
                .select_related("plan__jurisdiction")
                .get(plan__code=code, order=int(order))
            )
        except PlanRow.DoesNotExist:
            raise Http404 from None
        snapshot = selectors.row_snapshot(row, _date(request.query_params.get("as_of")))
        entries = selectors.visible_breakdown(snapshot, request.user, row.plan)
        return Response(
            {
                "plan": code,
                "order": row.order,
                "name": row.name,
                "as_of": snapshot.as_of.isoformat() if snapshot else None,
                "computed_at": timezone.localtime(snapshot.computed_at).isoformat() if snapshot else None,
                "value": None if snapshot is None or snapshot.value is None else str(snapshot.value),
                "townships": [breakdown_entry(entry) for entry in entries],
            }
        )


class IndicatorDefinitionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorDefinitionSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = IndicatorDefinition.objects.order_by("code")


class ManualInputTypeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ManualInputTypeSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = ManualInputType.objects.order_by("code")


class ManualInputViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Manual figures of the viewer's jurisdiction; drafts may be changed or deleted, approved ones only superseded."""

    serializer_class = ManualInputSerializer
    filterset_class = ManualInputFilterSet
    action_permissions = {
        "approve": ["indicators.approve_manualinput"],
        "reject": ["indicators.approve_manualinput"],
    }

    def get_queryset(self):
        return (
            ManualInput.objects.for_user(self.request.user)
            .select_related("type", "region", "entered_by", "approved_by")
            .order_by("-entered_at")
        )

    def _ensure_draft(self, entry: ManualInput) -> None:
        if entry.status != ManualInputStatus.DRAFT:
            raise serializers.ValidationError(_("Only a figure awaiting approval can be changed or deleted."))

    def perform_update(self, serializer):
        self._ensure_draft(serializer.instance)
        serializer.save()

    def perform_destroy(self, instance):
        self._ensure_draft(instance)
        instance.delete()

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        entry = self.get_object()
        try:
            entry = manual_input_approve(actor=request.user, manual_input=entry)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return Response(self.get_serializer(entry).data)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        entry = self.get_object()
        try:
            entry = manual_input_reject(actor=request.user, manual_input=entry, reason=request.data.get("reason", ""))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return Response(self.get_serializer(entry).data)


class EvaluationReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluation reports of the plans the viewer sees whole (county roles; decision 0008). ``POST`` queues one
    (``plan``, ``as_of``, ``kind``) and answers 202 with its id — or the one already being generated for the same
    plan, date and kind; poll it until ``status`` is ``done``, then GET ``download/``."""

    serializer_class = EvaluationReportSerializer
    filterset_class = EvaluationReportFilterSet

    def get_queryset(self):
        return (
            EvaluationReport.objects.for_user(self.request.user)
            .select_related("plan", "requested_by")
            .order_by("-requested_at")
        )

    @extend_schema(request=EvaluationReportRequestSerializer, responses={202: EvaluationReportSerializer})
    def create(self, request, *args, **kwargs):
        data = EvaluationReportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = selectors.plans_for(request.user).filter(code=data.validated_data["plan"]).first()
        if plan is None or not selectors.sees_whole_plan(request.user, plan):
            raise Http404
        try:
            report, created = evaluation_report_request(
                actor=request.user, plan=plan, as_of=data.validated_data["as_of"], kind=data.validated_data["kind"]
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict if hasattr(exc, "error_dict") else exc.messages
            ) from None
        except PermissionDenied as exc:
            from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied

            raise ApiPermissionDenied(str(exc) or None) from None
        body = {**self.get_serializer(report).data, "created": created}
        return Response(body, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The issued PDF (404 until the report is done)."""
        from indicators.views import report_pdf_response

        return report_pdf_response(self.get_object())
