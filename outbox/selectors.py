from django.db.models import Count

from outbox.enums import MessageStatus
from outbox.models import OutboxMessage


def status_counts(conference) -> dict[str, int]:
    """How many of the conference's mails are in each status, every status present."""
    counted = dict(
        OutboxMessage.objects.filter(conference=conference).values_list("status").annotate(count=Count("pk"))
    )
    return {status: counted.get(status, 0) for status in MessageStatus.values}


def failed_messages(conference):
    return OutboxMessage.objects.filter(conference=conference, status=MessageStatus.FAILED).order_by(
        "-created_at"
    )
