"""Dates typed into forms stay within what every page and export can render."""

from datetime import date

import icalendar
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from events.enums import ConferenceStatus, TeamRole
from events.forms.conferences import ConferenceCreateForm
from events.forms.meetings import MeetingForm
from proceedings.forms.statements import StatementForm
from program.forms import MoveForm, SessionForm
from tests.events.views.test_manage_conferences import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(sign_in_team):
    return sign_in_team(TeamRole.OWNER, conference__status=ConferenceStatus.PUBLISHED)


def public_pages_answer(client, conference) -> list[int]:
    slug = {"slug": conference.slug}
    codes = []
    for name in ["events:conference-detail", "registrations:registration-create", "program:program-ics",
                 "program:schedule-json", "program:schedule-xml"]:  # fmt: skip
        response = client.get(reverse(name, kwargs=slug))
        codes.append(response.status_code)
        if name == "program:program-ics" and response.status_code == 200:
            icalendar.Calendar.from_ical(response.content)
    return codes


def test_conference_last_day_in_year_9999_is_refused(client, organizer):
    conference = organizer.conference
    response = client.post(
        reverse("events:manage-conference-edit", kwargs={"slug": conference.slug}),
        edit_data(conference, ends_on="9999-12-31"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"ends_on": ["Give a date between 1900 and 2200."]}
    conference.refresh_from_db()
    assert conference.ends_on != date(9999, 12, 31)
    assert public_pages_answer(client, conference) == [200, 200, 200, 200, 200]


def test_conference_create_refuses_a_first_day_before_1900():
    form = ConferenceCreateForm(
        {"title": "Old", "starts_on": "1899-12-31", "ends_on": "1900-01-01", "timezone": "UTC"}
    )

    assert form.errors == {"starts_on": ["Give a date between 1900 and 2200."]}


def test_statement_publication_date_in_year_9999_is_refused(organizer):
    form = StatementForm(
        {"title": "Statement", "language": "en", "published_on": "9999-12-31", "body": "Text"},
        conference=organizer.conference,
    )

    assert form.errors == {"published_on": ["Give a date between 1900 and 2200."]}


@pytest.mark.parametrize(
    ("form_class", "data"),
    [
        (MeetingForm, {"title": "M", "starts_at": "9999-12-31T23:00", "ends_at": "9999-12-31T23:30",
                       "status": "scheduled"}),
        (SessionForm, {"title": "S", "kind": "plenary", "starts_at": "9999-12-31T23:00",
                       "ends_at": "9999-12-31T23:30", "status": "scheduled"}),
        (MoveForm, {"starts_at": "9999-12-31T23:00"}),
    ],
)  # fmt: skip
def test_date_times_in_year_9999_are_refused(organizer, form_class, data):
    kwargs = {} if form_class is MeetingForm else {"conference": organizer.conference}
    form = form_class(data, **kwargs)

    assert form.errors["starts_at"] == ["Give a date between 1900 and 2200."]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    starts_on=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    days=st.integers(min_value=0, max_value=3),
    timezone=st.sampled_from(["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Tehran"]),
)
@example(starts_on=date(9999, 12, 30), days=1, timezone="UTC")
@example(starts_on=date(1, 1, 1), days=1, timezone="Pacific/Pago_Pago")
@example(starts_on=date(2200, 12, 31), days=0, timezone="Pacific/Kiritimati")
@example(starts_on=date(1900, 1, 1), days=0, timezone="Pacific/Pago_Pago")
def test_any_conference_dates_leave_every_page_answering(client, organizer, starts_on, days, timezone):
    conference = organizer.conference
    ends_on = date.fromordinal(min(starts_on.toordinal() + days, date.max.toordinal()))
    response = client.post(
        reverse("events:manage-conference-edit", kwargs={"slug": conference.slug}),
        edit_data(
            conference, starts_on=starts_on.isoformat(), ends_on=ends_on.isoformat(), timezone=timezone
        ),
    )

    conference.refresh_from_db()
    if response.status_code == 200:  # refused: the form says why, and nothing was saved
        assert set(response.context["form"].errors) <= {"starts_on", "ends_on"}
    else:
        assert (conference.starts_on, conference.ends_on) == (starts_on, ends_on)
    assert public_pages_answer(client, conference) == [200, 200, 200, 200, 200]
