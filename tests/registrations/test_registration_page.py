# ruff: noqa: RUF001 - the Persian words beside their zero-width non-joiners are meant
"""One registration's page for the team: every field, its history, its mails and the organizers' decisions."""

from datetime import UTC, datetime

import lxml.html
import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events.enums import InvitationAnswer, TeamRole
from events.services.invitations import invite
from outbox.models import OutboxMessage
from registrations import services
from registrations.models import Registration
from registrations.services import delegations
from tests.factories import OrganizationFactory, RegistrationFactory
from tests.mail import write_queued

pytestmark = pytest.mark.django_db


def page_url(registration, name: str = "detail") -> str:
    return reverse(
        f"registrations:manage-registration-{name}",
        kwargs={"slug": registration.conference.slug, "pk": registration.pk},
    )


def registered(conference, **extra) -> Registration:
    person = {"full_name": "Ana Lima", "email": "ana@example.org", "country": "BR", **extra}
    return services.register(conference, **person).registration


def test_the_page_shows_every_field_the_invitation_the_delegation_and_the_mails(client, organizer):
    conference = organizer.conference
    conference.interpretation_languages = ["fr"]
    conference.save()
    invitation, _token = invite(conference, email="ana@example.org", name="Ana")
    organization = OrganizationFactory(name="Partido dos Escritores")
    delegation, _link = delegations.create_delegation(
        conference, organization=organization, contact_name="Rui", contact_email="rui@example.org"
    )
    registration = registered(
        conference, organization=organization, languages=["pt", "en"], interpretation_needs=["fr"],
        accessibility_needs="Step-free access", note="Vegetarian", public_name=True, invitation=invitation,
        delegation=delegation,
    )  # fmt: skip

    response = client.get(page_url(registration))

    text = response.content.decode()
    for shown in ["Ana Lima", "ana@example.org", "Partido dos Escritores", "Brazil", "Delegate",
                  "Portuguese", "English", "French", "Step-free access", "Vegetarian", "Accepted",
                  "Confirmed"]:  # fmt: skip
        assert shown in text, shown
    mail = OutboxMessage.objects.get(
        about_type=ContentType.objects.get_for_model(registration), about_id=registration.pk
    )
    assert [message.pk for message in response.context["mails"]] == [mail.pk]
    assert reverse("outbox:manage-message-detail", kwargs={"slug": conference.slug, "pk": mail.pk}) in text
    assert f"?delegation={delegation.pk}" in text
    invitation.refresh_from_db()
    assert invitation.answer == InvitationAnswer.ACCEPTED
    assert "Mail the personal link again" in text and "Correct the details" in text


def test_the_history_says_who_changed_what_field_by_field(client, organizer):
    registration = registered(organizer.conference)

    client.post(page_url(registration, "role-change"), {"role": "press"})
    client.post(
        page_url(registration, "edit"), edit_data(registration, full_name="Ana Maria Lima", note="Late")
    )

    history = client.get(page_url(registration)).context["history"]
    assert [(entry.who, entry.action, entry.changes) for entry in history] == [
        (organizer.user.email, "~", [("full name", "Ana Lima", "Ana Maria Lima"),
                                     ("note to the organizers", "—", "Late")]),
        (organizer.user.email, "~", [("role", "Delegate", "Press")]),
        ("", "+", []),
    ]  # fmt: skip


def test_a_viewer_reads_without_buttons_or_sensitive_needs_even_in_the_history(client, sign_in_team):
    viewer = sign_in_team(TeamRole.VIEWER)
    registration = registered(viewer.conference, accessibility_needs="Wheelchair")
    services.update_registration(registration, accessibility_needs="Wheelchair and a quiet room")

    response = client.get(page_url(registration))

    text = response.content.decode()
    assert response.status_code == 200 and "Ana Lima" in text
    assert "Wheelchair" not in text
    assert "Mail the personal link again" not in text and "Correct the details" not in text
    assert [entry.action for entry in response.context["history"]] == [
        "+"
    ]  # the change was to the needs only
    assert client.post(page_url(registration, "decide"), {"decision": "cancel"}).status_code == 403
    assert client.get(page_url(registration, "edit")).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def edit_data(registration, **changes) -> dict:
    data = {
        "full_name": registration.full_name, "email": registration.email, "organization": "",
        "proposed_organization_name": "", "proposed_organization_kind": "",
        "country": registration.country.code,
        "note": registration.note, "language": registration.language, "accessibility_needs": "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_an_organizer_corrects_the_address_unless_another_active_registration_has_it(client, organizer):
    conference = organizer.conference
    ana = registered(conference)
    registered(conference, full_name="Ben", email="ben@example.org")

    refused = client.post(page_url(ana, "edit"), edit_data(ana, email="BEN@example.org"))
    saved = client.post(page_url(ana, "edit"), edit_data(ana, email="ana.lima@example.org", country="PT"))

    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "email": [
            "Another active registration of this conference has this address: one address, one registration."
        ]
    }
    assert saved.status_code == 302 and saved["Location"] == page_url(ana)
    ana.refresh_from_db()
    assert (ana.email, ana.country.code) == ("ana.lima@example.org", "PT")


def test_an_organizer_gives_a_trusted_role(client, organizer):
    registration = registered(organizer.conference)

    client.post(page_url(registration, "role-change"), {"role": "guest"})
    junk = client.post(page_url(registration, "role-change"), {"role": "owner"}, follow=True)

    registration.refresh_from_db()
    assert registration.role == "guest"
    assert "Choose a role." in junk.content.decode()


def test_an_organizer_moves_a_registration_through_the_waiting_list_and_cancels_it(client, organizer):
    conference = organizer.conference
    conference.capacity = 1
    conference.save()
    ana = registered(conference)
    ben = registered(conference, full_name="Ben", email="ben@example.org")

    full = client.post(page_url(ben, "decide"), {"decision": "seat"}, follow=True)
    client.post(page_url(ana, "decide"), {"decision": "waitlist"})
    client.post(page_url(ben, "decide"), {"decision": "seat"})
    client.post(page_url(ana, "decide"), {"decision": "cancel"})
    sent = client.post(page_url(ben, "decide"), {"decision": "link"}, follow=True)
    again = client.post(page_url(ben, "decide"), {"decision": "link"}, follow=True)
    unknown = client.post(page_url(ben, "decide"), {"decision": "delete"}, follow=True)

    assert "No seat is free: all 1 are taken." in full.content.decode()
    assert dict(conference.registrations.values_list("email", "status")) == {
        "ana@example.org": "cancelled",
        "ben@example.org": "confirmed",
    }
    assert "The personal link is on its way to ben@example.org." in sent.content.decode()
    assert "less than ten minutes ago" in again.content.decode()
    assert "Choose what to do." in unknown.content.decode()
    write_queued()
    resent = OutboxMessage.objects.filter(recipient="ben@example.org").order_by("pk").last()
    assert resent.subject == f"Your registration for {conference.title}: your personal link"
    assert "send you the personal link to your registration (Confirmed) again" in resent.body_text


def test_an_organizer_approves_a_pending_registration(client, organizer):
    conference = organizer.conference
    conference.registration_requires_approval = True
    conference.save()
    registration = registered(conference)

    response = client.post(page_url(registration, "decide"), {"decision": "approve"}, follow=True)

    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert "The registration is now: Confirmed." in response.content.decode()


def test_the_list_links_each_name_to_its_page(client, organizer):
    registration = registered(organizer.conference)

    text = client.get(
        reverse("registrations:manage-registration-list", kwargs={"slug": organizer.conference.slug})
    ).content.decode()

    assert f'<a href="{page_url(registration)}"><bdi>Ana Lima</bdi></a>' in text


def test_a_registration_of_another_conference_is_not_found_through_mine(client, organizer):
    theirs = RegistrationFactory()
    url = reverse(
        "registrations:manage-registration-detail",
        kwargs={"slug": organizer.conference.slug, "pk": theirs.pk},
    )

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_the_page_costs_the_same_queries_for_2_and_for_20_changes_and_mails(
    client, organizer, django_assert_num_queries, count
):
    conference = organizer.conference
    registration = registered(conference, organization=OrganizationFactory())
    for number in range(count):
        services.update_registration(
            registration, full_name=f"Name {number}", organization=OrganizationFactory()
        )
        services.write_to([registration], subject=f"Note {number}", body="Hello", sender=organizer.user)

    # session, user, membership with its conference, the registration with its organization, delegation,
    # invitation and account, its history with the authors, the organizations the history names, the mails
    with django_assert_num_queries(7):
        response = client.get(page_url(registration))

    assert len(response.context["history"]) == count + 1
    assert len(response.context["mails"]) == count + 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                ("Present since", "—", "→", "Sept. 2, 2027, 1:30 p.m."),
                ("Country", "Brazil", "→", "Türkiye"),
                ("Interpretation into", "—", "→", "Arabic, French"),
                ("Language of the mails", "English", "→", "Persian"),
                ("Spoken languages", "—", "→", "Portuguese, English"),
                ("Organization", "—", "→", "Partido dos Escritores"),
                ("My name may appear in the public list of participants", "No", "→", "Yes"),
            ],
        ),
        (
            "fa",
            [
                ("زمان حضور", "—", "←", "2 سپتامبر 2027، ساعت 13:30"),
                ("کشور", "برزیل", "←", "ترکیه"),
                ("ترجمهٔ همزمان به", "—", "←", "عربی، فرانسوی"),
                ("زبان ایمیل\u200cها", "انگلیسی", "←", "فارسی"),
                ("زبان\u200cهای گفتاری", "—", "←", "پرتغالی، انگلیسی"),
                ("سازمان", "—", "←", "Partido dos Escritores"),
                ("نام من می\u200cتواند در فهرست عمومی شرکت\u200cکنندگان بیاید", "خیر", "←", "بله"),
            ],
        ),
    ],
)
def test_the_history_shows_values_as_the_form_does_in_the_viewers_language_zone_and_direction(
    client, organizer, language, expected
):
    organizer.user.timezone = "Asia/Tehran"  # UTC+3:30
    organizer.user.save()
    registration = registered(organizer.conference, language="en")
    registration.country = "TR"
    registration.languages = ["pt", "en"]
    registration.interpretation_needs = ["ar", "fr"]
    registration.language = "fa"
    registration.public_name = True
    registration.organization = OrganizationFactory(name="Partido dos Escritores", country="BR")
    registration.checked_in_at = datetime(2027, 9, 2, 10, 0, tzinfo=UTC)
    registration.save()

    response = client.get(page_url(registration), HTTP_ACCEPT_LANGUAGE=language)

    tree = lxml.html.fromstring(response.content.decode())
    lines = [
        (line.findtext("strong"), line.find("del").text_content(), line.find("span").text,
         line.find("ins").text_content())
        for line in tree.xpath('(//tbody)[1]/tr[1]/td[@class="diff"]/div')
    ]  # fmt: skip
    assert sorted(lines) == sorted(expected)
