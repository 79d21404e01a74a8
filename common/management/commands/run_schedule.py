"""Run the periodic tasks of CELERY_BEAT_SCHEDULE in this process, for an install without Redis and
so without Celery beat (`make run`): the outbox sweep and the campaign reminders still happen."""

import time

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the periodic tasks (Celery beat's schedule) in this process, for a site without Redis."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task once, then stop.")

    def handle(self, *args, once: bool = False, **options) -> None:
        current_app.loader.import_default_modules()  # the apps' tasks, as a worker would find them
        schedule = settings.CELERY_BEAT_SCHEDULE
        next_run = dict.fromkeys(schedule, 0.0)
        while True:
            now = time.monotonic()
            for name, entry in schedule.items():
                if now >= next_run[name]:
                    result = current_app.tasks[entry["task"]].apply().get(propagate=False)
                    self.stdout.write(f"{entry['task']}: {result}")
                    next_run[name] = now + float(entry["schedule"])
            if once:
                return
            time.sleep(max(1.0, min(next_run.values()) - time.monotonic()))
