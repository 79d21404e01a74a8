"""Importing organizations from CSV: good rows kept, bad rows reported by line, bad files refused."""

import pytest
from django.core.exceptions import ValidationError

from common.csv_rows import MAX_BYTES, MAX_ROWS, RowProblem
from events.enums import OrganizationKind
from events.models import Organization
from events.services.organization_import import ImportReport, import_organizations
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

GREEK_NAME = "Σύνδεσμος"
KINDS = "party, organization, movement, trade_union, journal, network, centre, independent"


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return "\r\n".join(lines).encode(encoding)


def refusal(data: bytes) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        import_organizations(data)
    return raised.value.messages


def test_import_creates_every_row_of_a_good_file():
    data = csv_bytes(
        "name,kind,country,email,website",
        "Partido dos Trabalhadores,party,BR,contato@pt.example.org,https://pt.example.org",
        "Fourth International,organization,,,",
    )

    report = import_organizations(data)

    assert [str(organization) for organization in report.created] == [
        "Partido dos Trabalhadores (BR)",
        "Fourth International",
    ]
    assert (report.duplicates, report.errors) == ([], [])
    workers = Organization.objects.get(name="Partido dos Trabalhadores")
    assert (workers.kind, workers.country.code, workers.contact_email, workers.website) == (
        "party",
        "BR",
        "contato@pt.example.org",
        "https://pt.example.org",
    )
    assert Organization.objects.get(name="Fourth International").country.code == ""


def test_import_keeps_good_rows_when_line_37_is_bad():
    rows = [f"Organization {line},organization,IT" for line in range(2, 37)]
    rows += ["Die Linke,partei,DE"]
    rows += [f"Organization {line},organization,IT" for line in range(38, 41)]

    report = import_organizations(csv_bytes("name,kind,country", *rows))

    assert len(report.created) == 38
    assert report.errors == [RowProblem(37, f'kind "partei" is not one of {KINDS}')]
    assert Organization.objects.count() == 38
    assert not Organization.objects.filter(name="Die Linke").exists()


def test_import_reports_every_problem_of_a_row_with_its_column():
    data = csv_bytes(
        "name,kind,country,email,website",
        ",,Germani,,",
        "Good,party,DE,not-an-address,",
        "Good too,party,DE,,not a website",
    )

    report = import_organizations(data)

    assert report.created == []
    assert report.errors == [
        RowProblem(
            2,
            f"name is empty; kind is empty: give one of {KINDS}; "
            'country "Germani" is neither an ISO 3166 code (such as DE) nor an English country name; '
            "leave it empty for an international body",
        ),
        RowProblem(3, 'email "not-an-address": Enter a valid email address.'),
        RowProblem(4, 'website "https://not a website": Enter a valid URL.'),
    ]


def test_import_skips_a_name_already_in_the_directory_and_names_it():
    OrganizationFactory(name="Partido dos Trabalhadores", country="BR")
    data = csv_bytes(
        "name,kind,country",
        "partido dos trabalhadores.,party,BR",
        "Partido dos Trabalhadores,party,PT",
    )

    report = import_organizations(data)

    assert [str(organization) for organization in report.created] == ["Partido dos Trabalhadores (PT)"]
    assert report.duplicates == [
        RowProblem(
            2, "partido dos trabalhadores. is already in the directory as Partido dos Trabalhadores (BR)."
        )
    ]
    assert Organization.objects.filter(normalized_name="partido dos trabalhadores").count() == 2


def test_import_skips_a_row_repeating_an_earlier_row_of_the_same_file():
    data = csv_bytes(
        "name,kind,country",
        "Confédération Générale du Travail,trade_union,FR",
        "Some journal,journal,FR",
        "CONFEDERATION GENERALE DU TRAVAIL,trade_union,FR",
    )

    report = import_organizations(data)

    assert len(report.created) == 2
    assert report.duplicates == [
        RowProblem(
            4,
            "CONFEDERATION GENERALE DU TRAVAIL repeats line 2, "
            "already imported as Confédération Générale du Travail (FR).",
        )
    ]
    assert Organization.objects.count() == 2


def test_import_reads_utf8_with_a_byte_order_mark():
    data = f"\ufeffName,Kind,Country\n{GREEK_NAME},movement,GR\n".encode()

    report = import_organizations(data)

    assert [organization.name for organization in report.created] == [GREEK_NAME]
    assert report.errors == []


def test_import_reads_semicolon_separated_files():
    data = csv_bytes("name;kind;country;email", '"Workers, Unite";journal;AR;redaccion@example.org')

    report = import_organizations(data)

    assert [str(organization) for organization in report.created] == ["Workers, Unite (AR)"]
    assert report.created[0].contact_email == "redaccion@example.org"


def test_import_reads_a_semicolon_file_with_commas_in_unquoted_names():
    data = csv_bytes("name;kind;country", "Frente de Izquierda, de los Trabajadores;party;Argentina")

    report = import_organizations(data)

    assert [str(organization) for organization in report.created] == [
        "Frente de Izquierda, de los Trabajadores (AR)"
    ]


def test_import_accepts_the_kind_by_its_english_label_in_any_case():
    data = csv_bytes(
        "name,kind,country", "Union A,Trade union,TR", "Union B,TRADE UNION,TR", "Union C,trade_union,TR"
    )

    report = import_organizations(data)

    assert report.errors == []
    assert {organization.kind for organization in report.created} == {OrganizationKind.TRADE_UNION}


def test_import_accepts_the_country_by_its_english_name_or_code():
    data = csv_bytes("name,kind,country", "A,party,Türkiye", "B,party,italy", "C,party,de", "D,party,GRC")

    report = import_organizations(data)

    assert report.errors == []
    assert [organization.country.code for organization in report.created] == ["TR", "IT", "DE", "GR"]


def test_import_accepts_a_website_without_its_scheme():
    data = csv_bytes("name,kind,country,website", "Centre,centre,IT,www.centre.example.org")

    report = import_organizations(data)

    assert report.created[0].website == "https://www.centre.example.org"


def test_import_numbers_lines_as_a_spreadsheet_counting_blank_rows():
    data = csv_bytes("name,kind,country", "A,party,IT", "", ",,", "B,nonsense,IT")

    report = import_organizations(data)

    assert [problem.line for problem in report.errors] == [5]
    assert len(report.created) == 1


def test_import_reports_a_row_with_more_cells_than_columns():
    data = csv_bytes("name,kind,country", "Workers, Unite,journal,AR")

    report = import_organizations(data)

    assert report.created == []
    assert report.errors[0].line == 2
    assert report.errors[0].message.startswith("the row has more cells than the header has columns")


def test_import_names_the_columns_it_ignores():
    data = csv_bytes("Name,Kind,Country,E-mail,Notes", "A,party,IT,a@example.org,met in 2019")

    report = import_organizations(data)

    assert report == ImportReport(created=report.created, ignored_columns=["E-mail", "Notes"])
    assert report.created[0].contact_email == ""


def test_import_refuses_a_file_that_is_not_utf8():
    data = csv_bytes("name,kind,country", "Confédération,trade_union,FR", encoding="latin-1")

    assert refusal(data) == ["The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”."]
    assert Organization.objects.count() == 0


def test_import_refuses_a_file_without_the_kind_and_country_columns():
    data = csv_bytes("name,email", "A,a@example.org")

    assert refusal(data) == [
        "The first line must name the columns; the columns kind, country are missing "
        "(required: name, kind, country)."
    ]


def test_import_refuses_an_empty_file():
    assert refusal(b"") == ["The file is empty."]
    assert refusal(b"\xef\xbb\xbf\r\n") == ["The file is empty."]


def test_import_refuses_a_header_without_rows():
    assert refusal(csv_bytes("name,kind,country", "")) == ["The file has no rows below its header."]


def test_import_refuses_a_file_that_is_too_large():
    data = csv_bytes("name,kind,country", "A,party,IT") + b" " * MAX_BYTES

    assert refusal(data) == ["The file is larger than 5 MB: split it into smaller files."]
    assert Organization.objects.count() == 0


def test_import_refuses_too_many_rows_and_saves_none():
    rows = [f"Organization {number},party,IT" for number in range(MAX_ROWS + 1)]

    assert refusal(csv_bytes("name,kind,country", *rows)) == [
        "The file has more than 10000 rows: split it into smaller files."
    ]
    assert Organization.objects.count() == 0


def test_import_refuses_a_binary_file():
    assert refusal(b"name,kind,country\r\nA\x00B,party,IT") == ["This is not a CSV file."]
