"""Invitation campaigns: recipients from the directory and from CSV, placeholders, sending, reminders."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.csv_rows import RowProblem
from config.celery import app
from events.enums import InvitationAnswer, OrganizationKind
from events.models import Campaign, CampaignRecipient, CampaignReminder, Invitation, InvitationLink
from events.services import campaigns
from events.services.campaigns import UnknownPlaceholder
from events.services.invitations import answer_invitation, invitation_for_token, invite
from events.tasks import task_send_due_reminders
from outbox.models import OutboxMessage
from registrations.services import register
from tests.factories import ConferenceFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

BODY = "Dear {name} of {organization},\n\nCome to {conference} ({dates}).\nAnswer here: {link}\n"


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def campaign():
    conference = ConferenceFactory(title="Conference of the Left", working_languages=["en", "es"])
    campaign = Campaign.objects.create(conference=conference, name="First call", default_language="en")
    campaigns.save_message(campaign, language="en", subject="Invitation to {conference}", body=BODY)
    return campaign


def add(campaign, email, name="Someone", language="en", organization_name="") -> CampaignRecipient:
    return CampaignRecipient.objects.create(
        campaign=campaign, email=email, name=name, language=language, organization_name=organization_name,
        source="upload",
    )  # fmt: skip


def link_of(message: OutboxMessage) -> str:
    return next(line for line in message.body_text.splitlines() if "/i/" in line).split("/i/")[1].strip("/")


def test_unknown_placeholder_is_named_and_the_message_is_not_saved(campaign):
    with pytest.raises(UnknownPlaceholder) as refused:
        campaigns.save_message(campaign, language="es", subject="Hola", body="Hola {nombre}, {link}")

    assert refused.value.names == ["nombre"]
    assert "{nombre}" in refused.value.messages[0]
    assert not campaign.messages.filter(language="es").exists()


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [("Hello", "No link here, {name}", "body"), ("Your link {link}", "{link}", "subject")],
)
def test_a_message_needs_the_link_in_its_body_only(campaign, subject, body, field):
    with pytest.raises(ValidationError) as refused:
        campaigns.save_message(campaign, language="en", subject=subject, body=body)

    assert field in refused.value.message_dict


def test_preview_fills_every_placeholder_for_the_chosen_recipient(campaign):
    recipient = add(campaign, "ana@example.org", name="Ana", organization_name="Frente")

    shown = campaigns.preview(campaign, recipient)

    assert shown.subject == "Invitation to Conference of the Left"
    assert shown.body.startswith("Dear Ana of Frente,")
    assert "/i/" in shown.body and "{" not in shown.body


def test_preview_stops_at_an_unknown_placeholder_saved_before_the_check(campaign):
    campaign.messages.filter(language="en").update(body="Hi {nmae}, {link}")
    recipient = add(campaign, "ana@example.org")

    with pytest.raises(UnknownPlaceholder) as refused:
        campaigns.preview(campaign, recipient)

    assert refused.value.names == ["nmae"]


def test_recipients_without_a_message_in_their_language_get_the_default_one(campaign):
    campaigns.save_message(
        campaign, language="es", subject="Invitación a {conference}", body="Hola {name}: {link}"
    )
    add(campaign, "ana@example.org", language="es")
    add(campaign, "kim@example.org", language="ko")

    campaigns.send_campaign(campaign)

    subjects = dict(OutboxMessage.objects.values_list("recipient", "subject"))
    assert subjects == {
        "ana@example.org": "Invitación a Conference of the Left",
        "kim@example.org": "Invitation to Conference of the Left",
    }
    assert Invitation.objects.get(email="kim@example.org").language == "en"


def test_sending_invites_each_address_once_with_a_working_link(campaign, django_capture_on_commit_callbacks):
    add(campaign, "ana@example.org", name="Ana")
    add(campaign, "ben@example.org", name="Ben")
    invite(campaign.conference, email="ben@example.org", name="Ben")  # invited by hand before

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = campaigns.send_campaign(campaign)
        again = campaigns.send_campaign(campaign)

    assert (report.invited, report.already_invited) == (1, 1)
    assert (again.invited, again.already_invited) == (0, 2)
    assert Invitation.objects.filter(conference=campaign.conference).count() == 2
    mail = OutboxMessage.objects.get(batch=campaign.outbox_batch)
    assert mail.recipient == "ana@example.org" and mail.body_text.startswith("Dear Ana of ,")
    assert invitation_for_token(link_of(mail)).email == "ana@example.org"
    assert len(callbacks) == 1  # one hand-over to the workers for the send that queued mail
    assert Invitation.objects.get(email="ana@example.org").campaign == campaign  # the record of who sent it


def test_sending_costs_the_same_number_of_queries_for_ten_and_for_two_hundred(campaign):
    """Apart from the INSERTs, which the database backend splits into batches of its own size
    (on PostgreSQL the rows go in by COPY, which the query log does not see)."""

    def queries_for(count: int, prefix: str) -> tuple[int, int]:
        conference = ConferenceFactory()
        sending = Campaign.objects.create(conference=conference, name=prefix, default_language="en")
        campaigns.save_message(sending, language="en", subject="Hi", body=BODY)
        CampaignRecipient.objects.bulk_create(
            CampaignRecipient(
                campaign=sending, email=f"{prefix}{n}@example.org", name=f"P {n}", language="en"
            )
            for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            campaigns.send_campaign(sending)
        inserts = sum(query["sql"].startswith("INSERT") for query in queries)
        return len(queries) - inserts, inserts

    queries_for(1, "warm")  # content types and such, cached once per process
    small, large = queries_for(10, "small"), queries_for(200, "large")
    assert small[0] == large[0]
    assert large[1] <= 4 * small[1]  # invitations, links and mails: a few batches each


def test_sending_refuses_a_conference_that_is_over(campaign):
    add(campaign, "ana@example.org")
    later = timezone.now() + timedelta(days=400)

    with pytest.raises(ValidationError):
        campaigns.send_campaign(campaign, now=later)

    assert not Invitation.objects.exists()


def test_directory_filters_pick_contacts_by_kind_continent_and_language(campaign):
    party = OrganizationKind.PARTY
    OrganizationFactory(
        name="Partido A", kind=party, country="BR", contact_email="a@example.org", languages=["pt"]
    )
    OrganizationFactory(
        name="Partido B", kind=party, country="AR", contact_email="b@example.org", languages=["es"]
    )
    OrganizationFactory(
        name="Party C", kind=party, country="FR", contact_email="c@example.org", languages=["es"]
    )
    OrganizationFactory(
        name="Journal D", kind=OrganizationKind.JOURNAL, country="CU", contact_email="d@example.org"
    )
    OrganizationFactory(name="Party E", kind=party, country="VE", contact_email="")

    americas = campaigns.add_from_directory(campaign, kind=OrganizationKind.PARTY, continent="AM")
    spanish = campaigns.add_from_directory(campaign, language="es")

    assert (americas.added, americas.without_email) == (2, 1)
    assert (spanish.added, spanish.already_listed) == (1, 1)
    listed = dict(campaign.recipients.values_list("email", "language"))
    assert listed == {"a@example.org": "pt", "b@example.org": "es", "c@example.org": "es"}


def test_csv_rows_with_errors_are_named_by_line_and_the_rest_are_added(campaign):
    OrganizationFactory(name="Frente Amplio", country="UY")
    data = csv_bytes(
        "Email,Name,Organization,Country,Language",
        "ana@example.org,Ana,Frente amplio,UY,es",
        "not-an-address,Bad,,,",
        "ben@example.org,,,,",
        "cy@example.org,Cy,,Atlantis,",
        "ANA@example.org,Ana again,,,",
        "dee@example.org,Dee,,DE,xx",
        "eve@example.org,Eve,,Germany,",
    )

    report = campaigns.import_recipients(campaign, data)

    assert report.added == 2
    assert [problem.line for problem in report.errors] == [3, 4, 5, 7]
    assert 'email "not-an-address"' in report.errors[0].message
    assert report.errors[1].message == "name is empty"
    assert 'country "Atlantis"' in report.errors[2].message
    assert 'language "xx"' in report.errors[3].message
    assert report.duplicates == [RowProblem(6, "ana@example.org repeats line 2.")]
    ana = campaign.recipients.get(email="ana@example.org")
    assert (ana.organization.name, ana.language, ana.country.code) == ("Frente Amplio", "es", "UY")
    assert campaign.recipients.get(email="eve@example.org").country.code == "DE"


def test_csv_import_refuses_a_file_without_the_required_columns(campaign):
    with pytest.raises(ValidationError) as refused:
        campaigns.import_recipients(campaign, csv_bytes("mail,who", "a@example.org,A"))

    assert "email, name" in refused.value.messages[0]
    assert not campaign.recipients.exists()


def test_an_invited_recipient_cannot_be_removed(campaign):
    recipient = add(campaign, "ana@example.org")
    other = add(campaign, "ben@example.org")
    campaigns.send_campaign(campaign)
    campaigns.save_message(campaign, language="en", subject="x", body="{link}")

    with pytest.raises(ValidationError):
        campaigns.remove_recipient(campaign, recipient)
    Invitation.objects.filter(email="ben@example.org").delete()
    campaigns.remove_recipient(campaign, other)

    assert list(campaign.recipients.values_list("email", flat=True)) == ["ana@example.org"]


def test_a_reminder_goes_only_to_those_who_have_not_answered_with_a_new_link(campaign):
    for email in ("ana@example.org", "ben@example.org", "cy@example.org"):
        add(campaign, email)
    campaigns.send_campaign(campaign)
    first_links = {mail.recipient: link_of(mail) for mail in OutboxMessage.objects.all()}
    answer_invitation(Invitation.objects.get(email="ben@example.org"), answer=InvitationAnswer.DECLINED)

    reminder = campaigns.remind_now(campaign)

    reminders = OutboxMessage.objects.filter(idempotency_key__startswith="campaign-reminder:")
    assert reminder.recipient_count == 2 and reminder.sent_at is not None
    assert sorted(reminders.values_list("recipient", flat=True)) == ["ana@example.org", "cy@example.org"]
    mail = reminders.get(recipient="ana@example.org")
    assert mail.subject.startswith("Reminder: ") and "not yet had your answer" in mail.body_text
    new_link = link_of(mail)
    assert new_link != first_links["ana@example.org"]
    assert invitation_for_token(new_link) == invitation_for_token(first_links["ana@example.org"])
    assert InvitationLink.objects.filter(invitation__email="ana@example.org").count() == 2


def test_a_scheduled_reminder_is_sent_once_by_the_sweep_when_due(campaign):
    add(campaign, "ana@example.org")
    campaigns.send_campaign(campaign)
    now = timezone.now()
    reminder = campaigns.schedule_reminder(campaign, due_at=now + timedelta(days=2), now=now)

    assert campaigns.send_due_reminders(now=now + timedelta(days=1)) == []
    assert campaigns.send_due_reminders(now=now + timedelta(days=2, minutes=1)) == [reminder.pk]
    assert campaigns.send_due_reminders(now=now + timedelta(days=2, minutes=2)) == []
    assert OutboxMessage.objects.filter(idempotency_key__startswith="campaign-reminder:").count() == 1
    with pytest.raises(ValidationError):
        campaigns.cancel_reminder(reminder)


@pytest.mark.parametrize("days", [-1, 400])
def test_a_reminder_must_fall_between_now_and_the_end_of_the_conference(campaign, days):
    with pytest.raises(ValidationError):
        campaigns.schedule_reminder(campaign, due_at=timezone.now() + timedelta(days=days))

    assert not CampaignReminder.objects.exists()


def test_beat_runs_the_reminder_sweep_every_minute(settings, campaign):

    add(campaign, "ana@example.org")
    campaigns.send_campaign(campaign)
    CampaignReminder.objects.create(campaign=campaign, due_at=timezone.now() - timedelta(seconds=1))

    schedule = settings.CELERY_BEAT_SCHEDULE["campaign-reminders"]
    assert schedule == {"task": "events.send_due_reminders", "schedule": 60.0}
    assert schedule["task"] in app.tasks
    assert task_send_due_reminders.delay().get() == 1


def test_a_draft_conference_cannot_send_its_campaign(campaign):
    add(campaign, "ana@example.org")
    campaign.conference.status = "draft"
    campaign.conference.save()

    with pytest.raises(ValidationError) as refused:
        campaigns.send_campaign(campaign)

    assert "Publish the conference first" in refused.value.messages[0]
    assert not Invitation.objects.exists()


def test_a_reminder_skips_whoever_registered_without_the_invitations_link(campaign):

    add(campaign, "ana@example.org")
    add(campaign, "ben@example.org")
    campaigns.send_campaign(campaign)
    register(campaign.conference, full_name="Ana", email="ana@example.org", country="BR")

    reminder = campaigns.remind_now(campaign)

    assert reminder.recipient_count == 1
    assert OutboxMessage.objects.filter(idempotency_key__startswith="campaign-reminder:").get().recipient == (
        "ben@example.org"
    )


def test_an_address_too_long_for_the_column_is_a_row_error(campaign):
    report = campaigns.import_recipients(campaign, csv_bytes("email,name", f"{'a' * 250}@example.org,Long"))

    assert report.added == 0 and report.errors[0].line == 2


def test_without_redis_the_schedule_command_sends_a_due_reminder_as_beat_would(campaign):
    """`make run` has no beat (no Redis): it runs `manage.py run_schedule` beside the server."""
    add(campaign, "ana@example.org")
    campaigns.send_campaign(campaign)
    now = timezone.now()
    reminder = campaigns.schedule_reminder(campaign, due_at=now + timedelta(minutes=1), now=now)
    CampaignReminder.objects.filter(pk=reminder.pk).update(due_at=now - timedelta(seconds=1))
    out = StringIO()

    call_command("run_schedule", "--once", stdout=out)

    reminder.refresh_from_db()
    assert reminder.sent_at is not None
    assert OutboxMessage.objects.filter(idempotency_key__startswith="campaign-reminder:").count() == 1
    assert "events.send_due_reminders" in out.getvalue() and "outbox.sweep" in out.getvalue()
