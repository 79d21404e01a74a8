from celery import shared_task

from events.services import campaigns


@shared_task(name="events.send_due_reminders")
def task_send_due_reminders() -> int:
    """Run by beat every minute: the campaign reminders whose time has come."""
    return len(campaigns.send_due_reminders())
