from datetime import UTC, date, datetime

import icalendar
import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from events.enums import ConferenceStatus, TeamRole
from events.models import Conference, ConferenceOrganizer
from tests.factories import (
    ConferenceFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer(sign_in_team):
    return sign_in_team(TeamRole.OWNER, conference__status=ConferenceStatus.DRAFT)


def edit_data(conference, **changes):
    data = {
        "title": conference.title,
        "slug": conference.slug,
        "starts_on": conference.starts_on.isoformat(),
        "ends_on": conference.ends_on.isoformat(),
        "timezone": conference.timezone,
        "format": conference.format,
        "join_opens_minutes": conference.join_opens_minutes,
        "public_roles": conference.public_roles,
    }
    data.update(changes)
    return data


def test_create_conference_from_the_workspace(client):
    user = UserFactory(may_create_conferences=True)
    client.force_login(user)

    response = client.post(
        reverse("events:manage-conference-create"),
        {
            "title": "Second International Conference",
            "starts_on": "2027-03-06",
            "ends_on": "2027-03-07",
            "timezone": "Europe/Rome",
        },
    )

    conference = Conference.objects.get()
    assert response["Location"] == reverse(
        "events:manage-conference-dashboard", kwargs={"slug": "second-international-conference"}
    )
    assert conference.memberships.get().user == user


CREATE_DATA = {
    "title": "Open Conference",
    "starts_on": "2027-03-06",
    "ends_on": "2027-03-07",
    "timezone": "UTC",
}


def test_workspace_without_the_creation_permission_offers_no_creation(client):
    client.force_login(UserFactory())

    response = client.get(reverse("events:manage-conference-list"))

    assert response.status_code == 200
    assert reverse("events:manage-conference-create") not in response.content.decode()
    assert "Create a conference" not in response.content.decode()
    assert reverse("events:manage-organization-list") not in response.content.decode()


def test_workspace_with_the_creation_permission_links_to_creation(client):
    client.force_login(UserFactory(may_create_conferences=True))

    response = client.get(reverse("events:manage-conference-list"))

    assert reverse("events:manage-conference-create") in response.content.decode()
    assert reverse("events:manage-organization-list") in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_create_without_the_creation_permission_is_forbidden(client, method):
    client.force_login(UserFactory())

    response = getattr(client, method)(reverse("events:manage-conference-create"), CREATE_DATA)

    assert response.status_code == 403
    assert Conference.objects.count() == 0


def test_create_by_staff_without_the_permission_is_forbidden(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(reverse("events:manage-conference-create"), CREATE_DATA)

    assert response.status_code == 403


def test_create_by_a_superuser_works(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(reverse("events:manage-conference-create"), CREATE_DATA)

    assert response.status_code == 302
    assert Conference.objects.get().slug == "open-conference"


def test_create_with_open_conference_creation_works_for_any_account(client, settings):
    settings.OPEN_CONFERENCE_CREATION = True
    user = UserFactory()
    client.force_login(user)

    page = client.get(reverse("events:manage-conference-list"))
    response = client.post(reverse("events:manage-conference-create"), CREATE_DATA)

    assert reverse("events:manage-conference-create") in page.content.decode()
    assert response.status_code == 302
    assert Conference.objects.get().memberships.get().user == user


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_on": "2027-06-06", "ends_on": "2027-06-05"}, "ends_on"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"starts_on": "2027-02-30"}, "starts_on"),
        ({"slug": "has spaces"}, "slug"),
        # The title is asked once per language; a new conference's first language is the creator's.
        ({"title": ""}, "title_en"),
    ],
)
def test_create_with_bad_input_shows_the_error_by_its_field_and_saves_nothing(client, changes, field):
    client.force_login(UserFactory(may_create_conferences=True))
    data = {
        "title": "A conference",
        "starts_on": "2027-06-05",
        "ends_on": "2027-06-06",
        "timezone": "UTC",
        **changes,
    }

    response = client.post(reverse("events:manage-conference-create"), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Conference.objects.count() == 0


def test_edit_with_a_slug_already_taken_is_refused(client, organizer):
    ConferenceFactory(slug="taken")
    conference = organizer.conference

    response = client.post(
        reverse("events:manage-conference-edit", kwargs={"slug": conference.slug}),
        edit_data(conference, slug="taken"),
    )

    assert list(response.context["form"].errors) == ["slug"]
    conference.refresh_from_db()
    assert conference.slug != "taken"


def test_edit_reads_registration_times_in_the_conferences_time_zone(client, organizer):
    conference = organizer.conference
    conference.timezone = "Asia/Tehran"
    conference.save()

    client.post(
        reverse("events:manage-conference-edit", kwargs={"slug": conference.slug}),
        edit_data(
            conference, registration_opens_at="2027-05-01T09:00", registration_closes_at="2027-05-20T18:30"
        ),
    )

    conference.refresh_from_db()
    assert conference.registration_opens_at.isoformat() == "2027-05-01T05:30:00+00:00"


def test_edit_with_registration_closing_before_opening_is_refused(client, organizer):
    conference = organizer.conference

    response = client.post(
        reverse("events:manage-conference-edit", kwargs={"slug": conference.slug}),
        edit_data(
            conference, registration_opens_at="2027-05-20T09:00", registration_closes_at="2027-05-01T09:00"
        ),
    )

    assert list(response.context["form"].errors) == ["registration_closes_at"]


def test_organizers_choose_the_roles_open_on_the_registration_form(client, organizer):
    conference = organizer.conference
    url = reverse("events:manage-conference-edit", kwargs={"slug": conference.slug})

    offered = client.get(url).context["form"].fields["public_roles"].choices
    client.post(url, edit_data(conference, public_roles=["observer", "press"]))
    conference.refresh_from_db()
    chosen = conference.public_roles
    none = client.post(url, edit_data(conference, public_roles=[]))
    unknown = client.post(url, edit_data(conference, public_roles=["observer", "chairman"]))

    assert [value for value, _label in offered] == ["delegate", "observer", "speaker", "press", "guest"]
    assert chosen == ["observer", "press"]
    assert none.context["form"].errors == {
        "public_roles": ["Open at least one role: each participant registers with one."]
    }
    assert list(unknown.context["form"].errors) == ["public_roles"]
    conference.refresh_from_db()
    assert conference.public_roles == ["observer", "press"]


def test_viewer_sees_the_details_read_only(client):
    viewer = MembershipFactory(role=TeamRole.VIEWER)
    client.force_login(viewer.user)

    page = client.get(
        reverse("events:manage-conference-edit", kwargs={"slug": viewer.conference.slug})
    ).content.decode()

    assert "<fieldset disabled>" in page
    assert 'type="submit"' not in page.split('<main id="main"', 1)[1].split("</form>", 1)[0]


def test_publishing_without_the_checklist_shows_what_is_missing(client, organizer):
    conference = organizer.conference

    response = client.post(
        reverse("events:manage-conference-publish", kwargs={"slug": conference.slug}), follow=True
    )

    assert "Before publishing, add: A description, At least one co-organizer." in response.content.decode()
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.DRAFT


def test_add_a_new_organization_as_co_organizer(client, organizer):
    conference = organizer.conference

    client.post(
        reverse("events:manage-co-organizer-add", kwargs={"slug": conference.slug}),
        {"new_name": "Workers' Journal", "new_kind": "journal", "new_country": "GR"},
    )

    [co_organizer] = conference.co_organizers.select_related("organization")
    assert (co_organizer.organization.name, co_organizer.organization.country.code) == (
        "Workers' Journal",
        "GR",
    )


def test_add_co_organizer_from_the_directory_and_refuse_it_twice(client, organizer):
    conference, organization = organizer.conference, OrganizationFactory()
    url = reverse("events:manage-co-organizer-add", kwargs={"slug": conference.slug})

    client.post(url, {"organization": organization.pk})
    response = client.post(url, {"organization": organization.pk})

    assert ConferenceOrganizer.objects.filter(conference=conference).count() == 1
    assert response.context["form"].errors == {"organization": [f"{organization} is already a co-organizer."]}


def test_add_co_organizer_with_nothing_chosen_says_so(client, organizer):
    response = client.post(
        reverse("events:manage-co-organizer-add", kwargs={"slug": organizer.conference.slug}), {}
    )

    assert response.context["form"].non_field_errors() == [
        "Choose an organization from the directory, or give a new one's name."
    ]


def test_owner_adds_a_team_member_and_an_organizer_cannot(client, organizer):
    conference = organizer.conference
    url = reverse("events:manage-team-add", kwargs={"slug": conference.slug})

    client.post(url, {"email": "colleague@example.org", "role": "organizer"})
    colleague = conference.memberships.get(user__email="colleague@example.org")
    client.force_login(colleague.user)
    response = client.post(url, {"email": "another@example.org", "role": "owner"})

    assert response.status_code == 403
    assert conference.memberships.count() == 2


def test_history_shows_who_changed_what(client, organizer):
    conference = organizer.conference
    client.post(
        reverse("events:manage-conference-edit", kwargs={"slug": conference.slug}),
        edit_data(conference, title="Renamed conference"),
    )

    response = client.get(reverse("events:manage-conference-history", kwargs={"slug": conference.slug}))

    [latest, *_] = response.context["page"].object_list
    assert (latest.who, latest.action, latest.what) == (organizer.user.email, "~", "Renamed conference")
    assert ("title", conference.title, "Renamed conference") in latest.changes


@pytest.mark.parametrize("count", [2, 12])
def test_history_query_count_does_not_grow_with_changes(client, organizer, django_assert_num_queries, count):
    conference = organizer.conference
    for number in range(count):
        conference.title = f"Title {number}"
        conference.save()
        MeetingFactory(conference=conference)

    with django_assert_num_queries(11):
        client.get(reverse("events:manage-conference-history", kwargs={"slug": conference.slug}))


def test_meeting_is_planned_in_the_conference_time_zone_and_downloads_as_ics(client, organizer):
    conference = organizer.conference
    conference.timezone = "Europe/Istanbul"
    conference.save()

    client.post(
        reverse("events:manage-meeting-create", kwargs={"slug": conference.slug}),
        {
            "title": "Preparatory meeting",
            "starts_at": "2022-05-22T15:00",
            "ends_at": "2022-05-22T17:00",
            "status": "scheduled",
        },
    )
    meeting = conference.meetings.get()
    response = client.get(
        reverse("events:manage-meeting-ics", kwargs={"slug": conference.slug, "pk": meeting.pk})
    )

    assert meeting.starts_at.isoformat() == "2022-05-22T12:00:00+00:00"
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event["DTSTART"].dt.isoformat() == "2022-05-22T15:00:00+03:00"


def test_invited_participant_downloads_the_meeting_ics_and_others_cannot(client):
    meeting = MeetingFactory()
    invited, stranger = UserFactory(email="invited@example.org"), UserFactory()
    meeting.participants.create(name="Invited", email="invited@example.org")
    url = reverse("events:meeting-ics", kwargs={"uid": meeting.uid})

    client.force_login(invited)
    allowed = client.get(url)
    client.force_login(stranger)
    refused = client.get(url)

    assert (allowed.status_code, refused.status_code) == (200, 404)


def test_attendance_is_recorded(client, organizer):
    meeting = MeetingFactory(conference=organizer.conference)
    participant = meeting.participants.create(name="Ana", email="ana@example.org")
    url = reverse(
        "events:manage-meeting-participant-update",
        kwargs={"slug": meeting.conference.slug, "pk": meeting.pk, "participant_pk": participant.pk},
    )

    client.post(url, {"attended": "true"})

    participant.refresh_from_db()
    assert participant.attended is True


def test_workspace_lists_only_my_conferences(client, organizer):
    ConferenceFactory(title="Someone else's")

    response = client.get(reverse("events:manage-conference-list"))

    assert [membership.conference for membership in response.context["memberships"]] == [organizer.conference]


def test_an_organization_co_organizing_someone_elses_conference_cannot_be_edited(client):
    """Otherwise anyone could create a draft, become its owner, and rewrite links on other teams' pages."""
    theirs = ConferenceFactory()
    organization = OrganizationFactory(website="https://real.example.org")
    ConferenceOrganizer.objects.create(conference=theirs, organization=organization)
    stranger = MembershipFactory(role=TeamRole.OWNER).user
    client.force_login(stranger)
    url = reverse("events:manage-organization-edit", kwargs={"pk": organization.pk})

    response = client.post(
        url, {"name": organization.name, "kind": "party", "website": "https://evil.example"}
    )

    organization.refresh_from_db()
    assert response.status_code == 302  # a proposal for site staff, not a change
    assert organization.website == "https://real.example.org"
    assert organization.proposals.get().changes == {
        "kind": "party",
        "country": "",
        "website": "https://evil.example",
    }


def test_an_organization_of_my_own_conferences_can_be_edited(client, organizer):
    organization = OrganizationFactory(name="Ours", country="IT", created_by_conference=organizer.conference)
    ConferenceOrganizer.objects.create(conference=organizer.conference, organization=organization)

    response = client.post(
        reverse("events:manage-organization-edit", kwargs={"pk": organization.pk}),
        {"name": "Ours", "kind": "party", "country": "IT", "website": "https://ours.example.org"},
    )

    organization.refresh_from_db()
    assert (response.status_code, organization.website) == (302, "https://ours.example.org")


@pytest.fixture
def owner(sign_in_team):
    return sign_in_team(TeamRole.OWNER, conference__timezone="Asia/Tokyo")


def test_history_survives_a_deleted_account(client, owner):
    member = MembershipFactory(conference=owner.conference, role=TeamRole.VIEWER)
    get_user_model().objects.filter(pk=member.user.pk).delete()

    response = client.get(reverse("events:manage-conference-history", kwargs={"slug": owner.conference.slug}))

    assert response.status_code == 200


def test_a_viewer_cannot_attach_a_conference_to_a_series_they_cannot_change(client):
    theirs = ConferenceFactory(title="Their conference")
    MembershipFactory(conference=theirs, role=TeamRole.VIEWER, user=(mine := MembershipFactory(
        role=TeamRole.OWNER, conference__status=ConferenceStatus.DRAFT)).user)  # fmt: skip
    client.force_login(mine.user)

    response = client.get(reverse("events:manage-conference-edit", kwargs={"slug": mine.conference.slug}))

    assert list(response.context["form"].fields["follows"].queryset) == []


def add_to(conference, count: int) -> None:
    """`count` team members, co-organizers and preparatory meetings."""
    for number in range(count):
        MembershipFactory(conference=conference, role=TeamRole.VIEWER)
        ConferenceOrganizer.objects.create(
            conference=conference, organization=OrganizationFactory(), position=number
        )
        MeetingFactory(conference=conference)


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("events:manage-team-list", 4),
        ("events:manage-co-organizer-list", 4),
        ("events:manage-meeting-list", 4),
    ],
)
@pytest.mark.parametrize("count", [3, 30])
def test_the_team_co_organizer_and_meeting_lists_cost_the_same_queries_for_3_and_for_30_rows(
    client, organizer, django_assert_num_queries, name, queries, count
):
    add_to(organizer.conference, count)

    with django_assert_num_queries(queries):  # session, user, membership with its conference, the rows
        response = client.get(reverse(name, kwargs={"slug": organizer.conference.slug}))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_workspace_costs_the_same_queries_for_3_and_for_30_conferences(
    client, organizer, django_assert_num_queries, count
):
    for _number in range(count - 1):
        MembershipFactory(user=organizer.user, role=TeamRole.ORGANIZER)

    # session, user, its permissions (own and by group) and whether it organizes anything, for "may
    # create"; the memberships with their conferences
    with django_assert_num_queries(6):
        response = client.get(reverse("events:manage-conference-list"))

    assert len(response.context["memberships"]) == count


def test_organizers_edit_the_privacy_notice_of_the_registration_form(client, organizer):
    conference = organizer.conference
    notice = "We keep your name and address until the end of the year.\nWrite to us to be forgotten."

    response = client.post(
        reverse("events:manage-conference-edit", kwargs={"slug": conference.slug}),
        edit_data(conference, privacy_notice=notice),
    )

    conference.refresh_from_db()
    assert response.status_code == 302
    assert conference.privacy_notice == notice


def change_lines(response) -> list[tuple[str, str, str, str]]:
    """Each change of the history's newest entry as (field, old value, arrow, new value), as shown."""
    [newest, *_older] = lxml.html.fromstring(response.content.decode()).xpath("//tbody/tr")
    return [
        (
            line.findtext("strong"),
            line.find("del").text_content(),
            line.find("span").text,
            line.find("ins").text_content(),
        )
        for line in newest.xpath('td[@class="diff"]/div')
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                ("Format", "In person", "→", "Hybrid"),
                ("Registration opens", "—", "→", "June 1, 2026, 9:30 a.m."),
                ("Registrations need approval", "No", "→", "Yes"),
                ("First day", "March 6, 2027", "→", "March 5, 2027"),
                ("Roles open on the registration form", "Delegate, Observer", "→", "Delegate, Press"),
                ("Working languages", "English", "→", "English, Turkish"),
            ],
        ),
        (
            "ar",
            [
                ("الصيغة", "حضوري", "←", "هجين"),
                ("بدء التسجيل", "—", "←", "يونيو 1, 2026, 9:30 ص"),
                ("التسجيل يحتاج إلى موافقة", "لا", "←", "نعم"),
                ("اليوم الأول", "6 مارس، 2027", "←", "5 مارس، 2027"),
                ("الأدوار المتاحة في استمارة التسجيل", "مندوب، مراقب", "←", "مندوب، صحافة"),
                ("لغات العمل", "الإنجليزية", "←", "الإنجليزية، التركية"),
            ],
        ),
    ],
)
def test_history_shows_values_as_the_form_does_in_the_viewers_language_zone_and_direction(
    client, organizer, language, expected
):
    organizer.user.timezone = "Asia/Tehran"  # UTC+3:30
    organizer.user.save()
    conference = organizer.conference
    Conference.objects.filter(pk=conference.pk).update(
        format="in_person", starts_on=date(2027, 3, 6), ends_on=date(2027, 3, 7), working_languages=["en"]
    )
    conference.refresh_from_db()
    conference.save()  # the history row the change is compared with
    conference.format = "hybrid"
    conference.registration_opens_at = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    conference.registration_requires_approval = True
    conference.starts_on = date(2027, 3, 5)
    conference.public_roles = ["delegate", "press"]
    conference.working_languages = ["en", "tr"]
    conference.save()

    response = client.get(
        reverse("events:manage-conference-history", kwargs={"slug": conference.slug}),
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert sorted(change_lines(response)) == sorted(expected)
