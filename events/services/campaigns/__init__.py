"""Campaigns: a message per language (messages), who receives it (recipients), the sending that turns
each recipient into an invitation (sending), and the reminders to those who have not answered
(reminders). The names callers use are gathered here."""

from events.services.campaigns.messages import (
    PLACEHOLDERS,
    Preview,
    UnknownPlaceholder,
    check_message,
    fill,
    placeholders_in,
    preview,
    save_message,
)
from events.services.campaigns.recipients import (
    AddReport,
    RecipientImport,
    add_from_directory,
    directory_matches,
    import_recipients,
    remove_recipient,
)
from events.services.campaigns.reminders import (
    cancel_reminder,
    remind_now,
    schedule_reminder,
    send_due_reminders,
    send_reminder,
)
from events.services.campaigns.sending import SendReport, send_campaign

__all__ = [
    "PLACEHOLDERS",
    "AddReport",
    "Preview",
    "RecipientImport",
    "SendReport",
    "UnknownPlaceholder",
    "add_from_directory",
    "cancel_reminder",
    "check_message",
    "directory_matches",
    "fill",
    "import_recipients",
    "placeholders_in",
    "preview",
    "remind_now",
    "remove_recipient",
    "save_message",
    "schedule_reminder",
    "send_campaign",
    "send_due_reminders",
    "send_reminder",
]
