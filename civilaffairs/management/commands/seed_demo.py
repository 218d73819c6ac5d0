import datetime
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from civilaffairs.demo import DemoContext, seeders


class Command(BaseCommand):
    help = "Create realistic synthetic demo records for the demo jurisdictions (奉节县 first); prints the logins."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="grow the records (e.g. 60 ≈ a real county)")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--force", action="store_true", help="seed even if demo users already exist")
        parser.add_argument("--only", nargs="*", help="seeder names to run")

    def handle(self, *args, scale, seed, force, only, **options):
        from civilaffairs.demo_data import demo_logins
        from civilaffairs.models import Region, User

        if not settings.DEBUG and not force:
            raise CommandError("seed_demo creates fake people; it runs only with DEBUG on (or --force).")
        if not Region.objects.filter(code="500236000000").exists():
            raise CommandError("Load the reference data first: python manage.py load_reference")
        if User.objects.filter(username="yongan").exists() and not force and not only:
            self.stdout.write("Demo data already present; nothing seeded (use --force to add more).")
        else:
            ctx = DemoContext(rng=random.Random(seed), scale=scale, today=datetime.date.today(), stdout=self.stdout)
            for seeder in seeders():
                if only and seeder.name not in only:
                    continue
                with transaction.atomic():
                    summary = seeder.func(ctx)
                self.stdout.write(self.style.SUCCESS(f"{seeder.name}: {summary}"))
        self.stdout.write("\nDemo logins (演示账号):")
        for username, password, label in demo_logins():
            self.stdout.write(f"  {username:<16} {password:<12} {label}")
