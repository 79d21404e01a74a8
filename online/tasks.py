from celery import shared_task

from online import services


@shared_task(name="online.send_due_start_reminders")
def task_send_due_start_reminders() -> int:
    """Run by beat every minute: the reminders before a conference's start whose time has come."""
    return len(services.send_due_start_reminders())
