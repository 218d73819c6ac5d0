from django.core.management.base import BaseCommand

from civilaffairs.bench import BenchContext, benchmarks


class Command(BaseCommand):
    help = "Run the benchmarks at county scale and print the numbers (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the real county scale of DESIGN §7")
        parser.add_argument("--only", nargs="*")

    def handle(self, *args, scale, only, **options):
        ctx = BenchContext(scale=scale)
        for bench in benchmarks():
            if only and bench.name not in only:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {bench.name}"))
            start = len(ctx.results)
            bench.func(ctx)
            for label, value, unit in ctx.results[start:]:
                self.stdout.write(f"  {label:<60} {value:>12,.1f} {unit}")
