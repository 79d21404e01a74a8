"""Mail of the proceedings that is not about documents: a delegate hears how their amendment went."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from common.site_urls import absolute_url
from outbox.rendering import render_mail
from outbox.services import queue_mail


def send_amendment_outcome(amendment) -> bool:
    """Tell the delegate who proposed the amendment what the conference decided, once per decision."""
    user = amendment.proposed_by
    if user is None or not user.email:
        return False
    declaration = amendment.declaration
    conference = declaration.conference
    language = user.language or (conference.working_languages or [settings.LANGUAGE_CODE])[0]
    url = absolute_url(
        reverse("proceedings:declaration-detail", kwargs={"slug": conference.slug, "pk": declaration.pk})
    )
    with translation.override(language):
        context = {
            "amendment": amendment,
            "declaration": declaration,
            "name": amendment.proposer_name,
            "url": url,
        }
        subject, text = render_mail("proceedings/mail/amendment_outcome", context)
    queue_mail(
        to=user.email,
        to_name=amendment.proposer_name,
        subject=subject,
        text=text,
        language=language,
        sender_name=conference.mail_sender,
        reply_to=conference.mail_reply_addresses,
        idempotency_key=f"amendment:{amendment.pk}:outcome:{amendment.outcome}:{amendment.decided_at.isoformat()}",
        conference=conference,
        about=amendment,
    )
    return True
