from celery import shared_task

from outbox import services


@shared_task(bind=True, acks_late=True, name="outbox.deliver")
def task_deliver(self, *, message_ids: list[int]) -> None:
    """Send these outbox rows; a row already taken or done is skipped, so redelivery sends nothing twice.

    Rows that hit a transient error are retried after their backoff; the beat sweep is the safety net.
    """
    retries = services.deliver(message_ids)
    for message_id, delay in retries.items():
        task_deliver.apply_async(kwargs={"message_ids": [message_id]}, countdown=delay)


@shared_task(bind=True, acks_late=True, name="outbox.fan_out")
def task_fan_out(self, *, message_ids: list[int]) -> None:
    """Split a campaign's hand-over into delivery tasks; a redelivered one only queues rows twice,
    and delivery skips a row that is already taken or sent."""
    services.fan_out(message_ids)


@shared_task(name="outbox.sweep")
def task_sweep() -> int:
    """Re-enqueue due rows and rows left SENDING by a worker that died."""
    return len(services.sweep())
