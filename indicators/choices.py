"""Choices of the indicators app. English values, Chinese labels through the zh_Hans catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Kind and Direction live in indicators.registry (the computation contract); re-exported for one import site.
from indicators.registry import Direction, Kind

__all__ = [
    "BaselineSource",
    "Direction",
    "FigureSource",
    "Kind",
    "ManualInputStatus",
    "ManualLevel",
    "ManualPeriod",
    "ManualValueType",
    "ReportKind",
    "ReportStatus",
    "SnapshotStatus",
    "TargetOperator",
]


class TargetOperator(models.TextChoices):
    """How a 2025 target is to be met.

    "ref>=" means "不低于" a figure entered manually, e.g. 不低于上年度居民人均消费支出增速.
    """

    GE = ">=", "≥"
    LE = "<=", "≤"
    GT = ">", ">"
    LT = "<", "<"
    EQ = "=", "="
    REF_GE = "ref>=", _("not lower than a reference figure")


class BaselineSource(models.TextChoices):
    TABLE = "table", _("the plan's table")
    TEXT = "text", _("the plan's text")


class FigureSource(models.TextChoices):
    """Where a figure comes from, in the bureau's fixed terms, on every surface (table, row page, JSON, Excel)."""

    MANUAL = "manual", "人工填报"
    HYBRID = "hybrid", "系统计算＋人工填报"  # computed from records with a manual figure (reference, progress…)
    COMPUTED = "computed", "系统计算"
    NONE = "none", "未计算"


class SnapshotStatus(models.TextChoices):
    """Progress of a row at an as-of date against the straight line from baseline to target (docs/decisions/0003)."""

    MET = "met", _("Target met")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    NO_DATA = "no_data", _("No data")
    NO_TARGET = "no_target", _("No target in the plan")


class ManualInputStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")
    REJECTED = "rejected", _("Rejected")


class ManualPeriod(models.TextChoices):
    YEARLY = "yearly", _("per year")
    QUARTERLY = "quarterly", _("per quarter")
    MONTHLY = "monthly", _("per month")
    AS_OF = "as_of", _("as of a date")


class ManualLevel(models.TextChoices):
    """Where a figure is entered: per county, township or village, or per project (a construction project)."""

    COUNTY = "county", _("county")
    TOWNSHIP = "township", _("township")
    VILLAGE = "village", _("village or community")
    PROJECT = "project", _("project")


class ManualValueType(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENT = "percent", _("Percentage")
    BOOLEAN = "boolean", _("Yes / no")


class ReportKind(models.TextChoices):
    """Which evaluation a report is: the plan's mid-term review or its final one (DESIGN §5 Evaluation report)."""

    MIDTERM = "midterm", "中期评估"
    FINAL = "final", "终期评估"


class ReportStatus(models.TextChoices):
    """An evaluation report's rendering: queued → rendering → done | failed (docs/decisions/0008)."""

    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    DONE = "done", _("Issued")
    FAILED = "failed", _("Failed")

    @classmethod
    def unfinished(cls) -> list[str]:
        return [cls.QUEUED, cls.RENDERING]
