from django.core.management.base import BaseCommand

from civilaffairs.reference import loaders


class Command(BaseCommand):
    help = "Load reference data (regions, assistance standards, plans) from fixtures/; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="loader names to run (default: all)")

    def handle(self, *args, only=None, **options):
        for loader in loaders():
            if only and loader.name not in only:
                continue
            summary = loader.func(self.stdout)
            self.stdout.write(self.style.SUCCESS(f"{loader.name}: {summary}"))
