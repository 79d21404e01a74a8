"""Mail that the events app sends. Every message is sent after the transaction that caused it commits.

The transactional outbox (issue 4) will take these over; until then they go straight to Django's
mail backend, which on a laptop writes them to var/mail/.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import ConferenceMembership


def send_team_invitation(membership: ConferenceMembership, *, invited_by, new_account: bool) -> None:
    user = membership.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            "membership": membership,
            "conference": membership.conference,
            "invited_by": invited_by,
            "new_account": new_account,
            "workspace_url": settings.SITE_URL
            + reverse("events:manage-dashboard", kwargs={"slug": membership.conference.slug}),
            "login_code_url": settings.SITE_URL + reverse("account_request_login_code"),
            "SITE_NAME": settings.SITE_NAME,
        }
        subject = render_to_string("events/mail/team_invitation_subject.txt", context).strip()
        body = render_to_string("events/mail/team_invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
