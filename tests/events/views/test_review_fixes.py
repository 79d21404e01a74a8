"""The defects an independent review of the workspace found, each reproduced and kept fixed."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from events.enums import ConferenceStatus, TeamRole
from outbox.delivery import deliver
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from outbox.services import queue_mail
from tests.factories import ConferenceFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    membership = MembershipFactory(role=TeamRole.OWNER, conference__timezone="Asia/Tokyo")
    client.force_login(membership.user)
    return membership


def test_a_new_co_organizer_named_like_a_directory_entry_is_a_form_error_not_a_crash(client, owner):
    OrganizationFactory(name="Party A", country="DE")

    response = client.post(
        reverse("events:manage-co-organizer-add", kwargs={"slug": owner.conference.slug}),
        {"new_name": "party  a.", "new_kind": "party", "new_country": "DE"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["new_name"]


@pytest.mark.parametrize("moment", ["0001-01-01T05:00", "9999-12-31T23:00"])
def test_a_meeting_at_the_edge_of_the_calendar_is_a_form_error(client, owner, moment):
    response = client.post(
        reverse("events:manage-meeting-create", kwargs={"slug": owner.conference.slug}),
        {"title": "Far away", "starts_at": moment, "ends_at": moment, "status": "scheduled"},
    )

    assert response.status_code == 200
    assert "Give a date between 1900 and 2200." in response.content.decode()
    assert owner.conference.meetings.count() == 0


def test_a_title_with_line_breaks_neither_injects_nor_blocks_the_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(
            to="a@example.org", subject="S", text="x", idempotency_key="k",
            sender_name="C1\r\nBcc: x@evil.example", to_name="Ana\nBcc: y@evil.example",
        )  # fmt: skip

    message.refresh_from_db()
    assert (message.sender_name, message.recipient_name) == (
        "C1 Bcc: x@evil.example",
        "Ana Bcc: y@evil.example",
    )
    assert message.status == MessageStatus.SENT


def test_a_mail_that_cannot_be_built_fails_instead_of_staying_sending(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue_mail(to="a@example.org", subject="S", text="x", idempotency_key="k")
    OutboxMessage.objects.filter(pk=message.pk).update(reply_to=["not\r\nan address"])

    deliver([message.pk])

    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.last_error.startswith("BadHeaderError")


def test_long_titles_fit_the_outbox_columns(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue_mail(
            to="a@example.org", subject="S" * 400, text="x", idempotency_key="k", sender_name="N" * 400
        )

    message.refresh_from_db()
    assert (len(message.subject), len(message.sender_name)) == (300, 200)


def test_history_survives_a_deleted_account(client, owner):
    member = MembershipFactory(conference=owner.conference, role=TeamRole.VIEWER)
    get_user_model().objects.filter(pk=member.user.pk).delete()

    response = client.get(reverse("events:manage-conference-history", kwargs={"slug": owner.conference.slug}))

    assert response.status_code == 200


def test_a_viewer_cannot_attach_a_conference_to_a_series_they_cannot_change(client):
    theirs = ConferenceFactory(title="Their conference")
    MembershipFactory(conference=theirs, role=TeamRole.VIEWER, user=(mine := MembershipFactory(
        role=TeamRole.OWNER, conference__status=ConferenceStatus.DRAFT)).user)  # fmt: skip
    client.force_login(mine.user)

    response = client.get(reverse("events:manage-conference-edit", kwargs={"slug": mine.conference.slug}))

    assert list(response.context["form"].fields["follows"].queryset) == []
