from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import conference as demo


class Command(BaseCommand):
    help = "Load the reference conference of DESIGN.md as demo data. Safe to run again: it updates in place."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale", type=int, metavar="N",
            help="Also create or refresh the conference scale-N, with 5N registrations from 60 countries.",
        )  # fmt: skip

    def handle(self, *args, scale: int | None = None, **options) -> None:
        if scale is not None:
            if not 1 <= scale <= 100_000:
                raise CommandError("--scale must be between 1 and 100000.")
            conference = demo.seed_scale(scale)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Scale conference ready: {settings.SITE_URL}{conference.get_absolute_url()}"
                )
            )
        data = demo.seed_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {data.conference.title}"))
        self.stdout.write(f"  Conference: {settings.SITE_URL}{data.conference.get_absolute_url()}")
        self.stdout.write(f"  Sign in at {settings.SITE_URL}/accounts/login/ as the demo organizer:")
        self.stdout.write(f"    email    {demo.DEMO_ORGANIZER_EMAIL}")
        self.stdout.write(f"    password {demo.DEMO_ORGANIZER_PASSWORD}")
