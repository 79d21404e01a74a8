from django.conf import settings
from django.core.management.base import BaseCommand

from events import demo


class Command(BaseCommand):
    help = "Load the reference conference of DESIGN.md as demo data. Safe to run again: it updates in place."

    def handle(self, *args, **options) -> None:
        data = demo.seed_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {data.conference.title}"))
        self.stdout.write(f"  Conference: {settings.SITE_URL}{data.conference.get_absolute_url()}")
        self.stdout.write(f"  Sign in at {settings.SITE_URL}/accounts/login/ as the demo organizer:")
        self.stdout.write(f"    email    {demo.DEMO_ORGANIZER_EMAIL}")
        self.stdout.write(f"    password {demo.DEMO_ORGANIZER_PASSWORD}")
