"""The organization directory's pages: who may read and change it, the form, the import, the search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.enums import OrganizationKind, TeamRole
from events.models import Organization
from events.services.csv_rows import MAX_BYTES
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("events:manage-organization-list")
CREATE = reverse("events:manage-organization-create")
IMPORT = reverse("events:manage-organization-import")
SEARCH = reverse("events:manage-organization-search")
TURKISH_UNION = "Türkiye Devrimci İşçi Sendikaları"  # noqa: RUF001 (Turkish has a dotless i)


def edit_url(organization: Organization) -> str:
    return reverse("events:manage-organization-edit", kwargs={"pk": organization.pk})


@pytest.fixture
def organizer():
    return MembershipFactory(role=TeamRole.ORGANIZER).user


@pytest.fixture
def viewer():
    return MembershipFactory(role=TeamRole.VIEWER).user


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


def test_directory_lets_a_viewer_read_without_the_change_buttons(client, viewer):
    OrganizationFactory(name="Rifondazione Comunista", kind=OrganizationKind.PARTY, country="IT")
    client.force_login(viewer)

    response = client.get(LIST)

    assert response.status_code == 200
    assert response.context["can_change"] is False
    assert [organization.name for organization, _languages in response.context["rows"]] == [
        "Rifondazione Comunista"
    ]
    assert CREATE not in response.text
    assert IMPORT not in response.text
    assert client.get(SEARCH, {"q": "rifon"}).status_code == 200


def test_directory_refuses_every_change_to_a_viewer(client, viewer):
    organization = OrganizationFactory(name="Before")
    client.force_login(viewer)

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


def test_organization_create_saves_and_returns_to_the_list(client, organizer):
    client.force_login(organizer)
    data = {
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


def test_organization_create_refuses_a_duplicate_in_the_same_country(client, organizer):
    OrganizationFactory(name="Partido dos Trabalhadores", country="BR")
    client.force_login(organizer)

    response = client.post(CREATE, {"name": "partido  dos TRABALHADORES", "kind": "party", "country": "BR"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["Partido dos Trabalhadores (BR) is already in the directory."]
    }
    assert Organization.objects.count() == 1


def test_organization_create_shows_the_form_errors(client, organizer):
    client.force_login(organizer)

    response = client.post(CREATE, {"name": "", "kind": "partei", "country": "ZZ", "languages": ["xx"]})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "kind", "country", "languages"}
    assert Organization.objects.count() == 0


def test_organization_edit_saves_the_changes(client, organizer):
    organization = OrganizationFactory(name="Old name", kind=OrganizationKind.JOURNAL, country="FR")
    client.force_login(organizer)

    response = client.post(
        edit_url(organization), {"name": "New name", "kind": "journal", "country": "", "languages": ["fr"]}
    )

    assert response.status_code == 302
    assert response["Location"] == LIST
    organization.refresh_from_db()
    assert (organization.name, organization.country.code, organization.languages) == ("New name", "", ["fr"])


def test_organization_edit_shows_the_current_values(client, organizer):
    organization = OrganizationFactory(name="Journal", languages=["es", "pt"])
    client.force_login(organizer)

    response = client.get(edit_url(organization))

    assert response.status_code == 200
    assert response.context["form"]["languages"].value() == ["es", "pt"]


def test_organization_edit_refuses_a_duplicate_and_changes_nothing(client, organizer):
    OrganizationFactory(name="Taken", country="IT")
    organization = OrganizationFactory(name="Mine", country="IT")
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


def test_organization_list_searches_and_filters(client, viewer):
    OrganizationFactory(
        name="Confédération Générale du Travail", kind=OrganizationKind.TRADE_UNION, country="FR"
    )
    OrganizationFactory(name="Confederazione Generale", kind=OrganizationKind.TRADE_UNION, country="IT")
    OrganizationFactory(name="Journal of the Confederation", kind=OrganizationKind.JOURNAL, country="FR")
    client.force_login(viewer)

    def names(**params) -> list[str]:
        response = client.get(LIST, params)
        assert response.status_code == 200
        return [organization.name for organization, _languages in response.context["rows"]]

    assert names(q="confederation") == ["Confédération Générale du Travail", "Journal of the Confederation"]
    assert names(q="confederation", kind="trade_union") == ["Confédération Générale du Travail"]
    assert names(country="IT") == ["Confederazione Generale"]
    assert names(kind="journal", country="IT") == []


def test_organization_list_ignores_bad_filter_values(client, viewer):
    OrganizationFactory(name="Kept", country="IT")
    client.force_login(viewer)

    for params in ({"kind": "partei"}, {"country": "ZZ"}, {"page": "abc"}, {"page": "999"}, {"q": "x" * 500}):
        response = client.get(LIST, params)

        assert response.status_code == 200, params

    response = client.get(LIST, {"kind": "partei", "country": "IT"})
    assert [organization.name for organization, _languages in response.context["rows"]] == ["Kept"]
    assert list(response.context["form"].errors) == ["kind"]


def test_organization_list_pages_by_fifty_keeping_the_filters(client, viewer):
    for number in range(60):
        OrganizationFactory(name=f"Union {number:02}", kind=OrganizationKind.TRADE_UNION)
    OrganizationFactory(name="A party", kind=OrganizationKind.PARTY)
    client.force_login(viewer)

    first = client.get(LIST, {"kind": "trade_union"})
    second = client.get(LIST, {"kind": "trade_union", "page": "2"})

    assert len(first.context["rows"]) == 50
    assert "?kind=trade_union&amp;page=2" in first.text
    assert [organization.name for organization, _languages in second.context["rows"]] == [
        f"Union {number}" for number in range(50, 60)
    ]


def test_organization_list_shows_language_names_and_country_names(client, viewer):
    OrganizationFactory(name="Ours", country="TR", languages=["tr", "kmr"])
    client.force_login(viewer)

    response = client.get(LIST)

    assert response.context["rows"][0][1] == ["Turkish", "Kurdish (Kurmanji)"]
    assert "<td>Türkiye</td>" in response.text


@pytest.mark.parametrize("count", [5, 50])
def test_organization_list_query_count_does_not_grow_with_the_page(
    client, organizer, django_assert_num_queries, count
):
    OrganizationFactory.create_batch(count, languages=["en"])
    client.force_login(organizer)

    with django_assert_num_queries(6):
        response = client.get(LIST)

    assert len(response.context["rows"]) == count


def test_organization_import_creates_the_good_rows_and_reports_the_others(client, organizer):
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

    response = client.post(IMPORT, {"file": upload(content)})

    assert response.status_code == 200
    report = response.context["report"]
    assert [str(organization) for organization in report.created] == ["Nuevo (ES)"]
    assert [problem.line for problem in report.duplicates] == [3]
    assert [problem.line for problem in report.errors] == [4]
    assert "Line 4: kind &quot;partei&quot; is not one of party, organization" in response.text
    assert Organization.objects.filter(name="Nuevo", contact_email="hola@example.org").exists()


def test_organization_import_shows_one_error_for_a_bad_file_and_saves_nothing(client, organizer):
    client.force_login(organizer)

    response = client.post(IMPORT, {"file": upload("name,kind,country\r\né,party,IT".encode("latin-1"))})

    assert response.status_code == 200
    assert response.context["report"] is None
    assert response.context["form"].errors == {
        "file": ["The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”."]
    }
    assert Organization.objects.count() == 0


def test_organization_import_refuses_a_file_too_large_before_reading_it(client, organizer):
    client.force_login(organizer)

    response = client.post(IMPORT, {"file": upload(b"x" * (MAX_BYTES + 1))})

    assert response.context["form"].errors == {
        "file": ["The file is larger than 5 MB: split it into smaller files."]
    }


def test_organization_import_requires_a_file(client, organizer):
    client.force_login(organizer)

    response = client.post(IMPORT, {})

    assert response.context["form"].errors == {"file": ["This field is required."]}


def test_organization_search_returns_the_matching_radios(client, viewer):
    union = OrganizationFactory(name=TURKISH_UNION, kind=OrganizationKind.TRADE_UNION, country="TR")
    international = OrganizationFactory(
        name="Sendika International", kind=OrganizationKind.NETWORK, country=""
    )
    OrganizationFactory(name="Something else")
    client.force_login(viewer)

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


def test_organization_search_says_when_nothing_matches(client, viewer):
    OrganizationFactory(name="Something")
    client.force_login(viewer)

    response = client.get(SEARCH, {"q": "nothing like it"})

    assert response.context["organizations"] == []
    assert "No organization in the directory matches “nothing like it”." in response.text
    assert 'type="radio"' not in response.text


def test_organization_search_returns_at_most_twenty(client, viewer):
    OrganizationFactory.create_batch(25)
    client.force_login(viewer)

    response = client.get(SEARCH, {"q": "organization"})

    assert len(response.context["organizations"]) == 20
    assert response.context["more"] is True
    assert response.text.count('type="radio"') == 20


def test_organization_search_without_a_query_lists_nothing(client, viewer):
    OrganizationFactory()
    client.force_login(viewer)

    response = client.get(SEARCH, {"q": " ?! "})

    assert response.context["organizations"] == []
    assert "Type part of a name to search." in response.text
