"""Deleting a session: a confirmation page first that names what goes; the deletion is in the History."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from events.enums import TeamRole
from program.models import Session, SessionMaterial, SessionPerson, Star
from program.services import create_session
from tests.factories import ConferenceFactory, UserFactory
from tests.program.test_program import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    conference = ConferenceFactory()
    made = create_session(
        conference, title="Report", starts_at=at(conference, 0, 9), ends_at=at(conference, 0, 10)
    )
    SessionPerson.objects.create(session=made, name="Ana")
    SessionPerson.objects.create(session=made, name="Bo")
    material = SessionMaterial(session=made, title="Slides", file_kind="pdf", file_size=9)
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    Star.objects.create(user=UserFactory(), session=made)
    return made


@pytest.fixture
def organizer(sign_in_team, session):
    return sign_in_team(TeamRole.ORGANIZER, conference=session.conference)


def delete_url(session) -> str:
    return reverse(
        "program:manage-session-delete", kwargs={"slug": session.conference.slug, "pk": session.pk}
    )


def test_deleting_a_session_asks_first_naming_what_goes(client, organizer, session):
    page = client.get(delete_url(session))

    assert page.status_code == 200
    text = page.content.decode()
    assert 'Delete “<bdi lang="en" dir="ltr">Report</bdi>”?' in text
    assert "<li>2 speakers or chairs</li>" in text
    assert "<li>1 material</li>" in text
    assert "<li>1 follower</li>" in text
    assert 'method="post"' in text
    assert Session.objects.filter(pk=session.pk).exists()


def test_a_deleted_session_is_in_the_conferences_history(client, organizer, session):
    response = client.post(delete_url(session))
    history = client.get(
        reverse("events:manage-conference-history", kwargs={"slug": session.conference.slug})
    )

    assert response.status_code == 302
    assert not Session.objects.filter(pk=session.pk).exists()
    [record] = Session.history.filter(id=session.pk, history_type="-")
    assert (record.title, record.history_user) == ("Report", organizer.user)
    assert "Removed: <bdi>Session “<bdi>Report</bdi>”</bdi>" in history.content.decode()


def test_the_session_form_links_to_the_confirmation_page(client, organizer, session):
    page = client.get(
        reverse("program:manage-session-edit", kwargs={"slug": session.conference.slug, "pk": session.pk})
    )

    assert f'href="{delete_url(session)}"' in page.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_history_query_count_does_not_grow_with_deleted_sessions(
    client, organizer, session, django_assert_num_queries, count
):
    conference = session.conference
    for number in range(count):
        made = create_session(
            conference, title=f"S{number}", starts_at=at(conference, 0, 11), ends_at=at(conference, 0, 12)
        )
        client.post(delete_url(made))

    with django_assert_num_queries(10):
        page = client.get(reverse("events:manage-conference-history", kwargs={"slug": conference.slug}))

    assert page.content.decode().count("Removed: <bdi>Session") == count
