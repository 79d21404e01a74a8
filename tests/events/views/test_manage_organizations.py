"""The organization directory's pages: who may read and change it, the form, the import, the search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from common.csv_rows import MAX_BYTES
from events.enums import OrganizationKind, TeamRole
from events.models import Campaign, CampaignRecipient, ConferenceOrganizer, Invitation, Organization
from events.services.organizations import propose_organization_change
from tests.factories import (
    ConferenceFactory,
    MembershipFactory,
    OrganizationFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("events:manage-organization-list")
CREATE = reverse("events:manage-organization-create")
IMPORT = reverse("events:manage-organization-import")
SEARCH = reverse("events:manage-organization-search")
TURKISH_UNION = "Türkiye Devrimci İşçi Sendikaları"  # noqa: RUF001 (Turkish has a dotless i)


def edit_url(organization: Organization) -> str:
    return reverse("events:manage-organization-edit", kwargs={"pk": organization.pk})


@pytest.fixture
def team():
    return MembershipFactory(role=TeamRole.ORGANIZER)


@pytest.fixture
def organizer(team):
    return team.user


@pytest.fixture
def viewer():
    return MembershipFactory(role=TeamRole.VIEWER).user


@pytest.fixture
def reader():
    """Someone who may create conferences but is on no team yet: reads the directory, changes nothing."""
    return UserFactory(may_create_conferences=True)


def upload(content: bytes, name: str = "organizations.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def every_url() -> list[str]:
    return [LIST, CREATE, IMPORT, SEARCH, edit_url(OrganizationFactory())]


def test_directory_sends_anonymous_visitors_to_sign_in(client):
    for url in every_url():
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_directory_is_not_found_for_a_user_on_no_team(client):
    client.force_login(UserFactory())

    for url in every_url():
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url


def test_directory_is_not_found_for_a_viewer_only(client, viewer):
    client.force_login(viewer)

    for url in every_url():
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url


def test_directory_lets_a_creation_permission_holder_read_without_the_change_buttons(client, reader):
    OrganizationFactory(name="Rifondazione Comunista", kind=OrganizationKind.PARTY, country="IT")
    client.force_login(reader)

    response = client.get(LIST)

    assert response.status_code == 200
    assert response.context["can_change"] is False
    assert [organization.name for organization, _languages in response.context["rows"]] == [
        "Rifondazione Comunista"
    ]
    assert CREATE not in response.text
    assert IMPORT not in response.text
    assert client.get(SEARCH, {"q": "rifon"}).status_code == 200


def test_directory_refuses_every_change_to_a_reader_on_no_team(client, reader):
    organization = OrganizationFactory(name="Before")
    client.force_login(reader)

    created = client.post(CREATE, {"name": "New", "kind": "party", "country": "IT"})
    edited = client.post(edit_url(organization), {"name": "After", "kind": "party", "country": "IT"})
    imported = client.post(IMPORT, {"file": upload(b"name,kind,country\r\nNew,party,IT\r\n")})

    assert (created.status_code, edited.status_code, imported.status_code) == (403, 403, 403)
    assert client.get(CREATE).status_code == 403
    assert list(Organization.objects.values_list("name", flat=True)) == ["Before"]


def test_directory_shows_the_change_buttons_to_an_organizer(client, organizer):
    client.force_login(organizer)

    response = client.get(LIST)

    assert response.context["can_change"] is True
    assert f'href="{CREATE}"' in response.text
    assert f'href="{IMPORT}"' in response.text


def test_organization_create_saves_and_returns_to_the_list(client, organizer, team):
    client.force_login(organizer)
    data = {
        "created_by_conference": team.conference.pk,
        "name": "Partido dos Trabalhadores",
        "kind": "party",
        "country": "BR",
        "website": "https://pt.example.org",
        "contact_email": "contato@pt.example.org",
        "languages": ["pt", "kmr"],
    }

    response = client.post(CREATE, data, follow=True)

    assert response.redirect_chain == [(LIST, 302)]
    assert messages_of(response) == ["Partido dos Trabalhadores (BR) is now in the directory."]
    organization = Organization.objects.get()
    assert (organization.name, organization.kind, organization.country.code, organization.languages) == (
        "Partido dos Trabalhadores",
        "party",
        "BR",
        ["pt", "kmr"],
    )
    assert (organization.website, organization.contact_email) == (
        "https://pt.example.org",
        "contato@pt.example.org",
    )
    assert organization.created_by_conference == team.conference


def test_organization_create_refuses_a_duplicate_in_the_same_country(client, organizer, team):
    OrganizationFactory(name="Partido dos Trabalhadores", country="BR")
    client.force_login(organizer)

    response = client.post(
        CREATE,
        {
            "name": "partido  dos TRABALHADORES",
            "kind": "party",
            "country": "BR",
            "created_by_conference": team.conference.pk,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Partido dos Trabalhadores (BR) is already in the directory."]
    }
    assert Organization.objects.count() == 1


def test_organization_create_shows_the_form_errors(client, organizer):
    other_team = ConferenceFactory()
    client.force_login(organizer)

    response = client.post(
        CREATE,
        {
            "name": "",
            "kind": "partei",
            "country": "ZZ",
            "languages": ["xx"],
            "created_by_conference": other_team.pk,
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "name",
        "kind",
        "country",
        "languages",
        "created_by_conference",
    }
    assert Organization.objects.count() == 0


def test_organization_edit_saves_the_changes(client, organizer, team):
    organization = OrganizationFactory(
        name="Old name", kind=OrganizationKind.JOURNAL, country="FR", created_by_conference=team.conference
    )
    client.force_login(organizer)

    response = client.post(
        edit_url(organization), {"name": "New name", "kind": "journal", "country": "", "languages": ["fr"]}
    )

    assert response.status_code == 302
    assert response["Location"] == LIST
    organization.refresh_from_db()
    assert (organization.name, organization.country.code, organization.languages) == ("New name", "", ["fr"])


def test_organization_edit_shows_the_current_values(client, organizer, team):
    organization = OrganizationFactory(
        name="Journal", languages=["es", "pt"], created_by_conference=team.conference
    )
    client.force_login(organizer)

    response = client.get(edit_url(organization))

    assert response.status_code == 200
    assert response.context["form"]["languages"].value() == ["es", "pt"]


def test_organization_edit_refuses_a_duplicate_and_changes_nothing(client, organizer, team):
    OrganizationFactory(name="Taken", country="IT")
    organization = OrganizationFactory(name="Mine", country="IT", created_by_conference=team.conference)
    client.force_login(organizer)

    response = client.post(edit_url(organization), {"name": "TAKEN", "kind": "party", "country": "IT"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["Taken (IT) is already in the directory."]}
    assert response.context["title"] == "Mine (IT)"
    organization.refresh_from_db()
    assert organization.name == "Mine"


def test_organization_edit_of_an_unknown_organization_is_not_found(client, organizer):
    client.force_login(organizer)

    assert client.get(reverse("events:manage-organization-edit", kwargs={"pk": 999_999})).status_code == 404


def test_directory_can_be_changed_by_staff_on_no_team(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(CREATE, {"name": "Staff's", "kind": "network", "country": ""})

    assert response.status_code == 302
    assert Organization.objects.get().name == "Staff's"


def test_organization_list_searches_and_filters(client, reader):
    OrganizationFactory(
        name="Confédération Générale du Travail", kind=OrganizationKind.TRADE_UNION, country="FR"
    )
    OrganizationFactory(name="Confederazione Generale", kind=OrganizationKind.TRADE_UNION, country="IT")
    OrganizationFactory(name="Journal of the Confederation", kind=OrganizationKind.JOURNAL, country="FR")
    client.force_login(reader)

    def names(**params) -> list[str]:
        response = client.get(LIST, params)
        assert response.status_code == 200
        return [organization.name for organization, _languages in response.context["rows"]]

    assert names(q="confederation") == ["Confédération Générale du Travail", "Journal of the Confederation"]
    assert names(q="confederation", kind="trade_union") == ["Confédération Générale du Travail"]
    assert names(country="IT") == ["Confederazione Generale"]
    assert names(kind="journal", country="IT") == []


def test_organization_list_ignores_bad_filter_values(client, reader):
    OrganizationFactory(name="Kept", country="IT")
    client.force_login(reader)

    for params in ({"kind": "partei"}, {"country": "ZZ"}, {"page": "abc"}, {"page": "999"}, {"q": "x" * 500}):
        response = client.get(LIST, params)

        assert response.status_code == 200, params

    response = client.get(LIST, {"kind": "partei", "country": "IT"})
    assert [organization.name for organization, _languages in response.context["rows"]] == ["Kept"]
    assert list(response.context["form"].errors) == ["kind"]


def test_organization_list_pages_by_fifty_keeping_the_filters(client, reader):
    for number in range(60):
        OrganizationFactory(name=f"Union {number:02}", kind=OrganizationKind.TRADE_UNION)
    OrganizationFactory(name="A party", kind=OrganizationKind.PARTY)
    client.force_login(reader)

    first = client.get(LIST, {"kind": "trade_union"})
    second = client.get(LIST, {"kind": "trade_union", "page": "2"})

    assert len(first.context["rows"]) == 50
    assert "?kind=trade_union&amp;page=2" in first.text
    assert [organization.name for organization, _languages in second.context["rows"]] == [
        f"Union {number}" for number in range(50, 60)
    ]


def test_organization_list_shows_language_names_and_country_names(client, reader):
    OrganizationFactory(name="Ours", country="TR", languages=["tr", "kmr"])
    client.force_login(reader)

    response = client.get(LIST)

    # CLDR names kmr as it names ku, Kurdish in Latin script: Kurmanji.
    assert response.context["rows"][0][1] == ["Turkish", "Kurdish"]
    assert "<td>Türkiye</td>" in response.text


@pytest.mark.parametrize("count", [5, 50])
def test_organization_list_query_count_does_not_grow_with_the_page(
    client, organizer, django_assert_num_queries, count
):
    OrganizationFactory.create_batch(count, languages=["en"])
    client.force_login(organizer)

    with django_assert_num_queries(7):  # the workspace navigation asks whether to link the directory
        response = client.get(LIST)

    assert len(response.context["rows"]) == count


def test_organization_import_creates_the_good_rows_and_reports_the_others(client, organizer, team):
    OrganizationFactory(name="Already here", country="IT")
    client.force_login(organizer)
    content = "\r\n".join(
        [
            "Name;Kind;Country;Email",
            "Nuevo;party;Spain;hola@example.org",
            "Already here;party;IT;",
            "Bad;partei;DE;",
        ]
    ).encode("utf-8-sig")

    response = client.post(IMPORT, {"file": upload(content), "created_by_conference": team.conference.pk})

    assert response.status_code == 200
    report = response.context["report"]
    assert [str(organization) for organization in report.created] == ["Nuevo (ES)"]
    assert [problem.line for problem in report.duplicates] == [3]
    assert [problem.line for problem in report.errors] == [4]
    assert "Line 4: kind &quot;partei&quot; is not one of party, organization" in response.text
    assert (
        Organization.objects.get(name="Nuevo", contact_email="hola@example.org").created_by_conference
        == team.conference
    )


def test_organization_import_shows_one_error_for_a_bad_file_and_saves_nothing(client, organizer, team):
    client.force_login(organizer)

    response = client.post(
        IMPORT,
        {
            "file": upload("name,kind,country\r\né,party,IT".encode("latin-1")),
            "created_by_conference": team.conference.pk,
        },
    )

    assert response.status_code == 200
    assert response.context["report"] is None
    assert response.context["form"].errors == {
        "file": ["The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”."]
    }
    assert Organization.objects.count() == 0


def test_organization_import_refuses_a_file_too_large_before_reading_it(client, organizer, team):
    client.force_login(organizer)

    response = client.post(
        IMPORT, {"file": upload(b"x" * (MAX_BYTES + 1)), "created_by_conference": team.conference.pk}
    )

    assert response.context["form"].errors == {
        "file": ["The file is larger than 5 MB: split it into smaller files."]
    }


def test_organization_import_requires_a_file(client, organizer):
    client.force_login(organizer)

    response = client.post(IMPORT, {})

    assert response.context["form"].errors == {
        "file": ["This field is required."],
        "created_by_conference": ["This field is required."],
    }


def test_organization_search_returns_the_matching_radios(client, reader):
    union = OrganizationFactory(name=TURKISH_UNION, kind=OrganizationKind.TRADE_UNION, country="TR")
    international = OrganizationFactory(
        name="Sendika International", kind=OrganizationKind.NETWORK, country=""
    )
    OrganizationFactory(name="Something else")
    client.force_login(reader)

    response = client.get(SEARCH, {"q": "sendika"})

    assert response.status_code == 200
    assert [organization.pk for organization in response.context["organizations"]] == [
        international.pk,
        union.pk,
    ]
    text = response.text
    assert (
        f'<input type="radio" name="organization" value="{union.pk}" id="organization-option-{union.pk}">'
        in text
    )
    assert f">{TURKISH_UNION} (Türkiye) · Trade union</label>" in text
    assert ">Sendika International · Network</label>" in text
    assert "Something else" not in text


def test_organization_search_says_when_nothing_matches(client, reader):
    OrganizationFactory(name="Something")
    client.force_login(reader)

    response = client.get(SEARCH, {"q": "nothing like it"})

    assert response.context["organizations"] == []
    assert "No organization in the directory matches “nothing like it”." in response.text
    assert 'type="radio"' not in response.text


def test_organization_search_returns_at_most_twenty(client, reader):
    OrganizationFactory.create_batch(25)
    client.force_login(reader)

    response = client.get(SEARCH, {"q": "organization"})

    assert len(response.context["organizations"]) == 20
    assert response.context["more"] is True
    assert response.text.count('type="radio"') == 20


def test_organization_search_without_a_query_lists_nothing(client, reader):
    OrganizationFactory()
    client.force_login(reader)

    response = client.get(SEARCH, {"q": " ?! "})

    assert response.context["organizations"] == []
    assert "Type part of a name to search." in response.text


def change_data(organization: Organization, **changes) -> dict:
    data = {"name": organization.name, "kind": organization.kind, "country": organization.country.code}
    return {**data, **changes}


def test_organization_edit_of_an_entry_another_team_created_is_a_proposal(client, organizer):
    theirs = OrganizationFactory(name="Theirs", created_by_conference=ConferenceFactory())
    client.force_login(organizer)

    page = client.get(edit_url(theirs))
    response = client.post(edit_url(theirs), change_data(theirs, website="https://mine.example"), follow=True)

    assert page.context["editable"] is False
    assert "Propose the change" in page.text
    assert messages_of(response) == ["Your change to Theirs (IT) awaits the site's staff."]
    theirs.refresh_from_db()
    assert theirs.website == ""
    proposal = theirs.proposals.get()
    assert (proposal.changes, proposal.proposed_by, proposal.status) == (
        {"website": "https://mine.example"},
        organizer,
        "pending",
    )


@pytest.mark.parametrize("reliance", ["co_organizer", "invitation", "registration", "campaign"])
def test_organization_edit_of_my_team_s_entry_another_conference_relies_on_is_a_proposal(
    client, organizer, team, reliance
):

    ours = OrganizationFactory(name="Ours", created_by_conference=team.conference)
    other = ConferenceFactory()
    if reliance == "co_organizer":
        ConferenceOrganizer.objects.create(conference=other, organization=ours)
    elif reliance == "invitation":
        Invitation.objects.create(
            conference=other,
            email="x@example.org",
            organization=ours,
            language="en",
            expires_at=timezone.now(),
        )
    elif reliance == "registration":
        RegistrationFactory(conference=other, organization=ours)
    else:
        campaign = Campaign.objects.create(conference=other, name="Call", default_language="en")
        CampaignRecipient.objects.create(
            campaign=campaign,
            email="x@example.org",
            name="X",
            organization=ours,
            language="en",
            source="directory",
        )
    client.force_login(organizer)

    response = client.post(edit_url(ours), change_data(ours, website="https://changed.example"))

    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.website == ""
    assert ours.proposals.get().changes == {"website": "https://changed.example"}


def test_organization_edit_of_my_team_s_unshared_entry_saves(client, organizer, team):

    ours = OrganizationFactory(name="Ours", created_by_conference=team.conference)
    ConferenceOrganizer.objects.create(conference=team.conference, organization=ours)
    RegistrationFactory(conference=team.conference, organization=ours)
    client.force_login(organizer)

    page = client.get(edit_url(ours))
    response = client.post(edit_url(ours), change_data(ours, website="https://changed.example"))

    assert page.context["editable"] is True
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.website == "https://changed.example"
    assert ours.proposals.count() == 0


def test_organization_edit_by_a_viewer_of_the_creating_team_is_not_found(client, team):
    viewer = MembershipFactory(conference=team.conference, role=TeamRole.VIEWER).user
    ours = OrganizationFactory(name="Ours", created_by_conference=team.conference)
    client.force_login(viewer)

    response = client.post(edit_url(ours), change_data(ours, website="https://changed.example"))

    assert response.status_code == 404
    assert ours.proposals.count() == 0


def test_organization_create_for_a_conference_not_mine_is_refused(client, organizer):
    client.force_login(organizer)

    response = client.post(
        CREATE,
        {"name": "New", "kind": "party", "country": "IT", "created_by_conference": ConferenceFactory().pk},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["created_by_conference"]
    assert Organization.objects.count() == 0


def test_directory_lists_the_pending_proposals_to_staff_only(client, organizer):

    entry = OrganizationFactory(name="Entry")
    propose_organization_change(entry, proposed_by=organizer, website="https://proposed.example")

    client.force_login(organizer)
    for_organizer = client.get(LIST)
    client.force_login(UserFactory(is_staff=True))
    for_staff = client.get(LIST)

    assert for_organizer.context["proposals"] is None
    assert "https://proposed.example" not in for_organizer.text
    assert [proposal.organization for proposal in for_staff.context["proposals"]] == [entry]
    assert "https://proposed.example" in for_staff.text
