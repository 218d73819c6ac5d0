import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from indicators.models import Plan
from indicators.services import RecomputeLocked, plan_recompute


class Command(BaseCommand):
    help = "Recompute the plans' indicator snapshots now (the nightly job, on demand); safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="plan code (default: every plan)")
        parser.add_argument("--as-of", dest="as_of", help="YYYY-MM-DD (default: today)")

    def handle(self, *args, plan=None, as_of=None, **options):
        try:
            date = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of must be a date as YYYY-MM-DD, not {as_of!r}") from None
        plans = Plan.objects.select_related("jurisdiction").order_by("code")
        if plan:
            plans = plans.filter(code=plan)
            if not plans.exists():
                known = ", ".join(Plan.objects.values_list("code", flat=True)) or "none loaded"
                raise CommandError(f"No plan {plan!r} (known: {known}); run load_reference first.")
        failed = []
        for item in plans:
            try:
                job = plan_recompute(plan=item, as_of=date)
            except RecomputeLocked:
                failed.append(item.code)
                self.stderr.write(f"{item.code}: another recompute of this plan is running; skipped.")
                continue
            except Exception as exc:
                failed.append(item.code)
                self.stderr.write(f"{item.code}: failed, previous snapshots unchanged: {exc}")
                continue
            statuses = ", ".join(f"{k} {v}" for k, v in sorted(job.result.get("statuses", {}).items()))
            self.stdout.write(self.style.SUCCESS(f"{item.code} as of {date}: {job.result['rows']} rows ({statuses})"))
        if failed:
            raise CommandError(f"failed: {', '.join(failed)}")
