"""The exports read back with the tools a spreadsheet user has: openpyxl for the XLSX, csv for the CSV."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

REGISTERED = datetime(2027, 3, 5, 21, 30, 15, tzinfo=UTC)
PRESENT = datetime(2027, 4, 1, 6, 5, tzinfo=UTC)


def export(client, conference, extension: str) -> bytes:
    url = reverse(
        "registrations:manage-registration-export", kwargs={"slug": conference.slug, "extension": extension}
    )
    return client.get(url).content


@pytest.fixture
def registered(organizer):
    conference = organizer.conference
    conference.timezone = "Asia/Tokyo"  # UTC+9: 21:30 UTC is 06:30 the next morning there
    conference.save()
    ana = RegistrationFactory(conference=conference, full_name="Ana", public_name=True, checked_in_at=PRESENT)
    RegistrationFactory(conference=conference, full_name="=1+1", public_name=False)
    conference.registrations.update(created_at=REGISTERED)
    return conference, ana


def test_the_xlsx_keeps_dates_as_dates_in_the_conference_s_zone_and_booleans_as_booleans(client, registered):
    conference, _ana = registered

    sheet = load_workbook(io.BytesIO(export(client, conference, "xlsx"))).active
    header, ana, formula = (list(row) for row in sheet.iter_rows(min_row=1, max_row=3))
    column = {cell.value: index for index, cell in enumerate(header)}

    registered_cell, present_cell = ana[column["Registered"]], ana[column["Present"]]
    assert (registered_cell.data_type, registered_cell.is_date) == ("d", True)  # a date cell, read back
    assert registered_cell.value == datetime(2027, 3, 6, 6, 30, 15)
    assert registered_cell.number_format == "yyyy-mm-dd hh:mm"
    assert present_cell.value == datetime(2027, 4, 1, 15, 5)
    assert formula[column["Present"]].value is None  # not there: an empty cell, not an empty text
    public = ana[column["Name may be public"]], formula[column["Name may be public"]]
    assert [(cell.data_type, cell.value) for cell in public] == [("b", True), ("b", False)]
    assert formula[column["Full name"]].value == "'=1+1"  # text is still neutralized
    assert formula[column["Full name"]].data_type == "s"


def test_the_csv_is_unchanged_text(client, registered):
    conference, _ana = registered

    rows = list(csv.reader(io.StringIO(export(client, conference, "csv").decode("utf-8-sig"))))
    column = {name: index for index, name in enumerate(rows[0])}

    assert [
        (row[column["Registered"]], row[column["Name may be public"]], row[column["Present"]], row[2])
        for row in rows[1:]
    ] == [
        ("2027-03-05T21:30+00:00", "yes", "2027-04-01T06:05+00:00", "Ana"),
        ("2027-03-05T21:30+00:00", "no", "", "'=1+1"),
    ]
