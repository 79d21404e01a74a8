from django.db.models import Count

from outbox.enums import MessageStatus
from outbox.models import OutboxMessage


def _mails(conference, batch: str):
    mails = OutboxMessage.objects.filter(conference=conference)
    return mails.filter(batch=batch) if batch else mails


def status_counts(conference, *, batch: str = "") -> dict[str, int]:
    """How many of the conference's mails (or of one batch) are in each status, every status present."""
    counted = dict(_mails(conference, batch).values_list("status").annotate(count=Count("pk")))
    return {status: counted.get(status, 0) for status in MessageStatus.values}


def failed_messages(conference, *, batch: str = ""):
    return _mails(conference, batch).filter(status=MessageStatus.FAILED).order_by("-created_at")
