"""The Celery application: broker, serializers and reliability come from settings (CELERY_*)."""

import os
import socket

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("zimmerwald")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping", ignore_result=False)
def ping(*, nonce: str) -> dict:
    """Answer with the nonce and the worker's host, so that a health check sees a real round trip."""
    return {"nonce": nonce, "host": socket.gethostname()}
