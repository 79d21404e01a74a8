"""Personal links in mail: the one place that knows which kinds of mail carry one and how to make it again.

A mail's token is blanked from its stored copy once the mail reaches an end (sent or failed). A failed
mail retried later needs a working link again: a fresh token for the same registration or invitation,
made by the helper that made the first one.
"""

from django.db import models

REDACTED = "[redacted]"


def fresh_token(about: models.Model | None) -> str | None:
    """A new personal token for the registration or invitation a mail is about, saved (only its hash
    is stored); None for any other kind of mail, whose link cannot be made again."""
    # Imported here: registrations and events send their mail through the outbox, which sits below them.
    from events.models import Invitation
    from registrations.models import Registration

    if isinstance(about, Registration):
        from registrations.services import new_link

        return new_link(about)
    if isinstance(about, Invitation):
        from events.services.invitations import new_link

        token, link = new_link(about)
        link.save()
        return token
    return None
