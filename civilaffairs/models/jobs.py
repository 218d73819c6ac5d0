"""Long-running work (imports, recomputes, rolls, reports) recorded with visible progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from civilaffairs.choices import JobStatus
from civilaffairs.scoping import ScopedQuerySet

from .regions import Region


class JobRun(models.Model):
    """One run of a background job, per (job, business key): what the progress bar and the dashboard show."""

    scope_field = "region__code"

    job = models.CharField(_("job"), max_length=80, db_index=True)
    key = models.CharField(_("business key"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["job", "key", "-created_at"], name="jobrun_job_key_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(self.progress_done * 100 / self.progress_total))

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class WorkCalendarDay(models.Model):
    """A day whose working status differs from the built-in calendar.

    chinese-calendar knows the State Council's holiday schedule only up to the year of its release; the
    schedule for the next year is published each November–December. Admins enter it here (or a local
    adjustment), and these rows win over the library.
    """

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.note}"
