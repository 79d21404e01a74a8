"""Statements: public from their date, with their translations; recordings gathered on the conference page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from events.enums import TeamRole
from proceedings.models import Statement
from program.services import create_session
from tests.factories import ConferenceFactory, MembershipFactory
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    return ConferenceFactory()


def statement_url(statement) -> str:
    return reverse(
        "proceedings:statement-detail", kwargs={"slug": statement.conference.slug, "pk": statement.pk}
    )


def test_a_statement_is_public_from_its_date_with_its_translations(client, conference):
    original = Statement.objects.create(
        conference=conference, title="On political prisoners", language="en",
        body="Free them. <script>alert(1)</script>", published_on=date(2022, 6, 26),
    )  # fmt: skip
    translation = Statement.objects.create(conference=conference, title="Sur les prisonniers politiques",
                                           language="fr", body="Libérez-les.", translation_of=original,
                                           published_on=date(2022, 6, 26))  # fmt: skip
    later = Statement.objects.create(conference=conference, title="Tomorrow", language="en", body="x",
                                     published_on=date.today() + timedelta(days=1))  # fmt: skip
    unpublished = Statement.objects.create(conference=conference, title="Not yet", language="en", body="x")

    page = client.get(conference.get_absolute_url()).content.decode()
    shown = client.get(statement_url(translation)).content.decode()

    assert "On political prisoners" in page and "French" in page
    assert "Tomorrow" not in page and "Not yet" not in page
    assert "Libérez-les." in shown and "On political prisoners" in shown and "(original)" in shown
    assert "<script>" not in client.get(statement_url(original)).content.decode()
    for hidden in (later, unpublished):
        assert client.get(statement_url(hidden)).status_code == 404


def test_the_team_sees_and_writes_statements_and_a_translation_stays_one_level_deep(client, conference):
    membership = MembershipFactory(conference=conference, role=TeamRole.ORGANIZER)
    client.force_login(membership.user)
    create = reverse("proceedings:manage-statement-create", kwargs={"slug": conference.slug})

    client.post(create, {"title": "Greetings", "language": "en", "body": "To the strikers."})
    original = Statement.objects.get()
    client.post(create, {"title": "Salutations", "language": "fr", "body": "Aux grévistes.",
                         "translation_of": original.pk})  # fmt: skip
    other = Statement.objects.create(conference=conference, title="Other", language="en", body="x")
    refused = client.post(
        reverse("proceedings:manage-statement-edit", kwargs={"slug": conference.slug, "pk": original.pk}),
        {"title": "Greetings", "language": "en", "body": "x", "translation_of": other.pk},
    )
    bad = client.post(create, {"title": "", "language": "xx-nowhere", "body": ""})

    assert refused.status_code == 400 and "stays an original" in refused.content.decode()
    assert bad.status_code == 400 and Statement.objects.count() == 3
    assert client.get(statement_url(original)).status_code == 200  # the team reads it before its date


def test_a_translation_of_another_conferences_statement_is_refused(client, conference):
    membership = MembershipFactory(conference=conference, role=TeamRole.ORGANIZER)
    elsewhere = Statement.objects.create(
        conference=ConferenceFactory(), title="Other", language="en", body="x"
    )
    client.force_login(membership.user)

    response = client.post(
        reverse("proceedings:manage-statement-create", kwargs={"slug": conference.slug}),
        {"title": "T", "language": "fr", "body": "x", "translation_of": elsewhere.pk},
    )

    assert response.status_code == 400 and not conference.statements.exists()


def test_the_conference_page_gathers_the_recordings_by_day(client, conference):
    for title, day, hour in (("Opening", 0, 9), ("Closing", 1, 16)):
        create_session(conference, title=title, starts_at=at(conference, day, hour),
                       ends_at=at(conference, day, hour + 1),
                       recording_url=f"https://video.example.org/{title.lower()}")  # fmt: skip
    create_session(conference, title="Lunch", starts_at=at(conference, 0, 12), ends_at=at(conference, 0, 13))

    page = client.get(conference.get_absolute_url())

    days = page.context["recordings"]
    assert [[session.title for session in sessions] for sessions in days.values()] == [
        ["Opening"],
        ["Closing"],
    ]
    assert "https://video.example.org/closing" in page.content.decode()


def test_an_unpublished_original_is_not_named_beside_its_published_translation(client, conference):
    original = Statement.objects.create(
        conference=conference, title="Secret draft title", language="en", body="x"
    )
    translation = Statement.objects.create(
        conference=conference, title="Traduction", language="fr", body="x", translation_of=original,
        published_on=date(2022, 6, 26),
    )  # fmt: skip

    page = client.get(statement_url(translation)).content.decode()

    assert "Traduction" in page and "Secret draft" not in page
