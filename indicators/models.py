"""Definitions, manual inputs, the five plans' rows and their dated snapshots (DESIGN §5).

The behaviour of an indicator is the ``Computation`` its owning app registers (``indicators.registry``); the
``IndicatorDefinition`` row keeps what a reader needs to see beside a figure — name, unit, formula in words and
the version of the 口径 — so that a snapshot computed under an older version still explains itself.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civilaffairs.formats import cn_date
from civilaffairs.models import JobRun, Region
from civilaffairs.scoping import ScopedQuerySet, scope_prefix
from indicators.choices import (
    BaselineSource,
    Direction,
    Kind,
    ManualInputStatus,
    ManualLevel,
    ManualPeriod,
    ManualValueType,
    ReportKind,
    ReportStatus,
    SnapshotStatus,
    TargetOperator,
)

DECIMAL = {"max_digits": 20, "decimal_places": 4}


def enclosing_codes(code: str) -> set[str]:
    """The 12-digit codes of a region and of every region above it (province, city, county, township)."""
    return {code[:n].ljust(12, "0") for n in (2, 4, 6, 9, 12)}


def visible_plans_filter(user, path: str = "") -> Q | None:
    """Which plans a user may read: plans of a jurisdiction inside theirs, or of one enclosing theirs.

    A township user reads their county's plan (the county figures are aggregates, not personal data); which
    township figures and records they see is decided per figure by ``indicators.selectors``. None: nothing.
    """
    prefix = scope_prefix(user)
    if prefix is None:
        return None
    if prefix == "":
        return Q()
    field = f"{path}jurisdiction"
    return Q(**{f"{field}__code__startswith": prefix}) | Q(**{f"{field}__in": enclosing_codes(user.jurisdiction_id)})


class PlanScopedQuerySet(models.QuerySet):
    """Rows reached through a plan: visible when the plan is (``visible_plans_filter``)."""

    plan_path = ""

    def for_user(self, user):
        condition = visible_plans_filter(user, self.plan_path)
        return self.none() if condition is None else self.filter(condition)


class PlanQuerySet(PlanScopedQuerySet):
    plan_path = ""


class PlanRowQuerySet(PlanScopedQuerySet):
    plan_path = "plan__"


class SnapshotQuerySet(PlanScopedQuerySet):
    plan_path = "row__plan__"


class IndicatorDefinition(models.Model):
    """What an indicator means, for display and history; its behaviour is the registered ``Computation``."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    flow = models.BooleanField(
        _("flow over the year"), default=False, help_text=_("Summed from 1 January to the as-of date.")
    )
    formula = models.TextField(_("formula in words"), blank=True)
    numerator = models.TextField(_("numerator"), blank=True)
    denominator = models.TextField(_("denominator"), blank=True)
    records = models.JSONField(_("records counted"), default=list, blank=True)
    manual_inputs = models.JSONField(_("manual figures read"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def computation(self):
        """The registered computation, or None while the owning app has not registered it yet."""
        from indicators import registry

        return registry.all_computations().get(self.code)

    @property
    def is_registered(self) -> bool:
        return self.computation is not None

    @property
    def records_text(self) -> str:
        return "；".join(self.records) if isinstance(self.records, list) else str(self.records or "")


class ManualInputType(models.Model):
    """A figure no register holds (统计局's consumption growth, a project's progress, a yes/no availability)."""

    code = models.CharField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=10, choices=ManualValueType.choices, default=ManualValueType.NUMBER
    )
    source = models.CharField(_("usual source"), max_length=300, blank=True)
    level = models.CharField(_("entered per"), max_length=10, choices=ManualLevel.choices, default=ManualLevel.COUNTY)
    period = models.CharField(_("period"), max_length=10, choices=ManualPeriod.choices, default=ManualPeriod.YEARLY)
    description = models.TextField(_("description"), blank=True)
    used_by = models.JSONField(_("used by definitions"), default=list, blank=True)

    class Meta:
        verbose_name = _("manual figure type")
        verbose_name_plural = _("manual figure types")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ManualInputQuerySet(ScopedQuerySet):
    def approved(self):
        return self.filter(status=ManualInputStatus.APPROVED)

    def effective_on(self, as_of: datetime.date):
        return self.filter(effective_on__lte=as_of)


class ManualInput(models.Model):
    """One entered figure for a region and period, with its evidence; only approved figures are used.

    Entered by county staff, approved by an admin who is not the enterer (four eyes), flagged "人工填报"
    wherever it is shown. A correction is a new input: approving it supersedes the previous one.
    """

    scope_field = "region__code"

    type = models.ForeignKey(ManualInputType, verbose_name=_("figure"), on_delete=models.PROTECT, related_name="inputs")
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(
        _("project or subject"),
        max_length=200,
        blank=True,
        help_text=_("For figures entered per project, e.g. 区殡仪馆改扩建工程."),
    )
    period_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    effective_on = models.DateField(
        _("applies from"), editable=False, help_text=_("The as-of date, or 31 December of the year.")
    )
    value = models.DecimalField(_("value"), null=True, blank=True, **DECIMAL)
    boolean_value = models.BooleanField(_("yes / no"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300)
    evidence = models.FileField(_("evidence file"), upload_to="indicators/evidence/%Y/", blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ManualInputStatus.choices, default=ManualInputStatus.DRAFT
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = ManualInputQuerySet.as_manager()

    class Meta:
        verbose_name = _("manual figure")
        verbose_name_plural = _("manual figures")
        ordering = ["type__code", "region_id", "-effective_on", "-approved_at"]
        permissions = [("approve_manualinput", _("Can approve manual figures"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_year__isnull=False) | Q(as_of__isnull=False),
                name="manualinput_has_period",
                violation_error_message=_("Give the year or the as-of date the figure is for."),
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(boolean_value__isnull=False),
                name="manualinput_has_value",
                violation_error_message=_("Enter the figure."),
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("entered_by")),
                name="manualinput_four_eyes",
                violation_error_message=_("A figure must be approved by someone other than who entered it."),
            ),
            models.UniqueConstraint(
                fields=["type", "region", "subject", "effective_on"],
                condition=Q(status=ManualInputStatus.APPROVED),
                name="manualinput_one_approved_per_period",
                violation_error_message=_("An approved figure for this region and period already exists."),
            ),
        ]

    def __str__(self) -> str:
        subject = f" · {self.subject}" if self.subject else ""
        return f"{self.type}{subject} · {self.region} · {self.period_label}"

    def save(self, *args, **kwargs):
        self.effective_on = self.compute_effective_on()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("indicators:manualinput_detail", args=[self.pk])

    def compute_effective_on(self) -> datetime.date | None:
        if self.as_of:
            return self.as_of
        if self.period_year:
            return datetime.date(self.period_year, 12, 31)
        return None

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.type_id:
            if self.type.value_type == ManualValueType.BOOLEAN and self.boolean_value is None:
                errors["boolean_value"] = _("Answer yes or no.")
            if self.type.value_type != ManualValueType.BOOLEAN and self.value is None:
                errors["value"] = _("Enter the figure.")
            if self.type.value_type == ManualValueType.PERCENT and self.value is not None:
                if not 0 <= self.value <= 100:
                    errors["value"] = _("A percentage lies between 0 and 100.")
        if self.period_year is None and self.as_of is None:
            errors["period_year"] = _("Give the year or the as-of date the figure is for.")
        if errors:
            raise ValidationError(errors)

    @property
    def period_label(self) -> str:
        if self.as_of:
            return cn_date(self.as_of)
        return f"{self.period_year}年"

    @property
    def numeric_value(self):
        """The figure as a number: a yes counts as 100 (% available), a no as 0."""
        from decimal import Decimal

        if self.boolean_value is not None:
            return Decimal(100) if self.boolean_value else Decimal(0)
        return self.value

    @property
    def display_value(self) -> str:
        if self.boolean_value is not None:
            return str(_("yes") if self.boolean_value else _("no"))
        if self.value is None:
            return "—"
        text = f"{self.value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text}{self.type.unit}" if self.type_id else text

    def get_additional_data(self) -> dict:
        return {"region": self.region_id}


class Plan(models.Model):
    """A jurisdiction's "十四五" civil-affairs plan: the indicator table as printed (fixtures/plans/<code>.yaml)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    jurisdiction = models.ForeignKey(
        Region, verbose_name=_("jurisdiction"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=300)
    title_note = models.CharField(_("title note"), max_length=300, blank=True)
    table_title = models.CharField(_("table title"), max_length=300, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    source_file = models.CharField(_("source file"), max_length=200, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), default=2025)
    reference_levels = models.JSONField(_("reference target levels"), default=list, blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    # A lock row against concurrent recomputes of the same plan (a conditional UPDATE works on SQLite and
    # PostgreSQL alike); a lock older than the timeout is taken over, so a killed worker cannot block forever.
    recompute_lock = models.CharField(_("recompute lock"), max_length=64, blank=True, editable=False)
    recompute_locked_at = models.DateTimeField(_("recompute locked at"), null=True, blank=True, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["code"]
        permissions = [("recompute_plan", _("Can recompute a plan's indicators"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:plan_detail", args=[self.code])

    @property
    def job_key_prefix(self) -> str:
        return f"{self.code}:"


class PlanRow(models.Model):
    """One row of a plan's indicator table, verbatim, mapped to a definition or to a manual figure."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="rows")
    order = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(_("number as printed"), max_length=10, blank=True)
    name = models.CharField(_("indicator as printed"), max_length=300)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    attribute = models.CharField(_("attribute as printed"), max_length=10, blank=True)
    binding = models.BooleanField(_("binding"), default=False)
    baseline_text = models.CharField(_("baseline as printed"), max_length=100, blank=True)
    baseline_value = models.DecimalField(_("baseline"), null=True, blank=True, **DECIMAL)
    baseline_source = models.CharField(
        _("baseline from"), max_length=10, choices=BaselineSource.choices, default=BaselineSource.TABLE, blank=True
    )
    target_text = models.CharField(_("target as printed"), max_length=100, blank=True)
    # "text": the operator and value are read from the plan's words, not a table cell (渠县 row 18 prints "—" but
    # is named "力争新建一个…"); the printed cell stays as printed and a note on the row says so.
    target_source = models.CharField(
        _("target from"), max_length=10, choices=BaselineSource.choices, default=BaselineSource.TABLE, blank=True
    )
    target_operator = models.CharField(
        _("target operator"), max_length=6, choices=TargetOperator.choices, blank=True, null=True
    )
    target_value = models.DecimalField(_("target"), null=True, blank=True, **DECIMAL)
    target_reference = models.ForeignKey(
        ManualInputType,
        verbose_name=_("reference figure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referencing_rows",
        help_text=_("For targets such as 不低于上年度居民人均消费支出增速."),
    )
    reference_targets = models.JSONField(_("city / province / national targets"), default=dict, blank=True)
    definition = models.ForeignKey(
        IndicatorDefinition,
        verbose_name=_("definition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rows",
    )
    manual_input_type = models.ForeignKey(
        ManualInputType,
        verbose_name=_("manual figure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rows",
    )
    scale = models.DecimalField(
        _("unit scale"),
        max_digits=20,
        decimal_places=4,
        default=1,
        help_text=_("The definition's value is divided by this for the row's unit (10000 for 万人)."),
    )
    manual_reason = models.TextField(_("why not computed"), blank=True)
    notes = models.JSONField(_("notes"), default=list, blank=True)

    objects = PlanRowQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan row")
        verbose_name_plural = _("plan rows")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="planrow_unique_order"),
            models.CheckConstraint(condition=Q(scale__gt=0), name="planrow_scale_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.order}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:row_detail", args=[self.plan.code, self.order])

    @property
    def is_manual(self) -> bool:
        return self.definition_id is None and self.manual_input_type_id is not None

    @property
    def has_target(self) -> bool:
        return self.target_operator is not None and (
            self.target_value is not None or self.target_operator == TargetOperator.REF_GE
        )


class Snapshot(models.Model):
    """A row's figure at an as-of date; unique per (row, as-of): a re-run overwrites it."""

    row = models.ForeignKey(PlanRow, verbose_name=_("plan row"), on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), null=True, blank=True, **DECIMAL)
    numerator = models.DecimalField(_("numerator"), null=True, blank=True, **DECIMAL)
    denominator = models.DecimalField(_("denominator"), null=True, blank=True, **DECIMAL)
    breakdown = models.JSONField(_("per township"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SnapshotStatus.choices)
    expected_value = models.DecimalField(_("expected by now"), null=True, blank=True, **DECIMAL)
    target_used = models.DecimalField(_("target compared with"), null=True, blank=True, **DECIMAL)
    is_manual = models.BooleanField(_("entered manually"), default=False)
    manual_inputs = models.JSONField(_("manual figures used"), default=list, blank=True)
    denominator_source = models.JSONField(
        _("denominator source"),
        default=dict,
        blank=True,
        help_text=_("For a denominator taken from a region statistic: the figure, year, level and source used."),
    )
    notes = models.JSONField(_("notes"), default=list, blank=True)
    definition_code = models.CharField(_("definition"), max_length=100, blank=True)
    definition_version = models.PositiveIntegerField(_("definition version"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"))
    job = models.ForeignKey(JobRun, verbose_name=_("job run"), null=True, blank=True, on_delete=models.SET_NULL)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["row", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["row", "as_of"], name="snapshot_unique_row_as_of")]
        indexes = [models.Index(fields=["row", "-as_of"], name="snapshot_row_as_of_idx")]

    def __str__(self) -> str:
        return f"{self.row} @ {self.as_of}"

    @property
    def uses_manual_figure(self) -> bool:
        """A manual figure went into this figure: the row's own, its reference target or a computation's input."""
        return self.is_manual or bool(self.manual_inputs)

    @property
    def denominator_source_text(self) -> str:
        from indicators.registry import denominator_source_text

        return denominator_source_text(self.denominator_source)


class EvaluationReportQuerySet(models.QuerySet):
    """Reports are visible to viewers whose jurisdiction contains the plan's (county roles and wider), never to a
    township user: a report prints every township's figures (docs/decisions/0008), unlike the dashboard, which shows
    a township user only their own township beside the county (docs/decisions/0003)."""

    def for_user(self, user):
        prefix = scope_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == "":
            return self
        return self.filter(plan__jurisdiction__code__startswith=prefix)

    def unfinished(self):
        return self.filter(status__in=ReportStatus.unfinished())


def report_upload_to(report: EvaluationReport, filename: str) -> str:
    # One file per issued version, never reused: an issued PDF is never overwritten (docs/decisions/0008).
    return f"indicators/reports/{report.plan.code}/{report.as_of:%Y%m%d}-{report.kind}-v{report.version}-{filename}"


class EvaluationReport(models.Model):
    """A mid-term or final evaluation report of a plan at an as-of date, rendered to PDF (DESIGN §5, decision 0008).

    ``frozen`` holds everything the PDF shows, copied from the snapshots at issue time: snapshots are overwritten by
    a re-run for the same date, so an issued PDF is re-verified against this copy and its ``sha256``, never against
    the live snapshots. Issuing again for the same plan, date and kind makes a new version; old versions stay.
    """

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reports")
    as_of = models.DateField(_("as of"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.MIDTERM)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    frozen = models.JSONField(_("frozen content"), default=dict, blank=True, editable=False)
    pdf = models.FileField(_("PDF file"), upload_to=report_upload_to, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    byte_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    objects = EvaluationReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation report")
        verbose_name_plural = _("evaluation reports")
        ordering = ["plan", "-as_of", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "as_of", "kind", "version"],
                name="evaluationreport_unique_version",
                violation_error_message=_("This version of the report already exists."),
            ),
            # A double click (or two colleagues at once) queues one report: at most one unfinished per plan, date
            # and kind; the service returns the unfinished one instead of queueing another.
            models.UniqueConstraint(
                fields=["plan", "as_of", "kind"],
                condition=Q(status__in=["queued", "rendering"]),
                name="evaluationreport_one_unfinished",
                violation_error_message=_("A report for this plan, date and kind is already being generated."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(pdf="") & ~Q(sha256="")),
                name="evaluationreport_done_has_file",
                violation_error_message=_("An issued report has its file and hash."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.title}{self.get_kind_display()}报告（{self.as_of_label}，第{self.version}版）"

    def get_absolute_url(self) -> str:
        return reverse("indicators:report_detail", args=[self.pk])

    @property
    def as_of_label(self) -> str:
        return cn_date(self.as_of)

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ReportStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(self.progress_done * 100 / self.progress_total))

    @property
    def download_name(self) -> str:
        return f"{self.plan.title}{self.get_kind_display()}报告（{self.as_of_label}）第{self.version}版.pdf"
