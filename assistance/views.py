"""Caseworkers' pages: households, applications with their workflow, enrolments, re-checks, rolls, standards.

Every queryset starts from ``for_user``; objects outside the jurisdiction are 404. Every write goes through
``assistance.services`` — the same functions the API calls.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from assistance import selectors, services
from assistance.choices import ApplicationKind, EnrolmentStatus, LineKind, Programme
from assistance.eligibility import dibao_excluded_members, living_members
from assistance.exports import payment_roll_workbook
from assistance.filters import (
    ApplicationFilterSet,
    CertificateFilterSet,
    EnrolmentFilterSet,
    HouseholdFilterSet,
    LowIncomeFilterSet,
    PaymentRollFilterSet,
    StandardFilterSet,
    VagrantCaseFilterSet,
    WelfareInstitutionFilterSet,
)
from assistance.forms import (
    AcceptForm,
    AdvanceForm,
    ApplicationForm,
    AppraisalForm,
    CertificateForm,
    ClearMonitoringForm,
    DeathForm,
    DecideObjectionForm,
    EndEnrolmentForm,
    EndLowIncomeForm,
    FederationReviewForm,
    HouseholdForm,
    LedgerFilterForm,
    LowIncomeForm,
    MemberFormSet,
    MonitoringForm,
    NoticeForm,
    ObjectionForm,
    ObligorFormSet,
    OpinionForm,
    ReasonForm,
    RecheckForm,
    ReviewForm,
    RollGenerateForm,
    StandardSetForm,
    SurveyForm,
    VagrantCaseForm,
    VisitForm,
    WelfareInstitutionForm,
    member_initial,
)
from assistance.models import (
    Application,
    AssistanceStandard,
    DisabilityCertificate,
    Enrolment,
    Household,
    LowIncomeHousehold,
    PaymentRoll,
    TemporaryAdvance,
    VagrantCase,
    WelfareInstitution,
)
from assistance.resources import (
    CertificateResource,
    EnrolmentResource,
    HouseholdResource,
    LowIncomeResource,
    StandardResource,
    VagrantCaseResource,
    WelfareInstitutionResource,
)
from assistance.workflow import TRANSITIONS, TransitionRefused, available_actions, refusal
from civilaffairs.access import PermissionMixin
from civilaffairs.generic import (
    Column,
    ObjectCreateView,
    ObjectDetailView,
    ObjectListView,
    ObjectUpdateView,
    ServiceFormView,
    add_validation_errors,
    audit_history,
    flash_errors,
)


def _id(person, user) -> str:
    return person.id_number_for(user) if person else ""


# --- Households ----------------------------------------------------------------------------------------------


class ImportLinkMixin:
    """Adds links to the import page of the list's resource (and the members' import on the households list)."""

    import_resource = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        links = []
        if self.import_resource and self.request.user.has_perm("assistance.import_assistance"):
            links.append(reverse("assistance:import", args=[self.import_resource]))
            if self.import_resource == "households":
                links.append(reverse("assistance:import", args=["members"]))
        ctx["import_links"] = links
        return ctx


class HouseholdListView(ImportLinkMixin, ObjectListView):
    model = Household
    filterset_class = HouseholdFilterSet
    resource_class = HouseholdResource
    template_name = "assistance/object_list.html"
    import_resource = "households"
    create_url_name = "assistance:household_create"
    title = gettext_lazy("Households")
    columns = [
        Column(gettext_lazy("head of household"), lambda h, u: h.head.name if h.head_id else "—", link=True),
        Column(gettext_lazy("ID number"), lambda h, u: _id(h.head, u)),
        Column(gettext_lazy("township"), "village.parent.name"),
        Column(gettext_lazy("village or community"), "village.name"),
        Column(gettext_lazy("urban or rural"), "urban_rural"),
        Column(gettext_lazy("members"), "member_count"),
        Column(gettext_lazy("address"), "address"),
    ]

    def get_queryset(self):
        return selectors.households_for(self.request.user)


class HouseholdDetailView(PermissionMixin, DetailView):
    permission_required = "assistance.view_household"
    template_name = "assistance/household_detail.html"

    def get_queryset(self):
        return selectors.households_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, household = self.request.user, self.object
        ctx["title"] = str(household)
        ctx["members"] = household.members.filter(left_on__isnull=True).select_related("person").order_by("id")
        ctx["former_members"] = household.members.filter(left_on__isnull=False).select_related("person")
        ctx["applications"] = household.applications.select_related("household__village").order_by("-id")
        ctx["enrolments"] = selectors.enrolments_for(user).filter(household=household)
        ctx["bank_account"] = household.bank_account_for(user)
        ctx["can_edit"] = user.has_perm("assistance.change_household")
        ctx["can_apply"] = user.has_perm("assistance.add_application")
        ctx["kinds"] = ApplicationKind.choices
        ctx["low_income"] = household.low_income_records.order_by("-recognised_on")
        ctx["can_recognise"] = user.has_perm("assistance.add_lowincomehousehold")
        ctx["certificates"] = (
            DisabilityCertificate.objects.for_user(user)
            .filter(
                person__household_memberships__household=household, person__household_memberships__left_on__isnull=True
            )
            .select_related("person")
        )
        ctx["history"] = audit_history(household, user)
        return ctx


class HouseholdEditView(PermissionMixin, View):
    """One page for the household and all its members (inline formset); all or nothing through the service."""

    template_name = "assistance/household_form.html"
    permission_required = "assistance.add_household"

    def get_household(self) -> Household:
        if "pk" not in self.kwargs:
            return Household()
        household = Household.objects.for_user(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if household is None:
            raise Http404
        return household

    def render_page(self, form, formset, household):
        title = _("Edit %(name)s") % {"name": household} if household.pk else _("New household")
        return render(self.request, self.template_name, {"form": form, "formset": formset, "title": title})

    def get(self, request, *args, **kwargs):
        household = self.get_household()
        form = HouseholdForm(instance=household, user=request.user)
        initial = member_initial(household) if household.pk else []
        formset = MemberFormSet(prefix="members", initial=initial)
        return self.render_page(form, formset, household)

    def post(self, request, *args, **kwargs):
        household = self.get_household()
        form = HouseholdForm(request.POST, instance=household, user=request.user)
        initial = member_initial(household) if household.pk else []
        formset = MemberFormSet(request.POST, prefix="members", initial=initial)
        if form.is_valid() and formset.is_valid():
            rows = formset.inputs()
            errors = services.household_member_errors(actor=request.user, household=household, rows=rows)
            if errors:
                formset.add_service_errors(errors)
            else:
                try:
                    saved = services.household_save(actor=request.user, household=form.instance, members=rows)
                except ValidationError as exc:
                    add_validation_errors(form, exc)
                else:
                    messages.success(
                        request,
                        _("Household saved with %(n)d members.")
                        % {"n": saved.members.filter(left_on__isnull=True).count()},
                    )
                    return HttpResponseRedirect(saved.get_absolute_url())
        return self.render_page(form, formset, household)


class HouseholdUpdateView(HouseholdEditView):
    permission_required = "assistance.change_household"


# --- Applications ------------------------------------------------------------------------------------------


def _overdue(app, user) -> bool:
    return app.is_overdue()


class ApplicationListView(ObjectListView):
    model = Application
    filterset_class = ApplicationFilterSet
    template_name = "assistance/application_list.html"
    title = gettext_lazy("Applications")
    columns = [
        Column(gettext_lazy("case number"), "number", link=True),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("applicant"), "applicant.name"),
        Column(gettext_lazy("person applied for"), lambda a, u: a.target.name if a.target_id else ""),
        Column(gettext_lazy("township"), "household.village.parent.name"),
        Column(gettext_lazy("village or community"), "household.village.name"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("current step due"), "stage_due_on"),
        Column(gettext_lazy("decision due"), "decision_due_on"),
        Column(gettext_lazy("monthly amount"), "amount"),
    ]

    def get_queryset(self):
        return selectors.applications_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx["rows"] = [(obj, cells, obj.is_overdue(today)) for obj, cells in ctx["rows"]]
        return ctx


class ApplicationDetailView(PermissionMixin, DetailView):
    permission_required = "assistance.view_application"
    template_name = "assistance/application_detail.html"

    def get_queryset(self):
        return selectors.applications_for(self.request.user).select_related(
            "standard", "care_standard", "decided_by", "created_by", "household__head"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, app = self.request.user, self.object
        ctx["title"] = f"{app.get_kind_display()} · {app.number}"
        ctx["timeline"] = app.status_changes.select_related("actor").order_by("at", "id")
        ctx["objections"] = app.objections.select_related("recorded_by")
        ctx["obligors"] = app.obligors.all()
        ctx["actions"] = available_actions(user, app)
        ctx["overdue"] = app.is_overdue()
        ctx["member_rows"] = self.member_rows(app)
        ctx["enrolment"] = Enrolment.objects.for_user(user).filter(application=app).first()
        ctx["advance"] = TemporaryAdvance.objects.filter(application=app).select_related("granted_by").first()
        ctx["grant_lines"] = app.payment_lines.select_related("roll") if app.kind == ApplicationKind.TEMPORARY else []
        ctx["history"] = audit_history(app, user)
        return ctx

    @staticmethod
    def member_rows(app) -> list[tuple]:
        """A household 低保 application: each living member and whether the means test counts them (a member
        supported as 特困 is left out where the county says so, ``dibao_excludes_tekun_members``)."""
        if app.kind != ApplicationKind.DIBAO or app.single_person:
            return []
        on = app.assessed_on or timezone.localdate()
        excluded = dibao_excluded_members(app.household, on)
        members = living_members(app.household, on).select_related("person").order_by("id")
        return [(m, excluded.get(m.person_id)) for m in members]


class ApplicationCreateView(PermissionMixin, View):
    permission_required = "assistance.add_application"
    template_name = "assistance/application_form.html"

    def get_household(self) -> Household:
        household = Household.objects.for_user(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if household is None:
            raise Http404
        return household

    def render_page(self, form, obligors, household):
        ctx = {"form": form, "obligors": obligors, "household": household, "title": _("New application")}
        return render(self.request, self.template_name, ctx)

    def get(self, request, pk):
        household = self.get_household()
        kind = request.GET.get("kind") if request.GET.get("kind") in ApplicationKind.values else ApplicationKind.DIBAO
        form = ApplicationForm(household=household, initial={"kind": kind})
        return self.render_page(form, ObligorFormSet(prefix="obligors"), household)

    def post(self, request, pk):
        household = self.get_household()
        form = ApplicationForm(request.POST, household=household)
        obligors = ObligorFormSet(request.POST, prefix="obligors")
        if form.is_valid() and obligors.is_valid():
            data = form.cleaned_data
            rows = [f.cleaned_data for f in obligors.forms if f.cleaned_data and f.has_changed()]
            try:
                app, created = services.application_submit(
                    actor=request.user,
                    household=household,
                    kind=data["kind"],
                    applicant=data["applicant"],
                    target=data.get("target"),
                    single_person=data.get("single_person", False),
                    care_tier=data.get("care_tier") or "",
                    support_mode=data.get("support_mode") or "",
                    temporary_type=data.get("temporary_type") or "",
                    temporary_months=data.get("temporary_months"),
                    expense_category=data.get("expense_category") or "",
                    expense_amount=data.get("expense_amount"),
                    reason=data["reason"],
                    received_on=data["received_on"],
                    obligors=rows if data["kind"] == ApplicationKind.TEKUN else [],
                    idempotency_key=data["idempotency_key"],
                )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                if created:
                    messages.success(request, _("Application %(number)s registered.") % {"number": app.number})
                else:
                    messages.info(request, _("This application was already registered (submitted twice)."))
                return HttpResponseRedirect(app.get_absolute_url())
        return self.render_page(form, obligors, household)


# action → (form class, service, function turning the form's data into the service's keyword arguments)
ACTION_FORMS = {
    "accept": (
        AcceptForm,
        services.application_accept,
        lambda d: {"accepted_on": d["accepted_on"], "opinion": d["opinion"]},
    ),
    "refuse_acceptance": (ReasonForm, services.application_refuse_acceptance, lambda d: {"reason": d["reason"]}),
    "record_survey": (
        SurveyForm,
        services.application_record_survey,
        lambda d: {
            "staff_1": d["staff_1"],
            "staff_2": d["staff_2"],
            "survey_on": d["survey_on"],
            "findings": d["findings"],
            "info_check": d["info_check"],
            "info_check_note": d["info_check_note"],
        },
    ),
    "record_appraisal": (
        AppraisalForm,
        services.application_record_appraisal,
        lambda d: {"appraisal_on": d["appraisal_on"], "result": d["result"]},
    ),
    "review": (
        ReviewForm,
        services.application_review,
        lambda d: {"opinion": d["opinion"], "recommends": d["recommends"]},
    ),
    "start_notice": (
        NoticeForm,
        services.application_start_notice,
        lambda d: {"start": d["start"], "place": d["place"]},
    ),
    "record_objection": (
        ObjectionForm,
        services.application_record_objection,
        lambda d: {"raised_on": d["raised_on"], "raised_by": d["raised_by"], "content": d["content"]},
    ),
    "decide_objection": (
        DecideObjectionForm,
        services.application_decide_objection,
        lambda d: {"objection": d["objection"], "upheld": d["upheld"], "note": d["note"]},
    ),
    "close_notice": (OpinionForm, services.application_close_notice, lambda d: {"opinion": d["opinion"]}),
    "approve": (OpinionForm, services.application_approve, lambda d: {"opinion": d["opinion"]}),
    "reject": (ReasonForm, services.application_reject, lambda d: {"reason": d["reason"]}),
    "withdraw": (ReasonForm, services.application_withdraw, lambda d: {"reason": d["reason"]}),
    "terminate": (ReasonForm, services.application_terminate, lambda d: {"reason": d["reason"]}),
    "extend_deadline": (ReasonForm, services.application_extend_deadline, lambda d: {"reason": d["reason"]}),
    "initial_review": (
        ReviewForm,
        services.application_initial_review,
        lambda d: {"opinion": d["opinion"], "recommends": d["recommends"]},
    ),
    "federation_review": (
        FederationReviewForm,
        services.application_federation_review,
        lambda d: {"opinion": d["opinion"], "reviewed_on": d["reviewed_on"]},
    ),
    "grant_advance": (
        AdvanceForm,
        services.application_grant_advance,
        lambda d: {"amount": d["amount"], "method": d["method"], "paid_on": d["paid_on"], "reason": d["reason"]},
    ),
}


class ApplicationActionView(PermissionMixin, View):
    """The form of one workflow action. GET shows it (or why it is not possible now); POST runs the service."""

    permission_required = "assistance.view_application"
    template_name = "assistance/application_action.html"

    def setup_action(self, request, pk, action):
        if action not in ACTION_FORMS:
            raise Http404
        app = selectors.applications_for(request.user).filter(pk=pk).first()
        if app is None:
            raise Http404
        transition = TRANSITIONS[action]
        if not request.user.has_perm(transition.permission):
            raise PermissionDenied(_("Your role may not “%(action)s”.") % {"action": transition.label})
        return app, transition

    def make_form(self, action, app, data=None):
        form_class = ACTION_FORMS[action][0]
        kwargs = {"application": app} if form_class is DecideObjectionForm else {}
        return form_class(data, **kwargs) if data is not None else form_class(**kwargs)

    def render_page(self, app, transition, form, problem=None, status=200):
        ctx = {
            "application": app,
            "transition": transition,
            "form": form,
            "problem": problem,
            "title": f"{transition.label} · {app.number}",
        }
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, pk, action):
        app, transition = self.setup_action(request, pk, action)
        problem = refusal(transition, request.user, app)
        return self.render_page(app, transition, self.make_form(action, app), problem)

    def post(self, request, pk, action):
        app, transition = self.setup_action(request, pk, action)
        form = self.make_form(action, app, request.POST)
        if not form.is_valid():
            return self.render_page(app, transition, form)
        service, arguments = ACTION_FORMS[action][1], ACTION_FORMS[action][2]
        try:
            service(actor=request.user, application=app.pk, **arguments(form.cleaned_data))
        except TransitionRefused as exc:
            # E.g. another reviewer approved it a moment ago: say so on the case page.
            messages.error(request, str(exc))
            return HttpResponseRedirect(app.get_absolute_url())
        except ValidationError as exc:
            add_validation_errors(form, exc)
            return self.render_page(app, transition, form)
        except ObjectDoesNotExist:
            raise Http404 from None
        messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
        return HttpResponseRedirect(app.get_absolute_url())


# --- Enrolments and re-checks --------------------------------------------------------------------------------


class EnrolmentListView(ImportLinkMixin, ObjectListView):
    model = Enrolment
    filterset_class = EnrolmentFilterSet
    resource_class = EnrolmentResource
    template_name = "assistance/object_list.html"
    import_resource = "enrolments"
    title = gettext_lazy("Enrolments")
    columns = [
        Column(gettext_lazy("case number"), "number", link=True),
        Column(gettext_lazy("programme"), "programme"),
        Column(gettext_lazy("payee"), "payee.name"),
        Column(gettext_lazy("ID number"), lambda e, u: _id(e.payee, u)),
        Column(gettext_lazy("township"), "household.village.parent.name"),
        Column(gettext_lazy("village or community"), "household.village.name"),
        Column(gettext_lazy("members"), "member_count"),
        Column(gettext_lazy("monthly amount"), "current_amount"),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("paid from (month)"), lambda e, u: f"{e.start_month:%Y-%m}"),
        Column(gettext_lazy("next re-check due"), "next_recheck_on"),
    ]

    def get_queryset(self):
        return selectors.enrolments_for(self.request.user)


class RecheckDueListView(ObjectListView):
    model = Enrolment
    filterset_class = EnrolmentFilterSet
    template_name = "assistance/application_list.html"
    resource_class = None
    title = gettext_lazy("Re-checks due")
    columns = EnrolmentListView.columns

    def get_queryset(self):
        return selectors.rechecks_due_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx["rows"] = [(obj, cells, obj.next_recheck_on and obj.next_recheck_on < today) for obj, cells in ctx["rows"]]
        return ctx


class EnrolmentDetailView(PermissionMixin, DetailView):
    permission_required = "assistance.view_enrolment"
    template_name = "assistance/enrolment_detail.html"

    def get_queryset(self):
        return selectors.enrolments_for(self.request.user).select_related("application", "household__head")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, enrolment = self.request.user, self.object
        ctx["title"] = f"{enrolment.get_programme_display()} · {enrolment.number}"
        ctx["members"] = enrolment.members.select_related("person").order_by("-active", "id")
        ctx["amounts"] = enrolment.amounts.select_related("standard", "care_standard", "created_by").order_by(
            "-effective_from"
        )
        ctx["rechecks"] = enrolment.rechecks.select_related("checked_by", "standard")
        ctx["payments"] = enrolment.lines.select_related("roll").order_by("-roll__month")[:24]
        can_act = user.has_perm("assistance.recheck_enrolment") and enrolment.status != EnrolmentStatus.ENDED
        ctx["can_act"] = can_act
        if can_act:
            ctx["recheck_form"] = RecheckForm()
            ctx["end_form"] = EndEnrolmentForm()
            ctx["death_form"] = DeathForm(enrolment=enrolment)
        ctx["history"] = audit_history(enrolment, user)
        return ctx


class EnrolmentActionView(PermissionMixin, View):
    """Re-check, exit or death on an enrolment (POST only; errors come back on the enrolment page)."""

    permission_required = "assistance.recheck_enrolment"

    def post(self, request, pk, action):
        enrolment = Enrolment.objects.for_user(request.user).filter(pk=pk).first()
        if enrolment is None:
            raise Http404
        forms = {"recheck": RecheckForm, "end": EndEnrolmentForm, "death": DeathForm}
        if action not in forms:
            raise Http404
        form = forms[action](request.POST, **({"enrolment": enrolment} if action == "death" else {}))
        if not form.is_valid():
            flash_errors(request, form.errors)
            return HttpResponseRedirect(enrolment.get_absolute_url())
        data = form.cleaned_data
        try:
            if action == "recheck":
                recheck = services.enrolment_recheck(
                    actor=request.user, enrolment=enrolment, checked_on=data["checked_on"], note=data["note"]
                )
                messages.success(
                    request, _("Re-check recorded: %(outcome)s.") % {"outcome": recheck.get_outcome_display()}
                )
            elif action == "end":
                services.enrolment_end(
                    actor=request.user,
                    enrolment=enrolment,
                    last_month=data["last_month"],
                    reason=data["reason"],
                    note=data["note"],
                )
                messages.success(request, _("The enrolment has ended."))
            else:
                services.enrolment_record_death(actor=request.user, person=data["person"], died_on=data["died_on"])
                messages.success(request, _("The death is recorded; payment stops from the next month."))
        except (TransitionRefused, ValidationError) as exc:
            flash_errors(request, exc)
        except ObjectDoesNotExist:
            raise Http404 from None
        return HttpResponseRedirect(enrolment.get_absolute_url())


# --- Payment rolls -------------------------------------------------------------------------------------------


class PaymentRollListView(ObjectListView):
    model = PaymentRoll
    filterset_class = PaymentRollFilterSet
    template_name = "assistance/roll_list.html"
    title = gettext_lazy("Payment rolls")
    columns = [
        Column(gettext_lazy("township"), "township.name", link=True),
        Column(gettext_lazy("month"), lambda r, u: f"{r.month.year}年{r.month.month}月", link=True),
        Column(gettext_lazy("status"), "status"),
        Column(gettext_lazy("lines"), "line_count"),
        Column(gettext_lazy("total amount"), "total_amount"),
        Column(gettext_lazy("generated at"), "generated_at"),
    ]

    def get_queryset(self):
        return (
            PaymentRoll.objects.for_user(self.request.user).select_related("township").order_by("-month", "township_id")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.request.user.has_perm("assistance.add_paymentroll"):
            ctx["generate_form"] = RollGenerateForm(user=self.request.user)
        return ctx


class PaymentRollGenerateView(PermissionMixin, View):
    permission_required = "assistance.add_paymentroll"

    def post(self, request):
        form = RollGenerateForm(request.POST, user=request.user)
        if not form.is_valid():
            flash_errors(request, form.errors)
            return HttpResponseRedirect(reverse("assistance:roll_list"))
        roll, created = services.payment_roll_generate(
            actor=request.user, township=form.cleaned_data["township"], month=form.cleaned_data["month"]
        )
        if created:
            messages.success(request, _("Roll generated: %(n)d payments.") % {"n": roll.line_count})
        else:
            messages.info(request, _("The roll for this month already exists; it was not changed."))
        return HttpResponseRedirect(roll.get_absolute_url())


class PaymentRollDetailView(PermissionMixin, DetailView):
    permission_required = "assistance.view_paymentroll"
    template_name = "assistance/roll_detail.html"
    paginate_lines = 200

    def get_queryset(self):
        return PaymentRoll.objects.for_user(self.request.user).select_related(
            "township", "generated_by", "reviewed_by", "locked_by"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, roll = self.request.user, self.object
        ctx["title"] = _("Payment roll %(roll)s") % {"roll": roll}
        ctx["totals"] = [
            {**row, "label": Programme(row["programme"]).label, "kind_label": LineKind(row["kind"]).label}
            for row in services.roll_totals(roll)
        ]
        lines = roll.lines.select_related("payee", "household__village").order_by("household__village_id", "id")
        ctx["lines"] = lines[: self.paginate_lines]
        ctx["more_lines"] = max(0, roll.line_count - self.paginate_lines)
        ctx["can_review"] = user.has_perm("assistance.review_paymentroll") and roll.status == "draft"
        ctx["can_lock"] = user.has_perm("assistance.review_paymentroll") and roll.status == "reviewed"
        ctx["can_regenerate"] = user.has_perm("assistance.add_paymentroll") and roll.status == "draft"
        ctx["can_export"] = user.has_perm("assistance.export_paymentroll")
        ctx["full_accounts"] = user.has_perm("assistance.view_full_bank_account")
        ctx["history"] = audit_history(roll, user)
        return ctx


class PaymentRollActionView(PermissionMixin, View):
    def get_permission_required(self):
        if getattr(self, "kwargs", {}).get("action") == "regenerate":
            return ["assistance.add_paymentroll"]
        return ["assistance.review_paymentroll"]

    def post(self, request, pk, action):
        services_by_action = {
            "review": services.payment_roll_review,
            "lock": services.payment_roll_lock,
            "regenerate": services.payment_roll_regenerate,
        }
        if action not in services_by_action:
            raise Http404
        roll = PaymentRoll.objects.for_user(request.user).filter(pk=pk).first()
        if roll is None:
            raise Http404
        try:
            services_by_action[action](actor=request.user, roll=roll)
        except TransitionRefused as exc:
            messages.error(request, str(exc))
        except ObjectDoesNotExist:
            raise Http404 from None
        else:
            messages.success(request, _("Done."))
        return HttpResponseRedirect(roll.get_absolute_url())


class PaymentRollExportView(PermissionMixin, View):
    """The bank's Excel sheet: payee, ID (masked unless the viewer may see it), account, programme, amount, totals."""

    permission_required = "assistance.export_paymentroll"

    def get(self, request, pk):
        roll = PaymentRoll.objects.for_user(request.user).select_related("township").filter(pk=pk).first()
        if roll is None:
            raise Http404
        content = payment_roll_workbook(roll, request.user)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        name = f"{roll.township.name}{roll.month.year}年{roll.month.month:02d}月救助金发放花名册.xlsx"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response


# --- Standards -----------------------------------------------------------------------------------------------


class StandardListView(ImportLinkMixin, ObjectListView):
    model = AssistanceStandard
    filterset_class = StandardFilterSet
    resource_class = StandardResource
    template_name = "assistance/object_list.html"
    import_resource = "standards"
    title = gettext_lazy("Assistance standards")
    create_url_name = "assistance:standard_create"
    columns = [
        Column(gettext_lazy("county"), "county.name"),
        Column(gettext_lazy("kind"), "kind"),
        Column(gettext_lazy("urban or rural"), lambda s, u: s.get_urban_rural_display() or _("urban and rural")),
        Column(gettext_lazy("care tier"), "care_tier"),
        Column(gettext_lazy("amount (yuan per person per month)"), "monthly_amount"),
        Column(gettext_lazy("yearly amount as printed (yuan)"), "printed_yearly_amount"),
        Column(gettext_lazy("effective from"), "effective_from"),
        Column(gettext_lazy("document number"), "document_number"),
        Column(gettext_lazy("source"), "source"),
        Column(gettext_lazy("demo value"), "is_demo"),
    ]

    def get_queryset(self):
        return (
            AssistanceStandard.objects.for_user(self.request.user)
            .select_related("county")
            .order_by("county_id", "-effective_from", "kind", "urban_rural", "care_tier")
        )


class StandardCreateView(ServiceFormView):
    """The figures of one document. Saved at once; the enrolments are re-rated by a background job (about ten
    seconds for a whole county), whose progress page the user is sent to."""

    form_class = StandardSetForm
    permission_required = "assistance.add_assistancestandard"
    title = gettext_lazy("New standards")

    def perform(self, form):
        data = form.cleaned_data
        self.effective_from = data["effective_from"]
        return services.standards_add_queued(
            actor=self.request.user,
            county=data["county"],
            effective_from=data["effective_from"],
            document_number=data["document_number"],
            source=data["source"],
            items=form.items(),
        )

    def get_success_message(self, result) -> str:
        rows, _job = result
        month = services.rerate_month(self.effective_from).strftime("%Y-%m")
        return _("%(n)d standards saved; the enrolments are being re-rated from %(month)s.") % {
            "n": len(rows),
            "month": month,
        }

    def get_success_url(self, result) -> str:
        return reverse("job_detail", args=[result[1].pk])


# --- Disability certificates -----------------------------------------------------------------------------------


def _holder_township(obj, user) -> str:
    region = obj.person.region
    return region.parent.name if region.level == "village" and region.parent_id else region.name


def _valid_today(obj, user) -> bool:
    return obj.is_valid_on(timezone.localdate())


class CertificateListView(ImportLinkMixin, ObjectListView):
    model = DisabilityCertificate
    filterset_class = CertificateFilterSet
    resource_class = CertificateResource
    template_name = "assistance/object_list.html"
    import_resource = "certificates"
    create_url_name = "assistance:certificate_create"
    title = gettext_lazy("Disability certificates")
    columns = [
        Column(gettext_lazy("holder"), "person.name", link=True),
        Column(gettext_lazy("ID number"), lambda c, u: _id(c.person, u)),
        Column(gettext_lazy("township"), _holder_township),
        Column(gettext_lazy("disability category"), "category"),
        Column(gettext_lazy("disability grade"), "grade"),
        Column(gettext_lazy("issued on"), "issued_on"),
        Column(gettext_lazy("valid until"), "valid_until"),
        Column(gettext_lazy("valid today"), _valid_today),
        Column(gettext_lazy("source"), "source"),
    ]

    def get_queryset(self):
        return (
            DisabilityCertificate.objects.for_user(self.request.user)
            .select_related("person__region__parent")
            .order_by("person__region_id", "person_id", "-issued_on")
        )


class CertificateDetailView(ObjectDetailView):
    model = DisabilityCertificate
    select_related = ("person__region__parent",)
    edit_url_name = "assistance:certificate_update"
    fields = [
        Column(gettext_lazy("holder"), "person.name"),
        Column(gettext_lazy("ID number"), lambda c, u: _id(c.person, u)),
        Column(gettext_lazy("village or community of residence"), "person.region.full_name"),
        Column(
            gettext_lazy("certificate number"),
            lambda c, u: (
                c.number
                if u.has_perm("civilaffairs.view_full_id_number")
                else c.number[:6] + "********" + c.number[14:]
            ),
        ),
        Column(gettext_lazy("disability category"), "category"),
        Column(gettext_lazy("disability grade"), "grade"),
        Column(gettext_lazy("issued on"), "issued_on"),
        Column(gettext_lazy("valid until"), "valid_until"),
        Column(gettext_lazy("cancelled on"), "cancelled_on"),
        Column(gettext_lazy("valid today"), _valid_today),
        Column(gettext_lazy("assessed as needing long-term care"), "needs_long_term_care"),
        Column(gettext_lazy("receives an equivalent care benefit"), "equivalent_care_benefit"),
        Column(gettext_lazy("source"), "source"),
        Column(gettext_lazy("note"), "note"),
    ]


class CertificateCreateView(ServiceFormView):
    """Enter a certificate seen by staff; a newer one for the same person replaces (cancels) the old."""

    form_class = CertificateForm
    permission_required = "assistance.add_disabilitycertificate"
    title = gettext_lazy("New disability certificate")
    success_message = gettext_lazy("Certificate saved.")

    def perform(self, form):
        data = form.cleaned_data
        certificate, _created = services.certificate_register(
            actor=self.request.user,
            person=form.instance.person,
            number=data["number"],
            category=data["category"],
            grade=data["grade"],
            issued_on=data["issued_on"],
            valid_until=data.get("valid_until"),
            cancelled_on=data.get("cancelled_on"),
            needs_long_term_care=data.get("needs_long_term_care", True),
            equivalent_care_benefit=data.get("equivalent_care_benefit", False),
            note=data.get("note", ""),
        )
        return certificate


class CertificateUpdateView(ObjectUpdateView):
    model = DisabilityCertificate
    form_class = CertificateForm


# --- 低保边缘 / 低收入 ---------------------------------------------------------------------------------------------


def _visit_due(obj, user):
    return selectors.low_income_visit_due(obj)


LOW_INCOME_COLUMNS = [
    Column(
        gettext_lazy("head of household"), lambda r, u: r.household.head.name if r.household.head_id else "—", link=True
    ),
    Column(gettext_lazy("ID number"), lambda r, u: _id(r.household.head, u)),
    Column(gettext_lazy("township"), "household.village.parent.name"),
    Column(gettext_lazy("village or community"), "household.village.name"),
    Column(gettext_lazy("category"), "category"),
    Column(gettext_lazy("recognised on"), "recognised_on"),
    Column(gettext_lazy("how found"), "source"),
    Column(gettext_lazy("under monitoring"), "monitored"),
    Column(gettext_lazy("reason for monitoring"), "monitoring_reason"),
    Column(gettext_lazy("last visit"), "last_visit_on"),
    Column(gettext_lazy("recognition ended on"), "ended_on"),
]


class LowIncomeListView(ImportLinkMixin, ObjectListView):
    model = LowIncomeHousehold
    filterset_class = LowIncomeFilterSet
    resource_class = LowIncomeResource
    template_name = "assistance/object_list.html"
    import_resource = "low-income"
    create_url_name = "assistance:lowincome_create"
    title = gettext_lazy("Low-income households")
    columns = LOW_INCOME_COLUMNS

    def get_queryset(self):
        return selectors.low_income_for(self.request.user)


class LowIncomeMonitoringView(ObjectListView):
    """The caseworkers' monitoring list: flagged households, with the visit due (overdue in red)."""

    model = LowIncomeHousehold
    filterset_class = LowIncomeFilterSet
    template_name = "assistance/application_list.html"
    title = gettext_lazy("Households under monitoring")
    columns = [
        *LOW_INCOME_COLUMNS[:4],
        LOW_INCOME_COLUMNS[8],
        Column(gettext_lazy("monitored since"), "monitored_since"),
        LOW_INCOME_COLUMNS[9],
        Column(gettext_lazy("visit due"), _visit_due),
    ]

    def get_queryset(self):
        return selectors.low_income_monitoring_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx["rows"] = [
            (obj, cells, (due := selectors.low_income_visit_due(obj)) is not None and due < today)
            for obj, cells in ctx["rows"]
        ]
        return ctx


class LowIncomeCreateView(ServiceFormView):
    form_class = LowIncomeForm
    permission_required = "assistance.add_lowincomehousehold"
    title = gettext_lazy("Recognise a low-income household")
    success_message = gettext_lazy("Recognised.")

    def get_initial(self) -> dict:
        household = Household.objects.for_user(self.request.user).filter(pk=self.request.GET.get("household") or 0)
        household = household.first()
        return {"head_id_number": household.head.id_number} if household is not None and household.head_id else {}

    def perform(self, form):
        data = form.cleaned_data
        return services.low_income_recognise(
            actor=self.request.user,
            household=data["household"],
            category=data["category"],
            recognised_on=data["recognised_on"],
            source=data["source"],
            note=data["note"],
        )


class LowIncomeDetailView(PermissionMixin, DetailView):
    permission_required = "assistance.view_lowincomehousehold"
    template_name = "assistance/lowincome_detail.html"

    def get_queryset(self):
        return selectors.low_income_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, record = self.request.user, self.object
        ctx["title"] = str(record)
        ctx["visits"] = record.visits.select_related("recorded_by")
        ctx["members"] = record.household.members.filter(left_on__isnull=True).select_related("person")
        ctx["visit_due"] = selectors.low_income_visit_due(record)
        ctx["can_change"] = user.has_perm("assistance.change_lowincomehousehold") and record.ended_on is None
        ctx["can_visit"] = user.has_perm("assistance.add_lowincomevisit") and record.ended_on is None
        if ctx["can_change"]:
            ctx["flag_form"] = MonitoringForm() if not record.monitored else None
            ctx["clear_form"] = ClearMonitoringForm() if record.monitored else None
            ctx["end_form"] = EndLowIncomeForm()
        if ctx["can_visit"]:
            ctx["visit_form"] = VisitForm()
        ctx["history"] = audit_history(record, user)
        return ctx


class LowIncomeActionView(PermissionMixin, View):
    """Flag / clear monitoring, record a visit, end the recognition (POST; errors come back on the record's page)."""

    ACTIONS = {
        "flag": (MonitoringForm, "assistance.change_lowincomehousehold"),
        "clear": (ClearMonitoringForm, "assistance.change_lowincomehousehold"),
        "visit": (VisitForm, "assistance.add_lowincomevisit"),
        "end": (EndLowIncomeForm, "assistance.change_lowincomehousehold"),
    }

    def get_permission_required(self):
        action = getattr(self, "kwargs", {}).get("action")
        return [self.ACTIONS[action][1]] if action in self.ACTIONS else ["assistance.change_lowincomehousehold"]

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        record = LowIncomeHousehold.objects.for_user(request.user).filter(pk=pk).first()
        if record is None:
            raise Http404
        form = self.ACTIONS[action][0](request.POST)
        if not form.is_valid():
            flash_errors(request, form.errors)
            return HttpResponseRedirect(record.get_absolute_url())
        data = form.cleaned_data
        calls = {
            "flag": lambda: services.low_income_flag(
                actor=request.user, record=record, reason=data["reason"], note=data["note"], since=data["since"]
            ),
            "clear": lambda: services.low_income_unflag(actor=request.user, record=record, note=data["note"]),
            "visit": lambda: services.low_income_visit(actor=request.user, record=record, **data),
            "end": lambda: services.low_income_end(
                actor=request.user, record=record, ended_on=data["ended_on"], reason=data["reason"]
            ),
        }
        try:
            calls[action]()
        except (TransitionRefused, ValidationError) as exc:
            flash_errors(request, exc)
        except ObjectDoesNotExist:
            raise Http404 from None
        else:
            messages.success(request, _("Done."))
        return HttpResponseRedirect(record.get_absolute_url())


# --- 流浪乞讨救助 ------------------------------------------------------------------------------------------------


def _region_name(obj, user) -> str:
    return obj.region.name if obj.region.level == "township" else _("county level")


class VagrantCaseListView(ImportLinkMixin, ObjectListView):
    model = VagrantCase
    filterset_class = VagrantCaseFilterSet
    resource_class = VagrantCaseResource
    template_name = "assistance/object_list.html"
    import_resource = "vagrants"
    create_url_name = "assistance:vagrant_create"
    title = gettext_lazy("Vagrant assistance cases")
    columns = [
        Column(gettext_lazy("case number"), "number", link=True),
        Column(gettext_lazy("name"), "display_name"),
        Column(gettext_lazy("taken in on"), "intake_on"),
        Column(gettext_lazy("found in (township or county)"), _region_name),
        Column(gettext_lazy("how found"), "found_by"),
        Column(gettext_lazy("minor"), "is_minor"),
        Column(gettext_lazy("identity established"), "identity_established"),
        Column(gettext_lazy("how the case ended"), "outcome"),
        Column(gettext_lazy("case closed on"), "closed_on"),
    ]

    def get_queryset(self):
        return (
            VagrantCase.objects.for_user(self.request.user)
            .select_related("region", "person")
            .order_by("-intake_on", "-pk")
        )


class VagrantCaseDetailView(ObjectDetailView):
    model = VagrantCase
    select_related = ("region", "person", "created_by")
    edit_url_name = "assistance:vagrant_update"
    fields = [
        Column(gettext_lazy("case number"), "number"),
        Column(gettext_lazy("found in (township or county)"), lambda o, u: o.region.full_name),
        Column(gettext_lazy("taken in on"), "intake_on"),
        Column(gettext_lazy("where found"), "intake_place"),
        Column(gettext_lazy("how found"), "found_by"),
        Column(gettext_lazy("handled by"), "handled_by"),
        Column(
            gettext_lazy("person (once identified)"),
            lambda o, u: f"{o.person.name} {_id(o.person, u)}" if o.person_id else "—",
        ),
        Column(gettext_lazy("name as stated"), "stated_name"),
        Column(gettext_lazy("sex"), "sex"),
        Column(gettext_lazy("estimated age"), "estimated_age"),
        Column(gettext_lazy("minor"), "is_minor"),
        Column(gettext_lazy("description"), "description"),
        Column(gettext_lazy("identity established"), "identity_established"),
        Column(gettext_lazy("identity established on"), "identity_on"),
        Column(gettext_lazy("how the identity was established"), "identity_method"),
        Column(gettext_lazy("place of household registration"), "home_place"),
        Column(gettext_lazy("how the case ended"), "outcome"),
        Column(gettext_lazy("left the station on"), "outcome_on"),
        Column(gettext_lazy("destination"), "destination"),
        Column(gettext_lazy("case closed on"), "closed_on"),
        Column(gettext_lazy("note"), "note"),
    ]


class VagrantCaseCreateView(ObjectCreateView):
    model = VagrantCase
    form_class = VagrantCaseForm

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class VagrantCaseUpdateView(ObjectUpdateView):
    model = VagrantCase
    form_class = VagrantCaseForm


# --- Welfare institutions --------------------------------------------------------------------------------------


class WelfareInstitutionListView(ImportLinkMixin, ObjectListView):
    model = WelfareInstitution
    filterset_class = WelfareInstitutionFilterSet
    resource_class = WelfareInstitutionResource
    template_name = "assistance/object_list.html"
    import_resource = "institutions"
    create_url_name = "assistance:institution_create"
    title = gettext_lazy("Welfare institutions")
    select_related = ("region",)
    columns = [
        Column(gettext_lazy("name"), "name", link=True),
        Column(gettext_lazy("county or township"), "region.name"),
        Column(gettext_lazy("institution type"), "institution_type"),
        Column(gettext_lazy("how it came about"), "origin"),
        Column(gettext_lazy("beds"), "beds"),
        Column(gettext_lazy("opened on"), "opened_on"),
        Column(gettext_lazy("construction progress (%)"), "construction_progress"),
        Column(gettext_lazy("closed on"), "closed_on"),
    ]


class WelfareInstitutionDetailView(ObjectDetailView):
    model = WelfareInstitution
    select_related = ("region",)
    edit_url_name = "assistance:institution_update"
    fields = [
        *WelfareInstitutionListView.columns[1:],
        Column(gettext_lazy("address"), "address"),
        Column(gettext_lazy("note"), "note"),
    ]


class WelfareInstitutionCreateView(ObjectCreateView):
    model = WelfareInstitution
    form_class = WelfareInstitutionForm

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class WelfareInstitutionUpdateView(ObjectUpdateView):
    model = WelfareInstitution
    form_class = WelfareInstitutionForm


# --- One-off payments ledger -----------------------------------------------------------------------------------


class OneOffLedgerView(PermissionMixin, View):
    """一次性救助发放台账: 先行救助 and one-off grants and back pay on the rolls, with totals per programme."""

    permission_required = "assistance.view_paymentline"
    template_name = "assistance/ledger.html"

    def get(self, request):
        form = LedgerFilterForm(request.GET or None, user=request.user)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        ledger = selectors.one_off_ledger(
            request.user, township=filters.get("township"), start=filters.get("start"), end=filters.get("end")
        )
        labels = dict(Programme.choices)
        kinds = {**dict(LineKind.choices), "advance": _("Advance assistance")}
        for row in [*ledger["totals"], *ledger["rows"]]:
            row["programme_label"] = labels.get(row["programme"], row["programme"])
            row["kind_label"] = kinds.get(row["kind"], row["kind"])
        ctx = {"title": _("One-off payments ledger"), "form": form, **ledger}
        return render(request, self.template_name, ctx)
