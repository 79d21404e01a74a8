"""The campaign pages: what an organizer clicks through, and what bad input gets."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from events.enums import InvitationAnswer, OrganizationKind, TeamRole
from events.models import Campaign, CampaignReminder, Invitation
from events.services import campaigns
from outbox.enums import MessageStatus
from outbox.models import OutboxMessage
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

BODY = "Dear {name},\n\nYou are invited to {conference} ({dates}): {link}\n"


@pytest.fixture
def organizer(sign_in_team):
    return sign_in_team(TeamRole.ORGANIZER, conference__working_languages=["en", "fr"])


@pytest.fixture
def campaign(organizer):
    campaign = Campaign.objects.create(
        conference=organizer.conference, name="First call", default_language="en"
    )
    campaigns.save_message(campaign, language="en", subject="Welcome to {conference}", body=BODY)
    return campaign


def url(name: str, campaign: Campaign, **kwargs) -> str:
    return reverse(
        f"events:manage-{name}", kwargs={"slug": campaign.conference.slug, "pk": campaign.pk, **kwargs}
    )


def test_an_organizer_starts_a_campaign_and_lands_on_it(client, organizer):
    slug = organizer.conference.slug

    listing = client.get(reverse("events:manage-campaign-list", kwargs={"slug": slug}))
    response = client.post(
        reverse("events:manage-campaign-create", kwargs={"slug": slug}),
        {"name": "First call", "default_language": "fr"},
    )

    assert listing.status_code == 200
    campaign = Campaign.objects.get()
    assert (campaign.default_language, campaign.created_by) == ("fr", organizer.user)
    assert response["Location"] == url("campaign-detail", campaign)
    page = client.get(response["Location"])
    assert "Missing: nothing can be sent without it." in page.content.decode()


def test_a_campaign_without_a_name_is_refused_with_the_form(client, organizer):
    response = client.post(
        reverse("events:manage-campaign-create", kwargs={"slug": organizer.conference.slug}),
        {"name": "", "default_language": "xx"},
    )

    assert response.status_code == 400
    assert not Campaign.objects.exists()
    assert response.context["form"].errors.keys() == {"name", "default_language"}


def test_adding_from_the_directory_reports_what_it_left_out(client, campaign):
    OrganizationFactory(kind=OrganizationKind.PARTY, country="IT", contact_email="a@example.org")
    OrganizationFactory(kind=OrganizationKind.PARTY, country="IT", contact_email="")

    response = client.post(
        url("campaign-add-directory", campaign), {"kind": "party", "continent": "EU"}, follow=True
    )

    text = response.content.decode()
    assert "1 recipient added." in text
    assert "1 organization has no contact address" in text
    assert campaign.recipients.count() == 1


def test_a_bad_directory_filter_adds_nobody(client, campaign):
    OrganizationFactory(contact_email="a@example.org")

    response = client.post(url("campaign-add-directory", campaign), {"continent": "Atlantis"}, follow=True)

    assert "Choose the filters from the lists." in response.content.decode()
    assert not campaign.recipients.exists()


def test_upload_reports_each_bad_row_by_line_and_keeps_the_rest(client, campaign):
    data = b"email,name\nana@example.org,Ana\nbroken,Ben\n,\ncy@example.org,\nana@example.org,Ana\n"

    response = client.post(url("campaign-upload", campaign), {"file": SimpleUploadedFile("list.csv", data)})

    text = response.content.decode()
    assert response.status_code == 200
    assert "1 recipient added." in text
    assert "Line 3: email &quot;broken&quot; is not a valid address" in text
    assert "Line 5: name is empty" in text
    assert "Line 6: ana@example.org repeats line 2." in text
    assert list(campaign.recipients.values_list("email", flat=True)) == ["ana@example.org"]


def test_upload_of_a_file_that_is_not_csv_says_so(client, campaign):
    response = client.post(
        url("campaign-upload", campaign), {"file": SimpleUploadedFile("list.csv", b"\xff\xfe\x00binary")}
    )

    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


def test_a_message_with_an_unknown_placeholder_is_refused_naming_it(client, campaign):
    response = client.post(
        url("campaign-message", campaign, language="fr"), {"subject": "Bonjour", "body": "Cher {nom}, {link}"}
    )

    assert response.status_code == 400
    assert "Unknown placeholder {nom}" in response.content.decode()
    assert not campaign.messages.filter(language="fr").exists()


def test_a_message_is_saved_per_language(client, campaign):
    response = client.post(
        url("campaign-message", campaign, language="fr"),
        {"subject": "Invitation", "body": "Cher {name}, {link}"},
    )

    assert response.status_code == 302
    assert campaign.messages.get(language="fr").body == "Cher {name}, {link}"


def test_a_language_the_site_does_not_speak_is_not_found(client, campaign):
    assert client.get(url("campaign-message", campaign, language="zz")).status_code == 404


def test_preview_shows_the_mail_for_the_chosen_recipient(client, campaign):
    campaign.recipients.create(email="ana@example.org", name="Ana", language="en", source="upload")
    campaign.recipients.create(email="ben@example.org", name="Ben", language="en", source="upload")

    response = client.get(url("campaign-preview", campaign), {"email": "BEN@example.org"})

    assert response.context["preview"].body.startswith("Dear Ben,")
    assert "Welcome to " + campaign.conference.title in response.content.decode()


def test_preview_names_an_unknown_placeholder_and_an_unknown_recipient(client, campaign):
    campaign.recipients.create(email="ana@example.org", name="Ana", language="en", source="upload")
    campaign.messages.update(body="Hi {nmae} {link}")

    unknown_placeholder = client.get(url("campaign-preview", campaign))
    unknown_recipient = client.get(url("campaign-preview", campaign), {"email": "nobody@example.org"})

    assert "Unknown placeholder {nmae}" in unknown_placeholder.content.decode()
    assert unknown_placeholder.context["preview"] is None
    assert "nobody@example.org is not on the list." in unknown_recipient.content.decode()


def test_send_invites_the_list_and_the_progress_panel_counts_the_mails(
    client, campaign, django_capture_on_commit_callbacks
):
    for email in ("ana@example.org", "ben@example.org"):
        campaign.recipients.create(email=email, name=email[:3], language="en", source="upload")

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url("campaign-send", campaign), {"confirmed": "1"}, follow=True)
    OutboxMessage.objects.filter(recipient="ben@example.org").update(
        status=MessageStatus.FAILED, last_error="550"
    )
    progress = client.get(url("campaign-progress", campaign))

    assert "2 invitations are on their way." in response.content.decode()
    assert Invitation.objects.filter(campaign=campaign).count() == 2
    assert progress.context["progress"] == {"waiting": 1, "sent": 0, "failed": 1, "total": 2}
    assert 'hx-trigger="every 2s"' in progress.content.decode()
    assert client.post(url("campaign-retry", campaign)).status_code == 302
    assert OutboxMessage.objects.get(recipient="ben@example.org").status == MessageStatus.QUEUED


def test_sending_asks_first_with_the_count_and_the_placeholders_that_would_come_out_empty(client, campaign):
    campaigns.save_message(campaign, language="en", subject="To {organization}", body="Dear {name}: {link}")
    organization = OrganizationFactory(name="Partido Obrero")
    campaign.recipients.create(email="ana@example.org", name="Ana", organization=organization, language="en",
                               source="directory")  # fmt: skip
    campaign.recipients.create(email="ben@example.org", name="Ben", language="en", source="upload")
    campaign.recipients.create(email="cem@example.org", name="", language="en", source="upload")

    asked = client.get(url("campaign-send", campaign))
    unconfirmed = client.post(url("campaign-send", campaign))

    page = asked.content.decode()
    assert asked.status_code == 200 and "Send 3 invitations?" in page
    assert "2 recipients have no organization" in page and "1 recipient has no name" in page
    assert unconfirmed.status_code == 200 and not Invitation.objects.exists()
    sent = client.post(url("campaign-send", campaign), {"confirmed": "1"})
    assert sent.status_code == 302 and Invitation.objects.filter(campaign=campaign).count() == 3


def test_the_progress_panel_stops_polling_when_nothing_waits(
    client, campaign, django_capture_on_commit_callbacks
):
    campaign.recipients.create(email="ana@example.org", name="Ana", language="en", source="upload")
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.send_campaign(campaign)  # tasks run in process in tests: the mail is sent by now

    progress = client.get(url("campaign-progress", campaign))

    assert progress.context["progress"]["sent"] == 1
    assert "hx-trigger" not in progress.content.decode()


def test_sending_without_the_default_message_says_what_to_write(client, campaign):
    campaign.messages.all().delete()
    campaign.recipients.create(email="ana@example.org", name="Ana", language="fr", source="upload")

    response = client.post(url("campaign-send", campaign), {"confirmed": "1"}, follow=True)

    assert "Write the message in English" in response.content.decode()
    assert not Invitation.objects.exists()


def test_reminders_now_planned_with_a_bad_date_and_cancelled(client, campaign):
    campaign.recipients.create(email="ana@example.org", name="Ana", language="en", source="upload")
    campaigns.send_campaign(campaign)

    now = client.post(url("campaign-remind", campaign), {"now": "1"}, follow=True)
    past = client.post(url("campaign-remind", campaign), {"due_at": "2001-01-01T10:00"}, follow=True)
    garbage = client.post(url("campaign-remind", campaign), {"due_at": "soon"}, follow=True)
    later = (timezone.now() + timedelta(days=3)).astimezone(campaign.conference.zone)
    planned = client.post(url("campaign-remind", campaign), {"due_at": later.strftime("%Y-%m-%dT%H:%M")})

    assert "A reminder is on its way to 1 person who has not answered." in now.content.decode()
    assert "Choose a time in the future." in past.content.decode()
    assert "Enter a valid date/time." in garbage.content.decode()
    assert planned.status_code == 302
    reminder = CampaignReminder.objects.get(sent_at__isnull=True)
    assert reminder.due_at.replace(second=0) == later.replace(second=0, microsecond=0)
    client.post(url("campaign-cancel-reminder", campaign, reminder_pk=reminder.pk))
    assert not CampaignReminder.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.parametrize("count", [3, 120])
def test_the_detail_page_costs_the_same_queries_for_3_and_for_120_recipients(
    client, campaign, django_assert_num_queries, count
):
    answers = list(InvitationAnswer)
    for number in range(count):
        recipient = campaign.recipients.create(
            email=f"p{number}@example.org", name=f"P{number}", language=["en", "fr", "de"][number % 3],
            organization_name=f"Party {number}", country="GR", source="upload",
        )  # fmt: skip
        if number % 2:  # invited, with an answer
            Invitation.objects.create(
                conference=campaign.conference, campaign=campaign, email=recipient.email, language="en",
                answer=answers[number % len(answers)], expires_at=timezone.now() + timedelta(days=30),
            )  # fmt: skip
    CampaignReminder.objects.create(campaign=campaign, due_at=timezone.now() + timedelta(days=3))

    # session, user, membership with its conference, the campaign, the page's count, the messages, the
    # recipients by language, the mails by status, those not invited yet, the page with the answers, the
    # reminders
    with django_assert_num_queries(11):
        response = client.get(url("campaign-detail", campaign))

    assert len(response.context["page"].object_list) == min(count, 50)


@pytest.mark.parametrize("count", [3, 30])
def test_the_campaign_list_costs_the_same_queries_for_3_and_for_30_campaigns(
    client, organizer, django_assert_num_queries, count
):
    for number in range(count):
        Campaign.objects.create(conference=organizer.conference, name=f"Call {number}", default_language="en",
                                last_sent_at=timezone.now() if number % 2 else None)  # fmt: skip

    with django_assert_num_queries(4):  # session, user, membership with its conference, the campaigns
        response = client.get(
            reverse("events:manage-campaign-list", kwargs={"slug": organizer.conference.slug})
        )

    assert len(response.context["campaigns"]) == count
