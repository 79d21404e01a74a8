"""Mail that the events app sends, always through the outbox and inside the caller's transaction."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import ConferenceMembership
from outbox.services import queue_mail


def send_team_invitation(membership: ConferenceMembership, *, invited_by, new_account: bool):
    """Tell a person they are on a conference's team, in their language, once per membership."""
    user, conference = membership.user, membership.conference
    language = user.language or settings.LANGUAGE_CODE
    dashboard = reverse("events:manage-dashboard", kwargs={"slug": conference.slug})
    with translation.override(language):
        context = {
            "membership": membership,
            "conference": conference,
            "invited_by": invited_by,
            "new_account": new_account,
            "workspace_url": settings.SITE_URL + dashboard,
            "login_code_url": settings.SITE_URL + reverse("account_request_login_code"),
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string("events/mail/team_invitation_subject.txt", context).strip()
        text = render_to_string("events/mail/team_invitation.txt", context)
    return queue_mail(
        to=user.email,
        to_name=user.full_name,
        subject=subject,
        text=text,
        language=language,
        sender_name=conference.title,
        reply_to=[invited_by.email],
        idempotency_key=f"team-invitation:{membership.pk}",
        conference=conference,
        about=membership,
    )
