"""Accessibility needs are sensitive: the team's viewers never see them; organizers and owners do."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from events.enums import TeamRole
from tests.factories import MembershipFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

NEEDS = "Wheelchair access and a diabetic diet"
HEADER = "Accessibility needs (sensitive)"


def pages(client, conference) -> dict[str, str]:
    slug = conference.slug
    export = reverse("registrations:manage-registration-export", kwargs={"slug": slug, "extension": "xlsx"})
    workbook = load_workbook(io.BytesIO(client.get(export).content))
    cells = [str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row]
    return {
        "list": client.get(
            reverse("registrations:manage-registration-list", kwargs={"slug": slug})
        ).content.decode(),
        "desk": client.get(
            reverse("registrations:manage-registration-check-in", kwargs={"slug": slug}), {"q": "Ana"}
        ).content.decode(),
        "csv": client.get(
            reverse("registrations:manage-registration-export", kwargs={"slug": slug, "extension": "csv"})
        ).content.decode(),
        "xlsx": "\n".join(cells),
    }


@pytest.mark.parametrize(
    ("role", "shown"),
    [(TeamRole.VIEWER, False), (TeamRole.ORGANIZER, True), (TeamRole.OWNER, True)],
)
def test_accessibility_needs_are_shown_to_organizers_and_owners_only(client, role, shown):
    membership = MembershipFactory(role=role)
    RegistrationFactory(conference=membership.conference, full_name="Ana Delegate", accessibility_needs=NEEDS)
    client.force_login(membership.user)

    seen = pages(client, membership.conference)

    assert {name: NEEDS in text for name, text in seen.items()} == dict.fromkeys(seen, shown)
    assert (HEADER in seen["csv"], HEADER in seen["xlsx"]) == (shown, shown)
