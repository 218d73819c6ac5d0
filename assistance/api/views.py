"""The assistance API: scoped viewsets; workflow actions as explicit endpoints calling the page's services.

``POST /api/assistance/applications/{id}/approve/`` etc. validate with the same forms as the pages and run the
same service; a refused transition answers 409 with the Chinese reason, a case outside the jurisdiction 404.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from assistance import selectors, services
from assistance.api import serializers as s
from assistance.exports import payment_roll_workbook
from assistance.filters import (
    ApplicationFilterSet,
    CertificateFilterSet,
    EnrolmentFilterSet,
    HouseholdFilterSet,
    LowIncomeFilterSet,
    PaymentRollFilterSet,
    VagrantCaseFilterSet,
    WelfareInstitutionFilterSet,
)
from assistance.models import (
    AssistanceStandard,
    DisabilityCertificate,
    Household,
    HouseholdMember,
    PaymentRoll,
    TemporaryAdvance,
    VagrantCase,
    WelfareInstitution,
)
from assistance.views import ACTION_FORMS
from assistance.workflow import TRANSITIONS, TransitionRefused
from civilaffairs.api import generic
from civilaffairs.api.generic import ScopedViewSet, respond_with
from civilaffairs.models import Person, Region

# The shared mapping of service outcomes (invalid → 400, role → 403, outside the jurisdiction → 404), and a refused
# transition — the wrong step now, or someone else was first — → 409 with the Chinese reason.
run_service = partial(generic.run_service, conflicts=(TransitionRefused,))


class HouseholdViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Households with their current members; create and update take the members and go through the service."""

    serializer_class = s.HouseholdSerializer
    filterset_class = HouseholdFilterSet
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        current = HouseholdMember.objects.select_related("person").order_by("id")
        return selectors.households_for(self.request.user).prefetch_related(Prefetch("members", queryset=current))

    def get_serializer_class(self):
        if self.action in ("create", "update"):
            return s.HouseholdWriteSerializer
        return s.HouseholdSerializer

    def _save(self, request, household: Household, status_code: int):
        data = s.HouseholdWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        members = [services.MemberInput(**{k: v for k, v in m.items()}) for m in values.pop("members")]
        village = Region.objects.for_user(request.user).filter(code=values.pop("village"), level="village").first()
        if village is None:
            return Response({"village": ["村（社区）不存在或不在您的辖区。"]}, status=status.HTTP_400_BAD_REQUEST)
        household.village = village
        for key, value in values.items():
            setattr(household, key, value)

        def call():
            errors = services.household_member_errors(actor=request.user, household=household, rows=members)
            if errors:
                raise DjangoValidationError(
                    {"members": [f"{i + 1}: {m}" if i >= 0 else m for i, ms in sorted(errors.items()) for m in ms]}
                )
            return services.household_save(actor=request.user, household=household, members=members)

        return run_service(
            call,
            lambda saved: Response(
                s.HouseholdSerializer(self.get_queryset().get(pk=saved.pk), context={"request": request}).data,
                status=status_code,
            ),
        )

    def create(self, request, *args, **kwargs):
        return self._save(request, Household(), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        return self._save(request, self.get_object(), status.HTTP_200_OK)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Applications, sorted by deadline. ``POST`` submits (send an ``Idempotency-Key`` header or
    ``idempotency_key`` to make retries safe); each workflow step is ``POST {id}/<action>/``."""

    filterset_class = ApplicationFilterSet
    action_permissions = {name: [TRANSITIONS[name].permission] for name in ACTION_FORMS}

    def get_queryset(self):
        qs = selectors.applications_for(self.request.user)
        if self.action == "retrieve":
            qs = qs.prefetch_related("status_changes__actor", "objections", "obligors")
        return qs

    def get_serializer_class(self):
        if self.action == "create":
            return s.ApplicationSubmitSerializer
        return s.ApplicationDetailSerializer if self.detail else s.ApplicationSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "detail": self.detail}

    def detail_response(self, pk, code=status.HTTP_200_OK):
        app = self.get_queryset().prefetch_related("status_changes__actor", "objections", "obligors").get(pk=pk)
        context = {"request": self.request, "detail": True}
        return Response(s.ApplicationDetailSerializer(app, context=context).data, status=code)

    @extend_schema(request=s.ApplicationSubmitSerializer, responses=s.ApplicationDetailSerializer)
    def create(self, request, *args, **kwargs):
        data = s.ApplicationSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        household = Household.objects.for_user(request.user).filter(pk=v["household"]).first()
        if household is None:
            raise Http404
        persons = Person.objects.for_user(request.user)
        applicant = persons.filter(pk=v["applicant"]).first()
        target = persons.filter(pk=v["target"]).first() if v.get("target") else None
        if applicant is None:
            return Response({"applicant": ["申请人不在您的辖区。"]}, status=status.HTTP_400_BAD_REQUEST)
        key = request.headers.get("Idempotency-Key") or v.get("idempotency_key") or None

        def call():
            return services.application_submit(
                actor=request.user,
                household=household,
                kind=v["kind"],
                applicant=applicant,
                target=target,
                single_person=v["single_person"],
                care_tier=v["care_tier"],
                support_mode=v["support_mode"],
                temporary_type=v["temporary_type"],
                temporary_months=v.get("temporary_months"),
                expense_category=v.get("expense_category", ""),
                expense_amount=v.get("expense_amount"),
                reason=v["reason"],
                received_on=v.get("received_on"),
                obligors=[dict(o) for o in v.get("obligors", [])],
                idempotency_key=key,
            )

        return run_service(
            call,
            lambda result: self.detail_response(
                result[0].pk, status.HTTP_201_CREATED if result[1] else status.HTTP_200_OK
            ),
        )

    def run_action(self, request, pk, name):
        app = self.get_object()  # 404 outside the jurisdiction
        form_class, service, arguments = ACTION_FORMS[name]
        kwargs = {"application": app} if name == "decide_objection" else {}
        form = form_class(request.data, **kwargs)
        if not form.is_valid():
            return Response(form.errors.get_json_data(), status=status.HTTP_400_BAD_REQUEST)
        return run_service(
            lambda: service(actor=request.user, application=app.pk, **arguments(form.cleaned_data)),
            lambda _result: self.detail_response(app.pk),
        )


def _make_action(name: str):
    @extend_schema(
        request=OpenApiTypes.OBJECT, responses=s.ApplicationDetailSerializer, summary=str(TRANSITIONS[name].label)
    )
    def endpoint(self, request, pk=None):
        return self.run_action(request, pk, name)

    endpoint.__name__ = name
    endpoint.__doc__ = f"{TRANSITIONS[name].label} ({name})."
    return action(detail=True, methods=["post"], url_path=name.replace("_", "-"), url_name=name)(endpoint)


for _name in ACTION_FORMS:
    setattr(ApplicationViewSet, _name, _make_action(_name))


class EnrolmentViewSet(viewsets.ReadOnlyModelViewSet):
    """在保对象 with their amount history; ``recheck``, ``end`` and ``death`` run the re-check services."""

    filterset_class = EnrolmentFilterSet
    action_permissions = {
        "recheck": ["assistance.recheck_enrolment"],
        "end": ["assistance.recheck_enrolment"],
        "death": ["assistance.recheck_enrolment"],
    }

    def get_queryset(self):
        return selectors.enrolments_for(self.request.user).prefetch_related("amounts")

    def get_serializer_class(self):
        return s.EnrolmentDetailSerializer if self.detail else s.EnrolmentSerializer

    def detail_response(self, pk):
        return Response(
            s.EnrolmentDetailSerializer(self.get_queryset().get(pk=pk), context={"request": self.request}).data
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.EnrolmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def recheck(self, request, pk=None):
        enrolment = self.get_object()
        return run_service(
            lambda: services.enrolment_recheck(
                actor=request.user, enrolment=enrolment, note=request.data.get("note", "")
            ),
            lambda _r: self.detail_response(enrolment.pk),
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.EnrolmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        from assistance.forms import EndEnrolmentForm

        enrolment = self.get_object()
        form = EndEnrolmentForm(request.data)
        if not form.is_valid():
            return Response(form.errors.get_json_data(), status=status.HTTP_400_BAD_REQUEST)
        return run_service(
            lambda: services.enrolment_end(actor=request.user, enrolment=enrolment, **form.cleaned_data),
            lambda _r: self.detail_response(enrolment.pk),
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.EnrolmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def death(self, request, pk=None):
        from assistance.forms import DeathForm

        enrolment = self.get_object()
        form = DeathForm(request.data, enrolment=enrolment)
        if not form.is_valid():
            return Response(form.errors.get_json_data(), status=status.HTTP_400_BAD_REQUEST)
        return run_service(
            lambda: services.enrolment_record_death(
                actor=request.user, person=form.cleaned_data["person"], died_on=form.cleaned_data["died_on"]
            ),
            lambda _r: self.detail_response(enrolment.pk),
        )


class PaymentRollViewSet(viewsets.ReadOnlyModelViewSet):
    """Monthly rolls per township. ``POST generate/`` is idempotent (201 new, 200 existing); ``review``, ``lock``,
    ``regenerate`` (draft only); ``GET {id}/export/`` the bank's Excel sheet; ``GET {id}/lines/``."""

    serializer_class = s.PaymentRollSerializer
    filterset_class = PaymentRollFilterSet
    action_permissions = {
        "generate": ["assistance.add_paymentroll"],
        "regenerate": ["assistance.add_paymentroll"],
        "review": ["assistance.review_paymentroll"],
        "lock": ["assistance.review_paymentroll"],
        "export": ["assistance.export_paymentroll"],
        "lines": ["assistance.view_paymentline"],
    }

    def get_queryset(self):
        return (
            PaymentRoll.objects.for_user(self.request.user).select_related("township").order_by("-month", "township_id")
        )

    def roll_response(self, roll, code=status.HTTP_200_OK):
        return Response(s.PaymentRollSerializer(roll).data, status=code)

    @extend_schema(request=s.RollGenerateSerializer, responses=s.PaymentRollSerializer)
    @action(detail=False, methods=["post"])
    def generate(self, request):
        data = s.RollGenerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        township = Region.objects.for_user(request.user).filter(code=data.validated_data["township"]).first()
        if township is None:
            raise Http404
        return run_service(
            lambda: services.payment_roll_generate(
                actor=request.user, township=township, month=data.validated_data["month"]
            ),
            lambda result: self.roll_response(result[0], status.HTTP_201_CREATED if result[1] else status.HTTP_200_OK),
        )

    def _step(self, request, service):
        roll = self.get_object()
        return run_service(
            lambda: service(actor=request.user, roll=roll), respond_with(s.PaymentRollSerializer, request)
        )

    @extend_schema(request=None, responses=s.PaymentRollSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._step(request, services.payment_roll_review)

    @extend_schema(request=None, responses=s.PaymentRollSerializer)
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        return self._step(request, services.payment_roll_lock)

    @extend_schema(request=None, responses=s.PaymentRollSerializer)
    @action(detail=True, methods=["post"])
    def regenerate(self, request, pk=None):
        return self._step(request, services.payment_roll_regenerate)

    @extend_schema(responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes})
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        roll = self.get_object()
        response = HttpResponse(
            payment_roll_workbook(roll, request.user),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="roll-{roll.township_id}-{roll.month:%Y%m}.xlsx"'
        return response

    @extend_schema(responses=s.PaymentLineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lines(self, request, pk=None):
        roll = self.get_object()
        page = self.paginate_queryset(roll.lines.select_related("payee").order_by("id"))
        data = s.PaymentLineSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)


class StandardViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The dated standards of the user's county. ``POST`` adds the figures of one document together; the enrolments
    they apply to are re-rated by a background job (its id and progress page are returned)."""

    filterset_fields = ["county", "kind", "urban_rural"]

    def get_queryset(self):
        return AssistanceStandard.objects.for_user(self.request.user).order_by("county_id", "-effective_from", "kind")

    def get_serializer_class(self):
        return s.StandardSetSerializer if self.action == "create" else s.StandardSerializer

    @extend_schema(request=s.StandardSetSerializer, responses=s.StandardSerializer(many=True))
    def create(self, request, *args, **kwargs):
        data = s.StandardSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        county = Region.objects.for_user(request.user).filter(code=v["county"], level="county").first()
        if county is None:
            raise Http404
        items = [
            services.StandardItem(i["kind"], i["urban_rural"], i["amount"], care_tier=i["care_tier"])
            for i in v["items"]
        ]
        return run_service(
            lambda: services.standards_add_queued(
                actor=request.user,
                county=county,
                effective_from=v["effective_from"],
                document_number=v["document_number"],
                source=v["source"],
                items=items,
            ),
            lambda result: Response(
                {
                    "standards": s.StandardSerializer(result[0], many=True).data,
                    "job": result[1].pk,
                    "job_url": reverse("job_detail", args=[result[1].pk]),
                },
                status=status.HTTP_201_CREATED,
            ),
        )


# --- Registers -------------------------------------------------------------------------------------------------


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """残疾人证 (the federation's roster). ``POST`` records one through the same service as the page (a newer
    certificate of the holder replaces the old one; the same number again updates it)."""

    filterset_class = CertificateFilterSet

    def get_queryset(self):
        return (
            DisabilityCertificate.objects.for_user(self.request.user)
            .select_related("person")
            .order_by("person_id", "-issued_on")
        )

    def get_serializer_class(self):
        return s.CertificateWriteSerializer if self.action == "create" else s.CertificateSerializer

    @extend_schema(request=s.CertificateWriteSerializer, responses=s.CertificateSerializer)
    def create(self, request, *args, **kwargs):
        data = s.CertificateWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        number = values.pop("id_number").strip().upper()
        person = Person.objects.for_user(request.user).filter(id_number=number).first()
        if person is None:
            return Response({"id_number": ["辖区内没有登记该公民身份号码的人员。"]}, status=status.HTTP_400_BAD_REQUEST)
        return run_service(
            lambda: services.certificate_register(actor=request.user, person=person, **values),
            lambda result: Response(
                s.CertificateSerializer(result[0], context={"request": request}).data,
                status=status.HTTP_201_CREATED if result[1] else status.HTTP_200_OK,
            ),
        )


class LowIncomeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """低保边缘 / 低收入 households. ``POST`` recognises one; ``flag``, ``clear``, ``visit`` and ``end`` run the same
    services as the page."""

    filterset_class = LowIncomeFilterSet
    action_permissions = {
        "flag": ["assistance.change_lowincomehousehold"],
        "clear": ["assistance.change_lowincomehousehold"],
        "visit": ["assistance.add_lowincomevisit"],
        "end": ["assistance.change_lowincomehousehold"],
    }

    def get_queryset(self):
        return selectors.low_income_for(self.request.user).prefetch_related("visits")

    def get_serializer_class(self):
        return s.LowIncomeWriteSerializer if self.action == "create" else s.LowIncomeSerializer

    def record_response(self, pk, code=status.HTTP_200_OK):
        record = self.get_queryset().get(pk=pk)
        return Response(s.LowIncomeSerializer(record, context={"request": self.request}).data, status=code)

    @extend_schema(request=s.LowIncomeWriteSerializer, responses=s.LowIncomeSerializer)
    def create(self, request, *args, **kwargs):
        data = s.LowIncomeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        household = Household.objects.for_user(request.user).filter(pk=values.pop("household")).first()
        if household is None:
            raise Http404
        return run_service(
            lambda: services.low_income_recognise(actor=request.user, household=household, **values),
            lambda record: self.record_response(record.pk, status.HTTP_201_CREATED),
        )

    def _action(self, request, form_class, call):
        record = self.get_object()
        form = form_class(request.data)
        if not form.is_valid():
            return Response(form.errors.get_json_data(), status=status.HTTP_400_BAD_REQUEST)
        return run_service(lambda: call(record, form.cleaned_data), lambda _r: self.record_response(record.pk))

    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.LowIncomeSerializer)
    @action(detail=True, methods=["post"])
    def flag(self, request, pk=None):
        from assistance.forms import MonitoringForm

        return self._action(
            request,
            MonitoringForm,
            lambda r, d: services.low_income_flag(
                actor=request.user, record=r, reason=d["reason"], note=d["note"], since=d["since"]
            ),
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.LowIncomeSerializer)
    @action(detail=True, methods=["post"])
    def clear(self, request, pk=None):
        from assistance.forms import ClearMonitoringForm

        return self._action(
            request,
            ClearMonitoringForm,
            lambda r, d: services.low_income_unflag(actor=request.user, record=r, note=d["note"]),
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.LowIncomeSerializer)
    @action(detail=True, methods=["post"])
    def visit(self, request, pk=None):
        from assistance.forms import VisitForm

        return self._action(
            request, VisitForm, lambda r, d: services.low_income_visit(actor=request.user, record=r, **d)
        )

    @extend_schema(request=OpenApiTypes.OBJECT, responses=s.LowIncomeSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        from assistance.forms import EndLowIncomeForm

        return self._action(
            request,
            EndLowIncomeForm,
            lambda r, d: services.low_income_end(
                actor=request.user, record=r, ended_on=d["ended_on"], reason=d["reason"]
            ),
        )


class VagrantCaseViewSet(ScopedViewSet):
    """流浪乞讨救助 cases (kept by county staff: the station is county-level). ``person_id_number`` names the person
    once identified (they must be in the person registry)."""

    model = VagrantCase
    serializer_class = s.VagrantCaseSerializer
    filterset_class = VagrantCaseFilterSet
    select_related = ("person", "region")
    ordering = ("-intake_on", "-pk")

    def save_kwargs(self, *, created: bool) -> dict:
        extra = {"created_by": self.request.user} if created else {}
        number = (self.request.data.get("person_id_number") or "").strip().upper()
        if number:
            person = Person.objects.filter(id_number=number).first()
            if person is None:
                raise ValidationError({"person_id_number": ["人员库中没有该公民身份号码。"]})
            extra["person"] = person
        return extra


class WelfareInstitutionViewSet(ScopedViewSet):
    """Social welfare institutions (社会福利机构), kept by county staff."""

    model = WelfareInstitution
    serializer_class = s.WelfareInstitutionSerializer
    filterset_class = WelfareInstitutionFilterSet
    ordering = ("region_id", "name")

    def save_kwargs(self, *, created: bool) -> dict:
        return {"created_by": self.request.user} if created else {}


class AdvanceViewSet(viewsets.ReadOnlyModelViewSet):
    """先行救助 paid by the townships (granted through ``POST applications/{id}/grant-advance/``)."""

    serializer_class = s.AdvanceSerializer

    def get_queryset(self):
        return (
            TemporaryAdvance.objects.for_user(self.request.user)
            .select_related("application__household", "payee")
            .order_by("-paid_on", "-pk")
        )
