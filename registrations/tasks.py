from celery import shared_task

from registrations.services import digests


@shared_task(name="registrations.send_due_digests")
def task_send_due_digests() -> int:
    """Run by beat every minute: the team members' daily digests whose hour has come."""
    return len(digests.send_due_digests())
