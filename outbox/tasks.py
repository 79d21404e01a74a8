"""The hand-over to the workers and the Celery tasks that run the delivery (outbox.delivery)."""

import logging

from celery import shared_task
from django.utils import timezone

from outbox import delivery, webhooks

logger = logging.getLogger("outbox")

BATCH_SIZE = 50
FAN_OUT_ABOVE = 4 * BATCH_SIZE


def enqueue_delivery(message_ids: list[int]) -> None:
    """Hand the rows to the workers, BATCH_SIZE to a task so that each task reuses one SMTP connection.

    A large hand-over (a campaign) is one task that a worker splits, so that the request that
    queued the mail publishes one message to the broker instead of hundreds.
    """
    try:
        if len(message_ids) > FAN_OUT_ABOVE:
            task_fan_out.delay(message_ids=list(message_ids))
        else:
            fan_out(message_ids)
    except Exception:  # the broker is down: the rows stay queued and the sweep sends them
        logger.exception("Could not enqueue outbox delivery; the sweep will pick the rows up")


def fan_out(message_ids: list[int]) -> None:
    """One delivery task per BATCH_SIZE rows (run in a worker for a large hand-over)."""
    for start in range(0, len(message_ids), BATCH_SIZE):
        task_deliver.delay(message_ids=message_ids[start : start + BATCH_SIZE])


def sweep(*, now=None) -> list[int]:
    """Re-enqueue what the queue lost: due rows, and rows a dead worker left in SENDING.

    Runs from Celery beat every minute; a Redis outage or a killed worker delays mail but loses none.
    """
    due = delivery.due_after_releasing_stale(now=now or timezone.now())
    if due:
        enqueue_delivery(due)
    return due


@shared_task(bind=True, acks_late=True, name="outbox.deliver")
def task_deliver(self, *, message_ids: list[int]) -> None:
    """Send these outbox rows; a row already taken or done is skipped, so redelivery sends nothing twice.

    Rows that hit a transient error are retried after their backoff; the beat sweep is the safety net.
    """
    retries = delivery.deliver(message_ids)
    for message_id, delay in retries.items():
        task_deliver.apply_async(kwargs={"message_ids": [message_id]}, countdown=delay)


@shared_task(bind=True, acks_late=True, name="outbox.fan_out")
def task_fan_out(self, *, message_ids: list[int]) -> None:
    """Split a campaign's hand-over into delivery tasks; a redelivered one only queues rows twice,
    and delivery skips a row that is already taken or sent."""
    fan_out(message_ids)


@shared_task(name="outbox.sweep")
def task_sweep() -> int:
    """Re-enqueue due rows and rows left SENDING by a worker that died."""
    return len(sweep())


def enqueue_webhooks(delivery_ids: list[int]) -> None:
    try:
        for start in range(0, len(delivery_ids), BATCH_SIZE):
            task_deliver_webhooks.delay(delivery_ids=delivery_ids[start : start + BATCH_SIZE])
    except Exception:  # the broker is down: the rows stay queued and the sweep sends them
        logger.exception("Could not enqueue webhook deliveries; the sweep will pick the rows up")


@shared_task(bind=True, acks_late=True, name="outbox.deliver_webhooks")
def task_deliver_webhooks(self, *, delivery_ids: list[int]) -> None:
    """POST these deliveries; one already taken or done is skipped: a redelivered task posts none twice."""
    retries = webhooks.deliver_webhooks(delivery_ids)
    for delivery_id, delay in retries.items():
        task_deliver_webhooks.apply_async(kwargs={"delivery_ids": [delivery_id]}, countdown=delay)


@shared_task(name="outbox.sweep_webhooks")
def task_sweep_webhooks() -> int:
    due = webhooks.due_webhook_deliveries(now=timezone.now())
    if due:
        enqueue_webhooks(due)
    return len(due)
