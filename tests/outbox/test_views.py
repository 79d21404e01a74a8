import pytest
from django.urls import reverse

from events.enums import TeamRole
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from registrations.notifications import send_status_mail
from tests.factories import MembershipFactory, RegistrationFactory

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
    assert [row.subject for row in response.context["page"]] == ["Mail 2", "Mail 1"]
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

    # session, user, membership with its conference, the counts by status, the page's count and rows
    with django_assert_num_queries(6):
        response = client.get(reverse("outbox:manage-message-list", kwargs={"slug": conference.slug}))

    assert len(response.context["page"].object_list) == min(2 * count, 50)


def test_the_mail_page_finds_every_mail_of_a_person_and_shows_one_with_its_link_redacted(
    client, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(role=TeamRole.VIEWER)
    conference = membership.conference
    a_row(conference, 1, MessageStatus.SENT)
    a_row(conference, 2, MessageStatus.FAILED, "SMTPDataError: (550, b'No such user')")
    with django_capture_on_commit_callbacks(execute=False):  # still queued: its token is in the body
        send_status_mail(
            RegistrationFactory(conference=conference, email="Ana@Example.org"), token="SECRET-TOKEN"
        )
    a_row(MembershipFactory().conference, 3, MessageStatus.SENT)  # another conference's
    client.force_login(membership.user)
    url = reverse("outbox:manage-message-list", kwargs={"slug": conference.slug})

    everything = client.get(url)
    found = client.get(url, {"q": "ana@example"})
    failed = client.get(url, {"status": "failed"})
    ana = found.context["page"].object_list[0]
    detail = client.get(
        reverse("outbox:manage-message-detail", kwargs={"slug": conference.slug, "pk": ana.pk})
    )
    elsewhere = OutboxMessage.objects.exclude(conference=conference).get()
    foreign = client.get(
        reverse("outbox:manage-message-detail", kwargs={"slug": conference.slug, "pk": elsewhere.pk})
    )

    assert everything.context["page"].paginator.count == 3
    assert [message.recipient for message in found.context["page"]] == ["Ana@Example.org"]
    assert [message.subject for message in failed.context["page"]] == ["Mail 2"]
    page = detail.content.decode()
    assert detail.status_code == 200 and "Ana@Example.org" in page and "SECRET-TOKEN" not in page
    assert "[redacted]" in page
    assert detail.context["kind"] == "Registration"  # named after the model the mail is about
    assert foreign.status_code == 404


def test_a_mail_the_worker_has_not_written_yet_is_listed_as_such(client, django_capture_on_commit_callbacks):
    membership = MembershipFactory(role=TeamRole.VIEWER)
    conference = membership.conference
    with django_capture_on_commit_callbacks(execute=False):
        send_status_mail(RegistrationFactory(conference=conference), token="SECRET-TOKEN")
    row = OutboxMessage.objects.get()
    client.force_login(membership.user)

    listed = client.get(reverse("outbox:manage-message-list", kwargs={"slug": conference.slug}))
    detail = client.get(
        reverse("outbox:manage-message-detail", kwargs={"slug": conference.slug, "pk": row.pk})
    )

    assert row.subject == ""
    assert "<bdi>Written when it is sent</bdi></a>" in listed.content.decode()
    assert "<h1><bdi>Written when it is sent</bdi></h1>" in detail.content.decode()
    assert "SECRET-TOKEN" not in detail.content.decode()
