"""The registration pages: the public form, the personal link, the figures, the organizers' list."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from events.models import Invitation
from events.services.invitations import invite
from outbox.models import OutboxMessage
from proceedings.models import Document
from program.agenda import agenda_token
from program.models import Star
from program.services import create_session
from registrations import services
from registrations.models import Registration
from tests.factories import ConferenceFactory, OrganizationFactory, RegistrationFactory, UserFactory
from tests.mail import write_queued
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    data = {"full_name": "Ana Lima", "email": "ana@example.org", "country": "BR", "role": "delegate",
            "language": "en", "organization_name": "", "organization_kind": ""}  # fmt: skip
    data.update(changes)
    return data


def register_url(conference) -> str:
    return reverse("registrations:registration-create", kwargs={"slug": conference.slug})


def test_registering_lands_on_the_new_registration_and_mails_its_link(client):
    conference = ConferenceFactory(capacity=10)

    response = client.post(register_url(conference), form_data(public_name="on"), follow=True)

    registration = Registration.objects.get()
    write_queued()
    link = OutboxMessage.objects.get(recipient="ana@example.org").body_text.split("/r/")[1].split("/")[0]
    [(landed, status)] = response.redirect_chain
    assert (landed, status) == (f"/r/{link}/", 302)  # the link the mail brings
    assert response.templates[0].name == "registrations/participant/registration_detail.html"
    assert [str(message) for message in response.context["messages"]] == [
        "Thank you for registering. A mail to ana@example.org confirms it and brings a link to this page: "
        "keep it to change or cancel your registration."
    ]
    assert response.context["registration"] == registration
    assert "Confirmed" in response.content.decode()
    assert registration.public_name is True and registration.user is None
    page = client.get(reverse("registrations:registration-detail", kwargs={"token": link}))
    assert "Confirmed" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"


def test_a_signed_in_person_registering_lands_on_the_registration_whoever_it_is_for(client):

    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    conference = ConferenceFactory()

    response = client.post(register_url(conference), form_data())
    other = client.post(register_url(conference), form_data(email="someone.else@example.org"))

    assert response["Location"].startswith("/r/")
    assert Registration.objects.get(email="ana@example.org").user == user
    assert other["Location"].startswith("/r/")
    assert Registration.objects.get(email="someone.else@example.org").user is None


def test_an_address_registered_already_reveals_nothing_of_its_registration(client):
    conference = ConferenceFactory()
    client.post(register_url(conference), form_data())
    stranger = Client()

    again = stranger.post(register_url(conference), form_data(full_name="Intruder"), follow=True)

    assert again.redirect_chain == [(conference.get_absolute_url(), 302)]
    assert [str(message) for message in again.context["messages"]] == [
        "Thank you. A mail to ana@example.org says where the registration stands and brings its link."
    ]
    assert "/r/" not in again.content.decode()
    assert Registration.objects.get().full_name == "Ana Lima"


def test_the_form_shows_the_standard_privacy_notice_or_the_organizers_own(client):
    plain = ConferenceFactory()
    own = ConferenceFactory(
        privacy_notice="Only **our secretariat** reads the list. Write to privacy@example.org."
    )

    standard = client.get(register_url(plain)).content.decode()
    edited = client.get(register_url(own)).content.decode()

    assert "Your privacy" in standard
    assert "the organizers of this conference" in standard
    assert "delete your personal data" in standard
    assert "Only <strong>our secretariat</strong> reads the list." in edited
    assert "the organizers of this conference" not in edited


def test_every_field_error_is_shown_beside_it_and_nothing_is_saved(client):
    conference = ConferenceFactory()

    response = client.post(register_url(conference), form_data(full_name="", email="nope", country="XX"))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"full_name", "email", "country"}
    assert not Registration.objects.exists()


def test_a_closed_registration_says_when_it_opens_and_takes_nothing(client):
    conference = ConferenceFactory(registration_opens_at=timezone.now() + timedelta(days=2))

    page = client.get(register_url(conference))
    post = client.post(register_url(conference), form_data())

    assert "Registration opens on" in page.content.decode()
    assert post.status_code == 200 and not Registration.objects.exists()


FIELDS = "registrations/partials/registration_fields.html"


def form_of(response) -> str:
    """The registration form's HTML without its CSRF token (each visitor's own)."""
    page = response.content.decode()
    start = page.index('<form method="post" novalidate>')
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page[start : page.index("</form>", start)])


def rendered_fields(response) -> bool:
    return FIELDS in [template.name for template in response.templates]


def test_the_empty_form_is_rendered_once_and_then_read_from_the_cache(client):
    conference = ConferenceFactory()

    first = client.get(register_url(conference))
    again = Client().get(register_url(conference))

    assert rendered_fields(first) and not rendered_fields(again)
    assert form_of(again) == form_of(first)
    assert 'name="full_name"' in form_of(again)


def test_the_cached_form_follows_the_language_and_the_conference(client):
    conference = ConferenceFactory(public_roles=["delegate", "observer"])
    english = client.get(register_url(conference))
    spanish = Client().get(register_url(conference), headers={"accept-language": "es"})
    conference.public_roles = ["delegate"]
    conference.save()

    changed = Client().get(register_url(conference))

    assert rendered_fields(spanish) and form_of(spanish) != form_of(english)
    assert rendered_fields(changed)
    assert 'value="observer"' in form_of(english) and 'value="observer"' not in form_of(changed)


def test_an_invited_visitor_gets_their_own_details_after_the_empty_form_is_cached(client):
    conference = ConferenceFactory()
    client.get(register_url(conference))
    invite(conference, email="ines@example.org", name="Inês Souto", country="PT")
    token = OutboxMessage.objects.get().body_text.split("/i/")[1].split("/")[0]

    invited = Client().get(f"{register_url(conference)}?i={token}")

    assert rendered_fields(invited)
    assert 'value="ines@example.org"' in form_of(invited) and 'value="Inês Souto"' in form_of(invited)


def test_a_form_sent_back_with_errors_shows_what_was_typed(client):
    conference = ConferenceFactory()
    client.get(register_url(conference))

    answer = client.post(register_url(conference), form_data(full_name="Ana Typed", country=""))

    assert answer.status_code == 400 and rendered_fields(answer)
    assert 'value="Ana Typed"' in form_of(answer)


def test_a_draft_conference_has_no_public_form(client):
    assert client.get(register_url(ConferenceFactory(status="draft"))).status_code == 404


def test_accepting_an_invitation_leads_to_the_filled_in_form(client):
    conference = ConferenceFactory()
    organization = OrganizationFactory(name="Frente Amplio", country="UY")
    invitation, _created = invite(
        conference, email="ana@example.org", name="Ana Lima", organization=organization, country="UY"
    )
    token = OutboxMessage.objects.get().body_text.split("/i/")[1].split("/")[0]

    answered = client.post(
        reverse("events:invitation-detail", kwargs={"token": token}), {"answer": "accepted"}
    )
    form = client.get(answered["Location"]).context["form"]
    client.post(answered["Location"], form_data(email="ana@example.org", country="UY", i=token,
                                                 organization_name="Frente Amplio"))  # fmt: skip

    assert answered["Location"] == f"{register_url(conference)}?i={token}"
    assert form.initial["email"] == "ana@example.org"
    assert form.initial["organization_name"] == "Frente Amplio"
    assert form.initial["country"] == "UY"
    registration = Registration.objects.get()
    assert (registration.invitation, registration.organization) == (invitation, organization)


def test_the_personal_link_changes_and_cancels_only_its_own_registration(client):
    conference = ConferenceFactory(capacity=1)
    mine = services.register(conference, full_name="Ana", email="ana@example.org", country="BR")
    other = services.register(conference, full_name="Ben", email="ben@example.org", country="AR")
    url = reverse("registrations:registration-detail", kwargs={"token": mine.token})

    client.post(url, form_data(full_name="Ana Lima", email="other@example.org", country="PT"))
    client.post(url, {"cancel": "1"})

    mine.registration.refresh_from_db()
    other.registration.refresh_from_db()
    assert (mine.registration.full_name, mine.registration.email) == ("Ana Lima", "ana@example.org")
    assert mine.registration.status == "cancelled"
    assert other.registration.status == "confirmed"  # promoted from the waiting list
    assert other.registration.full_name == "Ben"
    assert (
        client.get(
            reverse("registrations:registration-detail", kwargs={"token": mine.token[:-1] + "x"})
        ).status_code
        == 404
    )


def test_the_participation_page_counts_without_naming_anyone_who_did_not_agree(client):
    conference = ConferenceFactory()
    for number, (country, public) in enumerate([("BR", True), ("AR", False), ("FR", False), ("ZA", False)]):
        services.register(conference, full_name=f"Secret {number}", email=f"p{number}@example.org",
                          country=country, public_name=public)  # fmt: skip

    text = client.get(
        reverse("registrations:participation-detail", kwargs={"slug": conference.slug})
    ).content.decode()

    assert "Participants from 4 countries on 3 continents" in text
    assert "Secret 0" in text
    assert "Secret 1" not in text and "Secret 2" not in text and "p1@example.org" not in text
    assert "<svg" in text


def test_organizers_filter_and_export_with_formula_cells_neutralized(client, organizer):
    conference = organizer.conference
    formula = '=HYPERLINK("http://evil")'
    services.register(conference, full_name=formula, email="a@example.org", country="BR", note="+1 cmd")
    services.register(conference, full_name="Ben", email="b@example.org", country="FR")
    export = reverse(
        "registrations:manage-registration-export", kwargs={"slug": conference.slug, "extension": "csv"}
    )

    listing = client.get(
        reverse("registrations:manage-registration-list", kwargs={"slug": conference.slug}),
        {"continent": "AM"},
    )
    rows = list(csv.reader(io.StringIO(client.get(export, {"continent": "AM"}).content.decode("utf-8-sig"))))
    workbook = load_workbook(io.BytesIO(client.get(export.replace(".csv", ".xlsx")).content))

    assert [registration.full_name for registration in listing.context["page"]] == [
        '=HYPERLINK("http://evil")'
    ]
    assert len(rows) == 2
    assert rows[1][2] == '\'=HYPERLINK("http://evil")' and rows[1][13] == "'+1 cmd"
    cells = [cell.value for cell in list(workbook.active.iter_rows())[1]]
    assert cells[2] == '\'=HYPERLINK("http://evil")'
    assert client.get(export.replace(".csv", ".exe")).status_code == 404


def test_bulk_approve_and_check_in(client, organizer):
    conference = organizer.conference
    conference.registration_requires_approval = True
    conference.save()
    pending = [
        services.register(conference, full_name=f"P{n}", email=f"p{n}@example.org", country="BR").registration
        for n in range(2)
    ]
    slug = conference.slug

    client.post(reverse("registrations:manage-registration-bulk", kwargs={"slug": slug}),
                {"action": "approve", "registrations": [pending[0].pk]})  # fmt: skip
    client.post(
        reverse("registrations:manage-registration-check-in-mark", kwargs={"slug": slug}),
        {"registration": pending[0].pk},
    )
    refused = client.post(reverse("registrations:manage-registration-check-in-mark", kwargs={"slug": slug}),
                          {"registration": pending[1].pk}, follow=True)  # fmt: skip
    junk = client.post(
        reverse("registrations:manage-registration-check-in-mark", kwargs={"slug": slug}),
        {"registration": "x"},
    )

    pending[0].refresh_from_db()
    assert pending[0].status == "confirmed" and pending[0].checked_in_at is not None
    assert "Only a confirmed participant" in refused.content.decode()
    assert junk.status_code == 404
    desk = client.get(
        reverse("registrations:manage-registration-check-in", kwargs={"slug": slug}), {"q": "P0"}
    )
    assert "1 present of 1 confirmed" in desk.content.decode()


def test_a_registration_of_another_conference_cannot_be_decided_through_mine(client, organizer):
    theirs = services.register(ConferenceFactory(registration_requires_approval=True), full_name="X",
                               email="x@example.org", country="BR").registration  # fmt: skip

    client.post(reverse("registrations:manage-registration-bulk", kwargs={"slug": organizer.conference.slug}),
                {"action": "approve", "registrations": [theirs.pk]})  # fmt: skip

    theirs.refresh_from_db()
    assert theirs.status == "pending"


def test_organization_suggestions_search_the_conference_s_co_organizers(client):
    conference = ConferenceFactory()
    conference.co_organizers.create(organization=OrganizationFactory(name="Frente Amplio", country="UY"))

    url = reverse("registrations:organization-suggestions", kwargs={"slug": conference.slug})
    found = client.get(url, {"organization_name": "frente"}).content.decode()

    assert '<option value="Frente Amplio">' in found
    assert client.get(url, {"organization_name": "fr"}).content.decode().strip() == ""


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            [
                "full_name",
                "email",
                "country",
                "role",
                "language",
                "organization_name",
                "organization_kind",
                "note",
                "accessibility_needs",
                "languages",
                "i",
            ]
        ),
        st.text(max_size=300),
    )
)
def test_no_input_to_the_form_gives_a_server_error(client, settings, fields):
    settings.RATELIMIT_ENABLE = False  # every example comes from the same client
    conference = ConferenceFactory()

    response = client.post(register_url(conference), {**form_data(), **fields})

    assert response.status_code in (200, 302, 400)


def test_the_form_is_rate_limited_per_address_typed_and_the_switch_turns_it_off(client, settings):
    conference = ConferenceFactory()
    settings.REGISTRATION_RATE_LIMITS = {"ip": "100/h", "email": "2/h"}

    statuses = [client.post(register_url(conference), form_data()).status_code for _attempt in range(3)]
    other_address = client.post(register_url(conference), form_data(email="ben@example.org"))
    settings.RATELIMIT_ENABLE = False
    switched_off = client.post(register_url(conference), form_data())

    assert statuses == [302, 302, 429]
    assert other_address.status_code == 302
    assert switched_off.status_code == 302


def test_the_form_is_rate_limited_per_client_address(client, settings):
    conference = ConferenceFactory()
    settings.REGISTRATION_RATE_LIMITS = {"ip": "2/h", "email": "100/h"}

    statuses = [client.post(register_url(conference), form_data(email=f"p{n}@example.org")).status_code
                for n in range(3)]  # fmt: skip

    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2


def test_me_lists_what_my_verified_addresses_registered_and_mails_the_link(client):

    user = UserFactory(email="ana@example.org")
    conference = ConferenceFactory(title="Conference for Peace")
    mine = services.register(conference, full_name="Ana", email="ana@example.org", country="BR").registration
    theirs = services.register(
        conference, full_name="Ben", email="ben@example.org", country="BR"
    ).registration
    client.force_login(user)

    page = client.get(reverse("registrations:registration-list")).content.decode()
    mailed = client.post(reverse("registrations:registration-link-send", kwargs={"pk": mine.pk}))
    refused = client.post(reverse("registrations:registration-link-send", kwargs={"pk": theirs.pk}))

    assert "Conference for Peace" in page and "ben@example.org" not in page
    assert mailed.status_code == 302
    write_queued()
    assert refused.status_code == 404
    assert (
        OutboxMessage.objects.filter(recipient="ana@example.org", subject__contains="personal link").count()
        == 1
    )


def test_me_needs_signing_in(client):
    assert client.get(reverse("registrations:registration-list")).status_code == 302


def test_organizers_import_registrations_with_a_report_by_line(client, organizer):

    conference = organizer.conference
    conference.capacity = 1
    conference.save()
    services.register(conference, full_name="Old", email="old@example.org", country="FR")
    data = (
        b"Name,Email,Country,Organization,Role\n"
        b"Ana,ana@example.org,BR,Frente,speaker\n"
        b"Bad,not-an-address,BR,,\n"
        b"Cy,cy@example.org,Atlantis,,\n"
        b"Old,OLD@example.org,FR,,\n"
        b"Ana again,ana@example.org,BR,,\n"
        b"Dee,dee@example.org,DE,,minister\n"
    )
    url = reverse("registrations:manage-registration-import", kwargs={"slug": conference.slug})

    response = client.post(url, {"file": SimpleUploadedFile("people.csv", data)})

    report = response.context["report"]
    assert report.added == 1
    assert [problem.line for problem in report.errors] == [3, 4, 7]
    assert [problem.line for problem in report.duplicates] == [5, 6]
    ana = Registration.objects.get(email="ana@example.org")
    assert (ana.status, ana.role, ana.organization.name) == ("waitlisted", "speaker", "Frente")


def test_organizers_write_to_the_ticked_participants_only(client, organizer):
    conference = organizer.conference
    chosen, other = (
        services.register(conference, full_name=name, email=f"{name}@example.org", country="BR").registration
        for name in ("ana", "ben")
    )
    url = reverse("registrations:manage-registration-bulk", kwargs={"slug": conference.slug})

    empty = client.post(
        url, {"write": "1", "registrations": [chosen.pk], "subject": "", "body": ""}, follow=True
    )
    message = {"subject": "Visa letters", "body": "Write to us for a letter."}
    client.post(url, {"write": "1", "action": "approve", "registrations": [chosen.pk], **message})

    assert "A message needs a subject and a text." in empty.content.decode()
    sent = OutboxMessage.objects.get(subject="Visa letters")
    assert (sent.recipient, sent.reply_to) == ("ana@example.org", [organizer.user.email])
    assert not OutboxMessage.objects.filter(recipient=other.email, subject="Visa letters").exists()


def test_control_characters_and_bad_numbers_give_no_server_error(client, organizer):
    conference = organizer.conference
    services.register(conference, full_name="Ana", email="ana@example.org", country="BR", note="tab\x0bbed")
    slug = conference.slug

    xlsx = client.get(
        reverse("registrations:manage-registration-export", kwargs={"slug": slug, "extension": "xlsx"})
    )
    desk = client.get(
        reverse("registrations:manage-registration-check-in", kwargs={"slug": slug}), {"q": "a\x00b"}
    )
    mark = client.post(
        reverse("registrations:manage-registration-check-in-mark", kwargs={"slug": slug}),
        {"registration": "²"},
    )
    too_long = client.post(register_url(conference), form_data(email="a" * 250 + "@example.org"))

    assert (xlsx.status_code, desk.status_code, mark.status_code, too_long.status_code) == (
        200,
        200,
        404,
        400,
    )


def test_me_lists_the_documents_i_submitted_or_that_were_submitted_for_me(client):

    user = UserFactory(email="ana@example.org")
    conference = ConferenceFactory()
    Document.objects.create(conference=conference, title="My report", authors="Ana", language="en",
                            submitter_email="ANA@example.org")  # fmt: skip
    Document.objects.create(conference=conference, title="Report by Ben", authors="Ben", language="en",
                            submitter_email="ben@example.org")  # fmt: skip
    client.force_login(user)

    page = client.get(reverse("registrations:registration-list")).content.decode()

    assert "My report" in page and "Report by Ben" not in page


def crowd(conference, count: int) -> None:
    """`count` registrations as an organizer's list has them: in the directory or typed, some with
    accessibility needs, some present."""
    for number in range(count):
        RegistrationFactory(
            conference=conference, full_name=f"Person {number}",
            organization=OrganizationFactory() if number % 2 else None,
            proposed_organization_name="" if number % 2 else f"Typed {number}",
            accessibility_needs="Step-free access" if number % 3 == 0 else "",
            checked_in_at=timezone.now() if number % 4 == 0 else None,
        )  # fmt: skip


@pytest.mark.parametrize("sort", ["", "-organization", "country"])
@pytest.mark.parametrize("count", [3, 30])
def test_the_organizers_list_costs_the_same_queries_for_3_and_for_30_registrations(
    client, organizer, django_assert_num_queries, count, sort
):
    conference = organizer.conference
    crowd(conference, count)
    url = reverse("registrations:manage-registration-list", kwargs={"slug": conference.slug})

    # session, user, membership with its conference, the counts by status (also in the status filter), the
    # page's count, the seats taken, the page with the organizations, the organization and delegation
    # filters' choices; sorted by any column, all the same
    with django_assert_num_queries(9):
        response = client.get(url, {"sort": sort, "status": "confirmed"} if sort else {})

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("count", [3, 30])
def test_the_export_costs_the_same_queries_for_3_and_for_30_registrations(
    client, organizer, django_assert_num_queries, extension, count
):
    conference = organizer.conference
    crowd(conference, count)
    url = reverse(
        "registrations:manage-registration-export", kwargs={"slug": conference.slug, "extension": extension}
    )

    with django_assert_num_queries(4):  # session, user, membership, the rows with the organizations
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_me_costs_the_same_queries_for_3_and_for_30_of_each(client, django_assert_num_queries, count):
    user = UserFactory(email="ana@example.org")
    for number in range(count):
        conference = ConferenceFactory()
        RegistrationFactory(conference=conference, email="ana@example.org")
        session = create_session(
            conference,
            title=f"Report {number}",
            starts_at=at(conference, 0, 9),
            ends_at=at(conference, 0, 10),
        )
        Star.objects.create(user=user, session=session)
        Document.objects.create(conference=conference, title=f"Report {number}", authors="Ana",
                                language="en", submitter_email="ana@example.org")  # fmt: skip
        Invitation.objects.create(conference=conference, email="ana@example.org", language="en",
                                  expires_at=timezone.now() + timedelta(days=30))  # fmt: skip
    client.force_login(user)
    agenda_token(user)  # the feed's key, made on the first visit

    # session, user, the verified addresses (twice), the agenda key, then registrations, invitations,
    # starred sessions and documents, each with its conference
    with django_assert_num_queries(9):
        response = client.get(reverse("registrations:registration-list"))

    assert [
        len(response.context[name]) for name in ("registrations", "invitations", "starred", "documents")
    ] == [count] * 4
