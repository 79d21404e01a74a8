"""The reference conference of DESIGN.md as demo data. Every function here is idempotent."""

from dataclasses import dataclass
from datetime import date

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from events.enums import ConferenceStatus
from events.models import Conference

DEMO_ORGANIZER_EMAIL = "organizer@example.org"
DEMO_ORGANIZER_PASSWORD = "zimmerwald-demo"  # noqa: S105 - printed on purpose: demo data only
REFERENCE_SLUG = "international-conference-2022"


@dataclass(frozen=True)
class DemoData:
    organizer: User
    conference: Conference


def ensure_demo_organizer() -> User:
    """The demo organizer account, with a verified primary address so that it can sign in at once."""
    user, _created = User.objects.update_or_create(
        email=DEMO_ORGANIZER_EMAIL,
        defaults={"full_name": "Demo Organizer", "language": "en", "timezone": "Europe/Istanbul"},
    )
    if not user.check_password(DEMO_ORGANIZER_PASSWORD):
        user.set_password(DEMO_ORGANIZER_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_ORGANIZER_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_reference_conference() -> Conference:
    """The two-day international conference of 25 and 26 June 2022.

    It was decided at a preparatory meeting on 22 May 2022 and announced by an invitation
    on 1 June 2022; those are added by the issues that bring meetings and invitations.
    """
    conference, _created = Conference.objects.update_or_create(
        slug=REFERENCE_SLUG,
        defaults={
            "title": "International Conference against the War",
            "starts_on": date(2022, 6, 25),
            "ends_on": date(2022, 6, 26),
            "timezone": "Europe/Istanbul",
            "status": ConferenceStatus.PUBLISHED,
        },
    )
    return conference


@transaction.atomic
def seed_demo() -> DemoData:
    return DemoData(organizer=ensure_demo_organizer(), conference=ensure_reference_conference())
