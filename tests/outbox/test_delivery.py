"""What delivering a batch costs the database: one statement per mail (the claim of a mail records the
one sent before it), and one for the last; every mail still recorded sent, its personal link blanked."""

import pytest

from outbox import delivery, services
from outbox.enums import MessageStatus
from outbox.links import REDACTED
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def queued(size: int, run: str) -> list[OutboxMessage]:
    return [
        services.queue_mail(
            to=f"person{n}@example.org", subject="Invitation", text=f"Your link: https://x.example.org/i/{run}{n}/",
            idempotency_key=f"test:{run}:{n}", redact_after_sending=[f"{run}{n}"],
        )
        for n in range(size)
    ]  # fmt: skip


@pytest.mark.parametrize(("size", "statements"), [(3, 4), (6, 7)])
def test_a_batch_costs_one_statement_per_mail_and_one_more(
    postgres, smtp_sink, django_assert_num_queries, size, statements
):
    messages = queued(size, "token")

    with django_assert_num_queries(statements):
        delivery.deliver([message.pk for message in messages])

    rows = OutboxMessage.objects.filter(pk__in=[message.pk for message in messages])
    assert set(rows.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert all(row.body_text == f"Your link: https://x.example.org/i/{REDACTED}/" for row in rows)
    assert not any(row.redactions for row in rows)
    assert sorted(str(mail["To"]) for mail in smtp_sink.received) == sorted(m.recipient for m in messages)
    assert all(
        "https://x.example.org/i/token" in mail.get_body().get_content() for mail in smtp_sink.received
    )
    assert len(smtp_sink.peers) == 1


def test_a_row_taken_or_done_is_skipped_and_the_mail_before_it_still_recorded(postgres, smtp_sink):
    first, taken, last = queued(3, "skip")
    OutboxMessage.objects.filter(pk=taken.pk).update(status=MessageStatus.SENDING)

    delivery.deliver([first.pk, taken.pk, last.pk])

    statuses = dict(OutboxMessage.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: MessageStatus.SENT,
        taken.pk: MessageStatus.SENDING,
        last.pk: MessageStatus.SENT,
    }
    assert len(smtp_sink.received) == 2
