import pytest
from django.urls import reverse

from events.enums import TeamRole
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def a_row(conference, n: int, status: str, error: str = "") -> OutboxMessage:
    return OutboxMessage.objects.create(
        idempotency_key=f"row-{conference.pk}-{n}", recipient=f"p{n}@example.org", language="en",
        subject=f"Mail {n}", body_text="x", message_id=f"<{conference.pk}-{n}@example.org>",
        status=status, last_error=error, attempts=3, conference=conference,
    )  # fmt: skip


def test_outbox_counts_by_status_and_lists_failures_of_this_conference_only(client):
    membership = MembershipFactory(role=TeamRole.VIEWER)
    other = MembershipFactory().conference
    a_row(membership.conference, 1, MessageStatus.SENT)
    a_row(membership.conference, 2, MessageStatus.FAILED, "SMTPDataError: (550, b'No such user')")
    a_row(other, 3, MessageStatus.FAILED, "elsewhere")
    client.force_login(membership.user)

    response = client.get(reverse("outbox:manage-message-list", kwargs={"slug": membership.conference.slug}))

    assert response.context["counts"] == {"queued": 0, "sending": 0, "sent": 1, "failed": 1}
    assert [row.subject for row in response.context["failed"]] == ["Mail 2"]
    assert "No such user" in response.content.decode()
    assert "elsewhere" not in response.content.decode()


def test_retry_requeues_only_this_conferences_failed_mails(client, django_capture_on_commit_callbacks):
    membership = MembershipFactory(role=TeamRole.ORGANIZER)
    mine = a_row(membership.conference, 1, MessageStatus.FAILED, "550")
    theirs = a_row(MembershipFactory().conference, 2, MessageStatus.FAILED, "550")
    client.force_login(membership.user)

    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("outbox:manage-message-retry", kwargs={"slug": membership.conference.slug}))

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, mine.attempts, mine.last_error) == (MessageStatus.QUEUED, 0, "")
    assert theirs.status == MessageStatus.FAILED


@pytest.mark.parametrize("count", [3, 30])
def test_the_outbox_costs_the_same_queries_for_3_and_for_30_mails(
    client, organizer, django_assert_num_queries, count
):
    conference = organizer.conference
    for number in range(count):
        a_row(conference, 2 * number, MessageStatus.SENT)
        a_row(conference, 2 * number + 1, MessageStatus.FAILED, "SMTPDataError: (550, b'No such user')")

    # session, user, membership with its conference, the counts by status, the failed mails
    with django_assert_num_queries(5):
        response = client.get(reverse("outbox:manage-message-list", kwargs={"slug": conference.slug}))

    assert len(response.context["failed"]) == count
