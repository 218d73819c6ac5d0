import datetime
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from civilaffairs.choices import Role
from civilaffairs.models import User
from indicators.choices import ReportKind, ReportStatus
from indicators.models import Plan
from indicators.services import evaluation_report_render, evaluation_report_request


class Command(BaseCommand):
    help = (
        "Issue a plan's evaluation report now, in this process (the same code as the Celery task), and write the PDF "
        "to --out; the report is recorded like one issued from the page (a new version, frozen figures, hash)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="plan code, e.g. fengjie-14")
        parser.add_argument("--as-of", dest="as_of", required=True, help="YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="where to write the PDF")
        parser.add_argument("--kind", choices=["midterm", "final"], default=ReportKind.MIDTERM)
        parser.add_argument(
            "--user",
            help="username recorded as requester (default: the first active admin of the plan's jurisdiction)",
        )

    def handle(self, *args, plan, as_of, out, kind, user=None, **options):
        try:
            date = datetime.date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {as_of!r}") from None
        item = Plan.objects.select_related("jurisdiction").filter(code=plan).first()
        if item is None:
            known = ", ".join(Plan.objects.values_list("code", flat=True)) or "none loaded"
            raise CommandError(f"No plan {plan!r} (known: {known}); run load_reference first.")
        actor = self._actor(item, user)
        try:
            report, created = evaluation_report_request(actor=actor, plan=item, as_of=date, kind=kind, queue=False)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from None
        if not created:
            raise CommandError(
                f"report {report.pk} for {plan} as of {date} ({kind}) is already {report.status}; wait for it to finish"
            )
        try:
            report = evaluation_report_render(report_id=report.pk)
        except Exception as exc:
            raise CommandError(f"report {report.pk} failed: {exc}") from None
        if report.status != ReportStatus.DONE:  # pragma: no cover - a worker took it meanwhile
            raise CommandError(f"report {report.pk} is {report.status}")
        target = Path(out)
        with report.pdf.open("rb") as handle:
            target.write_bytes(handle.read())
        self.stdout.write(
            self.style.SUCCESS(
                f"{target}: report {report.pk} (version {report.version}), {report.page_count} pages, "
                f"{report.byte_size} bytes, sha256 {report.sha256}"
            )
        )

    def _actor(self, plan: Plan, username: str | None) -> User:
        users = User.objects.filter(is_active=True)
        if username:
            actor = users.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No active user {username!r}.")
            return actor
        actor = (
            users.filter(role=Role.ADMIN, jurisdiction__code=plan.jurisdiction_id).order_by("pk").first()
            or users.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError("No admin of the plan's jurisdiction to record as requester; pass --user.")
        return actor
