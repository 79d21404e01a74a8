from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from events.enums import ConferenceStatus, OrganizationKind, RecipientSource, TeamRole
from events.models import (
    Campaign,
    CampaignMessage,
    CampaignRecipient,
    Conference,
    ConferenceMembership,
    ConferenceOrganizer,
    Invitation,
    MeetingParticipant,
    Organization,
    PreparatoryMeeting,
)
from online.models import BigBlueButtonServer, StartReminder
from outbox.models import OutboxMessage
from proceedings.models import Statement
from program.models import InterpretationChannel, Room, Session, SessionPerson, Star, Track
from registrations.enums import RegistrationStatus
from registrations.models import DelegationQuota

PASSWORD = "a-long-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """A verified primary address, as allauth needs for sign-in; pass verified=False to skip."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)

    @factory.post_generation
    def may_create_conferences(user, create, extracted, **kwargs):
        """Pass may_create_conferences=True for an account that site staff allowed to create conferences."""
        if create and extracted:
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label="events", codename="add_conference")
            )


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    title = factory.Sequence(lambda n: f"International Conference {n}")
    slug = factory.Sequence(lambda n: f"conference-{n}")
    starts_on = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda conference: conference.starts_on + timedelta(days=1))
    timezone = "Europe/Istanbul"
    status = ConferenceStatus.PUBLISHED


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = OrganizationKind.ORGANIZATION
    country = "IT"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceMembership

    conference = factory.SubFactory(ConferenceFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamRole.ORGANIZER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreparatoryMeeting

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Preparatory meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration written directly, without the seat rules; tests of those use the services."""

    class Meta:
        model = "registrations.Registration"

    conference = factory.SubFactory(ConferenceFactory)
    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    country = "FR"
    language = "en"
    status = RegistrationStatus.CONFIRMED


class ConferenceOrganizerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceOrganizer

    conference = factory.SubFactory(ConferenceFactory)
    organization = factory.SubFactory(OrganizationFactory)
    position = factory.Sequence(lambda n: n)


class MeetingParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingParticipant

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation without its personal link; tests of the link use events.services.invitations."""

    class Meta:
        model = Invitation

    conference = factory.SubFactory(ConferenceFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    name = factory.Faker("name")
    language = "en"
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Call {n}")
    default_language = "en"


class CampaignMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignMessage

    campaign = factory.SubFactory(CampaignFactory)
    language = "en"
    subject = "Invitation to {conference}"
    body = "Dear {name}, join us: {link}"


class CampaignRecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignRecipient

    campaign = factory.SubFactory(CampaignFactory)
    email = factory.Sequence(lambda n: f"recipient{n}@example.org")
    name = factory.Faker("name")
    language = "en"
    source = RecipientSource.UPLOAD


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Room {n}")


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Track {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A session written directly, on the conference's first day; tests of its rules use program.services."""

    class Meta:
        model = Session

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(
        lambda session: (
            timezone.make_aware(
                timezone.datetime.combine(session.conference.starts_on, timezone.datetime.min.time())
            )
            + timedelta(hours=9)
        )
    )
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=1))
    room = factory.SubFactory(RoomFactory, conference=factory.SelfAttribute("..conference"))


class InterpretationChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterpretationChannel

    session = factory.SubFactory(SessionFactory)
    language = "ar"
    link = factory.Sequence(lambda n: f"https://meet.example.org/channel-{n}")


class SessionPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionPerson

    session = factory.SubFactory(SessionFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"speaker{n}@example.org")


class StarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Star

    user = factory.SubFactory(UserFactory)
    session = factory.SubFactory(SessionFactory)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Statement {n}")
    body = "We stand together."
    language = "en"
    published_on = factory.LazyFunction(date.today)


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A queued row written directly; tests of queueing use outbox.services.queue_mail."""

    class Meta:
        model = OutboxMessage

    recipient = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    subject = "A mail"
    body_text = "Hello."
    idempotency_key = factory.Sequence(lambda n: f"test:{n}")
    message_id = factory.Sequence(lambda n: f"<test-{n}@example.org>")


class BigBlueButtonServerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BigBlueButtonServer

    conference = factory.SubFactory(ConferenceFactory)
    api_url = "https://bbb.example.org/bigbluebutton/api/"
    secret = factory.Sequence(lambda n: f"shared-secret-{n}")


class StartReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartReminder

    conference = factory.SubFactory(ConferenceFactory)
    minutes_before = 24 * 60


class DelegationQuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationQuota

    conference = factory.SubFactory(ConferenceFactory)
    organization_kind = OrganizationKind.PARTY
    seats = 5
