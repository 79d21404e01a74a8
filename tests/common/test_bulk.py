"""insert_all(): rows written by COPY on PostgreSQL come back as bulk_create() would give them."""

import pytest
from django.db import IntegrityError, transaction

from common.bulk import insert_all
from outbox.models import OutboxMessage
from outbox.services import new_message
from tests.factories import ConferenceFactory

pytestmark = pytest.mark.django_db


def mails(count: int, conference) -> list[OutboxMessage]:
    return [
        new_message(to=f"p{n}@example.org", to_name="Ana «Lima»\t", subject=f"Hi {n}",
                    text="Línea 1\nLine 2\\n", idempotency_key=f"bulk:{n}", reply_to=["a@example.org"],
                    conference=conference, about=conference, redact_after_sending=["secret"])
        for n in range(count)
    ]  # fmt: skip


def check_round_trip(conference) -> None:
    written = insert_all(OutboxMessage, mails(3, conference))
    later = OutboxMessage.objects.create(recipient="x@example.org", subject="x", body_text="x",
                                         idempotency_key="later", message_id="<later@x>")  # fmt: skip

    stored = {message.pk: message for message in OutboxMessage.objects.exclude(pk=later.pk)}
    assert sorted(stored) == sorted(message.pk for message in written)
    assert later.pk not in stored  # the sequence moved past the keys taken
    first = stored[written[0].pk]
    assert first.body_text == "Línea 1\nLine 2\\n"
    assert first.recipient_name == "Ana «Lima»"
    assert (first.reply_to, first.redactions) == (["a@example.org"], ["secret"])
    assert first.conference == conference and first.about == conference
    assert first.created_at is not None and first.message_id == written[0].message_id
    assert not written[0]._state.adding


def test_rows_round_trip_on_postgresql(postgres):
    check_round_trip(ConferenceFactory())


def test_rows_round_trip_elsewhere():
    check_round_trip(ConferenceFactory())


def test_nothing_to_write_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert insert_all(OutboxMessage, []) == []


def test_a_conflict_in_copy_is_djangos_integrity_error(postgres):

    conference = ConferenceFactory()
    insert_all(OutboxMessage, mails(1, conference))

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_all(OutboxMessage, mails(1, conference))  # the same idempotency key
