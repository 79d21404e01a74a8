from datetime import date, timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from events.enums import ConferenceStatus, OrganizationKind, TeamRole
from events.models import Conference, ConferenceMembership, Organization, PreparatoryMeeting

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
    status = "confirmed"
