"""The organizers' list: sorting by any column, counts per status, and bulk actions on the ticked
registrations or on every one the filters match."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from events.enums import TeamRole
from outbox.models import OutboxMessage
from registrations.enums import RegistrationStatus
from tests.factories import OrganizationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def list_url(conference) -> str:
    return reverse("registrations:manage-registration-list", kwargs={"slug": conference.slug})


def bulk_url(conference, query: str = "") -> str:
    url = reverse("registrations:manage-registration-bulk", kwargs={"slug": conference.slug})
    return f"{url}?{query}" if query else url


def names(response) -> list[str]:
    return [registration.full_name for registration in response.context["page"].object_list]


@pytest.fixture
def four(organizer):
    """Four registrations, registered in this order: Dina, bea, Carl, Abel."""
    conference = organizer.conference
    now = timezone.now()
    rows = [
        ("Dina", "JP", "press", "waitlisted", "Zeta Union"),
        ("bea", "BR", "delegate", "cancelled", None),
        ("Carl", "DE", "observer", "confirmed", "Alpha Party"),
        ("Abel", "FR", "speaker", "pending", "beta Journal"),
    ]
    for minutes, (name, country, role, status, organization) in enumerate(rows):
        registration = RegistrationFactory(
            conference=conference, full_name=name, country=country, role=role, status=status,
            organization=OrganizationFactory(name=organization) if organization else None,
        )  # fmt: skip
        type(registration).objects.filter(pk=registration.pk).update(
            created_at=now + timedelta(minutes=minutes)
        )
    return conference


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Dina", "bea", "Carl", "Abel"]),  # the order of registration
        ("name", ["Abel", "bea", "Carl", "Dina"]),  # whatever the case
        ("-name", ["Dina", "Carl", "bea", "Abel"]),
        ("organization", ["Carl", "Abel", "Dina", "bea"]),  # individuals last
        ("-organization", ["Dina", "Abel", "Carl", "bea"]),
        ("country", ["bea", "Abel", "Carl", "Dina"]),  # Brazil, France, Germany, Japan: by name, not code
        ("role", ["bea", "Carl", "Abel", "Dina"]),  # delegate, observer, speaker, press
        ("status", ["Abel", "Carl", "Dina", "bea"]),  # pending, confirmed, waitlisted, cancelled
        ("-registered", ["Abel", "Carl", "bea", "Dina"]),
        ("password", ["Dina", "bea", "Carl", "Abel"]),  # not a column: the order of registration
    ],
)
def test_the_list_sorts_by_any_column_both_ways(client, four, sort, expected):
    response = client.get(list_url(four), {"sort": sort})

    assert response.status_code == 200
    assert names(response) == expected


def test_the_headings_sort_keeping_the_filters_and_back_to_the_first_page(client, four):
    response = client.get(list_url(four), {"status": "confirmed", "sort": "name", "page": "1"})

    text = response.content.decode()
    links = {
        match[1]: parse_qs(urlsplit(match[0].replace("&amp;", "&")).query)
        for match in re.findall(r'<a href="(\?[^"]*)">([^<]+)</a>', text)
    }
    assert links["Name"] == {"status": ["confirmed"], "sort": ["-name"]}  # the current one, turned round
    assert links["Country"] == {"status": ["confirmed"], "sort": ["country"]}
    assert 'aria-sort="ascending"' in text
    assert '<input type="hidden" name="sort" value="name"' in text  # filtering again keeps the sort


def test_the_status_filter_counts_each_status(client, four):
    RegistrationFactory(conference=four, status=RegistrationStatus.CONFIRMED)

    form = client.get(list_url(four)).context["form"]

    assert form.fields["status"].choices == [
        ("", "Any status"),
        ("pending", "Waiting for approval (1)"),
        ("confirmed", "Confirmed (2)"),
        ("waitlisted", "On the waiting list (1)"),
        ("rejected", "Not accepted (0)"),
        ("cancelled", "Cancelled (1)"),
    ]


def test_the_page_loads_its_script_deferred_and_has_none_inline(client, four):
    text = client.get(list_url(four)).content.decode()

    assert re.search(r'<script src="[^"]*/js/select-all\.js" defer></script>', text)
    assert [script for script in re.findall(r"<script[^>]*>", text) if "src=" not in script] == []
    assert 'data-select-all="registrations" hidden' in text  # shown by the script only
    assert 'name="everything"' in text and 'name="matching" value="4"' in text


@pytest.fixture
def crowd(organizer):
    """55 registrations from Brazil (more than a page) and 5 from France, all confirmed."""
    conference = organizer.conference
    for number in range(60):
        RegistrationFactory(
            conference=conference, full_name=f"P{number}", country="BR" if number < 55 else "FR"
        )
    return conference


def test_all_matching_applies_to_the_filtered_set_recomputed_on_the_server(client, crowd):
    french = crowd.registrations.filter(country="FR").first()

    response = client.post(
        bulk_url(crowd, "country=BR&sort=name&page=2"),
        {"action": "role-press", "everything": "1", "matching": "55", "registrations": [french.pk]},
    )

    assert response.status_code == 302
    assert response["Location"] == list_url(crowd) + "?country=BR&sort=name&page=2"
    roles = {country: set(crowd.registrations.filter(country=country).values_list("role", flat=True))
             for country in ("BR", "FR")}  # fmt: skip
    assert roles == {
        "BR": {"press"},
        "FR": {"delegate"},
    }  # the id sent beside "all matching" counts for nothing


def test_all_matching_is_refused_when_the_set_has_changed_since_the_page(client, crowd):
    RegistrationFactory(conference=crowd, country="BR")  # registered meanwhile: 56 now

    response = client.post(
        bulk_url(crowd, "country=BR"), {"action": "cancel", "everything": "1", "matching": "55"}, follow=True
    )

    assert "have changed since the page was shown: nothing was done" in response.content.decode()
    assert crowd.registrations.filter(status=RegistrationStatus.CANCELLED).count() == 0


def test_without_all_matching_only_the_ticked_ones_are_done(client, crowd):
    ticked = list(crowd.registrations.filter(country="BR").values_list("pk", flat=True)[:2])

    client.post(
        bulk_url(crowd, "country=BR"), {"action": "cancel", "matching": "55", "registrations": ticked}
    )
    nothing = client.post(bulk_url(crowd), {"action": "cancel", "matching": "60"}, follow=True)

    assert set(crowd.registrations.filter(status="cancelled").values_list("pk", flat=True)) == set(ticked)
    assert "Tick at least one registration" in nothing.content.decode()


def test_a_message_to_all_matching_goes_to_each_of_them(client, crowd):
    client.post(
        bulk_url(crowd, "country=FR"),
        {
            "write": "1",
            "everything": "1",
            "matching": "5",
            "subject": "Visas",
            "body": "Bring your passport.",
        },
    )

    assert OutboxMessage.objects.filter(subject="Visas").count() == 5


def test_bulk_refusals_are_listed_up_to_twenty_and_then_counted(client, crowd):
    response = client.post(
        bulk_url(crowd), {"action": "approve", "everything": "1", "matching": "60"}, follow=True
    )  # none is pending: each is refused

    shown = [str(message) for message in response.context["messages"]]
    assert shown[0] == "0 registrations done."
    assert len(shown) == 22 and shown[-1] == "40 more were not done."


def test_a_viewer_sees_no_bulk_form(client, sign_in_team):
    viewer = sign_in_team(TeamRole.VIEWER)
    RegistrationFactory(conference=viewer.conference)

    text = client.get(list_url(viewer.conference)).content.decode()

    assert 'name="everything"' not in text and "data-select-all" not in text
