"""The declaration's rules, called directly: versions, amendments, outcomes, diffs, carrying on."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from proceedings import diff, permissions
from proceedings.enums import AmendmentOutcome, DeclarationStatus
from proceedings.services import amendments
from proceedings.services import declarations as service
from registrations.enums import ParticipantRole
from tests.factories import ConferenceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

DRAFT = "**1. Against the war.** Text one.\n\n**2. For peace.** Text two.\n\n**3. Solidarity.** Text three."


def texts(declaration) -> list[str]:
    return [paragraph["text"] for paragraph in service.current_version(declaration).paragraphs]


@pytest.fixture
def declaration():
    conference = ConferenceFactory()
    declaration = service.create_declaration(conference, title="Declaration", language="en", text=DRAFT)
    now = timezone.now()
    return amendments.set_window(
        declaration, opens_at=now - timedelta(hours=1), closes_at=now + timedelta(hours=1)
    )


@pytest.fixture
def delegate(declaration):
    return RegistrationFactory(conference=declaration.conference, role=ParticipantRole.DELEGATE)


def propose(declaration, registration, number, kind, text="New text.", rationale="Because."):
    return amendments.propose_amendment(
        declaration,
        registration=registration,
        paragraph_number=number,
        kind=kind,
        text=text,
        rationale=rationale,
    )


def test_the_draft_is_version_one_in_numbered_paragraphs(declaration):
    version = service.current_version(declaration)

    assert version.number == 1
    assert [paragraph["key"] for paragraph in version.paragraphs] == [1, 2, 3]
    assert service.split_paragraphs("a\r\n\r\nb\n  \nc\n") == ["a", "b", "c"]


def test_each_kind_of_adopted_amendment_makes_a_new_version_and_keeps_the_old(declaration, delegate):
    replace = propose(declaration, delegate, 1, "replace", "**1. Against every war.** Text one.")
    insert = propose(declaration, delegate, 2, "insert", "**2a. For bread.** Inserted.")
    delete = propose(declaration, delegate, 3, "delete")

    amendments.record_outcome(
        replace, outcome=AmendmentOutcome.ADOPTED, votes_for=40, votes_against=3, abstentions=2
    )
    amendments.record_outcome(insert, outcome=AmendmentOutcome.ADOPTED_MODIFIED, by_consensus=True,
                           adopted_text="**2a. For bread and peace.** Inserted.")  # fmt: skip
    amendments.record_outcome(delete, outcome=AmendmentOutcome.ADOPTED, by_consensus=True)

    assert texts(declaration) == [
        "**1. Against every war.** Text one.",
        "**2. For peace.** Text two.",
        "**2a. For bread and peace.** Inserted.",
    ]
    assert list(declaration.versions.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert [paragraph["text"] for paragraph in declaration.versions.get(number=1).paragraphs] == (
        service.split_paragraphs(DRAFT)
    )
    replace.refresh_from_db()
    assert (replace.applied_in.number, replace.votes_for, replace.outcome) == (2, 40, "adopted")


def test_an_amendment_to_a_paragraph_a_later_version_removed_is_flagged_not_lost(declaration, delegate):
    delete = propose(declaration, delegate, 2, "delete")
    replace = propose(declaration, delegate, 2, "replace", "Other text.")
    amendments.record_outcome(delete, outcome=AmendmentOutcome.ADOPTED, by_consensus=True)

    assert amendments.target_missing(replace, service.current_version(declaration))
    with pytest.raises(ValidationError, match="no longer in the text"):
        amendments.record_outcome(replace, outcome=AmendmentOutcome.ADOPTED, by_consensus=True)
    deferred = amendments.record_outcome(replace, outcome=AmendmentOutcome.DEFERRED)
    assert deferred.outcome == "deferred" and deferred.text == "Other text."


def test_only_confirmed_delegates_propose_and_only_while_the_window_is_open(declaration, delegate):
    observer = RegistrationFactory(conference=declaration.conference, role=ParticipantRole.OBSERVER)
    elsewhere = RegistrationFactory(role=ParticipantRole.DELEGATE)
    waiting = RegistrationFactory(
        conference=declaration.conference, role=ParticipantRole.DELEGATE, status="waitlisted"
    )

    for registration in (observer, elsewhere, waiting, None):
        with pytest.raises(ValidationError, match="Only the conference's confirmed delegates"):
            propose(declaration, registration, 1, "replace")
    declaration.amendments_close_at = timezone.now() - timedelta(minutes=1)
    declaration.save()
    with pytest.raises(ValidationError, match="not open"):
        propose(declaration, delegate, 1, "replace")
    assert not declaration.amendments.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"number": 9}, "paragraph_number"), ({"number": 0}, "paragraph_number"), ({"text": " "}, "text"),
     ({"rationale": ""}, "rationale")],
)  # fmt: skip
def test_a_bad_amendment_names_its_field(declaration, delegate, changes, field):
    arguments = {"number": 1, "kind": "replace", "text": "x", "rationale": "y", **changes}

    with pytest.raises(ValidationError) as refused:
        propose(declaration, delegate, **arguments)

    assert field in refused.value.message_dict


def test_a_tally_is_counted_or_by_consensus_and_adopting_needs_one(declaration, delegate):
    amendment = propose(declaration, delegate, 1, "replace")

    with pytest.raises(ValidationError, match="votes for"):
        amendments.record_outcome(amendment, outcome=AmendmentOutcome.ADOPTED)
    with pytest.raises(ValidationError, match="not both"):
        amendments.record_outcome(
            amendment, outcome=AmendmentOutcome.REJECTED, votes_for=1, by_consensus=True
        )
    with pytest.raises(ValidationError, match="adopted it"):
        amendments.record_outcome(amendment, outcome=AmendmentOutcome.ADOPTED_MODIFIED, by_consensus=True)
    assert amendments.record_outcome(amendment, outcome=AmendmentOutcome.WITHDRAWN).outcome == "withdrawn"
    assert declaration.versions.count() == 1


def test_an_adopted_amendment_is_not_decided_twice(declaration, delegate):
    amendment = propose(declaration, delegate, 1, "replace")
    amendments.record_outcome(amendment, outcome=AmendmentOutcome.ADOPTED, by_consensus=True)

    with pytest.raises(ValidationError, match="part of version 2"):
        amendments.record_outcome(amendment, outcome=AmendmentOutcome.REJECTED, by_consensus=True)


def test_the_final_vote_waits_for_every_outcome_then_closes_the_text(declaration, delegate):
    amendment = propose(declaration, delegate, 1, "replace")

    with pytest.raises(ValidationError, match=r"A1 \(§1\)"):
        amendments.record_final_vote(
            declaration, adopted=True, tally_note="an overwhelming majority", votes_for=90
        )
    amendments.record_outcome(amendment, outcome=AmendmentOutcome.REJECTED, votes_for=2, votes_against=80)
    adopted = amendments.record_final_vote(declaration, adopted=True, votes_for=90, votes_against=2,
                                        tally_note="an overwhelming majority")  # fmt: skip

    assert (adopted.status, adopted.votes_for, adopted.tally_note) == (
        DeclarationStatus.ADOPTED, 90, "an overwhelming majority",
    )  # fmt: skip
    assert not permissions.window_is_open(adopted)
    with pytest.raises(ValidationError):
        service.edit_text(adopted, text="Other", note="")
    assert service.set_published(adopted, True).is_published


def test_a_draft_is_never_published(declaration):
    with pytest.raises(ValidationError, match="Only an adopted declaration"):
        service.set_published(declaration, True)


def test_editing_the_text_keeps_the_keys_of_kept_and_edited_paragraphs(declaration):
    service.edit_text(
        declaration, text="**0. Preamble.**\n\n" + DRAFT.replace("Text two.", "Text 2."), note=""
    )

    keys = [paragraph["key"] for paragraph in service.current_version(declaration).paragraphs]
    assert keys == [4, 1, 2, 3]
    unchanged = service.joined(service.current_version(declaration).paragraphs)
    assert service.edit_text(declaration, text=unchanged, note="") is None


def test_the_diff_marks_words_and_paragraphs(declaration, delegate):
    first = service.current_version(declaration)
    for number, kind, text in ((1, "replace", "**1. Against every <war>.** Text one."), (3, "delete", ""),
                               (2, "insert", "A new paragraph.")):  # fmt: skip
        amendment = propose(declaration, delegate, number, kind, text)
        amendments.record_outcome(amendment, outcome=AmendmentOutcome.ADOPTED, by_consensus=True)

    rows = diff.compare(first, service.current_version(declaration))

    assert [(row.change, row.number_before, row.number_after) for row in rows] == [
        ("changed", 1, 1), ("same", 2, 2), ("added", None, 3), ("removed", 3, None),
    ]  # fmt: skip
    assert rows[0].html == (
        "**1. Against <del>the</del><ins>every</ins> <ins>&lt;</ins>war"
        "<del>.**</del><ins>&gt;.**</ins> Text one."
    )
    assert "<war>" not in rows[0].html


def test_deferred_amendments_are_carried_to_the_follow_up_as_open_items(declaration, delegate):
    deferred = propose(declaration, delegate, 2, "replace", "Discuss later.")
    amendments.record_outcome(deferred, outcome=AmendmentOutcome.DEFERRED, by_consensus=True)
    follow_up = ConferenceFactory(follows=declaration.conference)

    carried = amendments.carry_deferred(declaration, follow_up)
    again = amendments.carry_deferred(declaration, follow_up)

    [item] = carried
    assert again == []
    assert (item.declaration.conference, item.outcome, item.carried_from, item.paragraph_number) == (
        follow_up, "pending", deferred, 2,
    )  # fmt: skip
    assert texts(item.declaration) == texts(declaration)
    with pytest.raises(ValidationError):
        amendments.carry_deferred(declaration, ConferenceFactory())


def test_a_translation_has_a_paragraph_for_each_of_the_original(declaration):
    with pytest.raises(ValidationError, match="3 paragraphs"):
        service.save_translation(
            declaration, language="fr", title="Déclaration", text="Un.\n\nDeux.", published=False
        )

    translation = service.save_translation(declaration, language="fr", title="Déclaration",
                                           text="Un.\n\nDeux.\n\nTrois.", published=False)  # fmt: skip
    assert [paragraph["key"] for paragraph in translation.paragraphs] == [1, 2, 3]


def test_an_amendment_is_one_paragraph(declaration, delegate):
    with pytest.raises(ValidationError, match="one paragraph"):
        propose(declaration, delegate, 1, "replace", "New A.\n\nNew B.")
    amendment = propose(declaration, delegate, 1, "insert", "New A.")
    with pytest.raises(ValidationError, match="one paragraph"):
        amendments.record_outcome(amendment, outcome=AmendmentOutcome.ADOPTED_MODIFIED, by_consensus=True,
                               adopted_text="New A.\n\nNew B.")  # fmt: skip
    assert declaration.versions.count() == 1


def test_the_final_vote_is_recorded_once(declaration):
    adopted = amendments.record_final_vote(declaration, adopted=True, by_consensus=True)

    with pytest.raises(ValidationError, match="recorded already"):
        amendments.record_final_vote(adopted, adopted=False, votes_for=1)


def test_carrying_never_writes_into_another_declaration_and_the_source_stops_deciding(declaration, delegate):
    deferred = propose(declaration, delegate, 3, "replace", "Later.")
    amendments.record_outcome(deferred, outcome=AmendmentOutcome.DEFERRED)
    follow_up = ConferenceFactory(follows=declaration.conference)
    unrelated = service.create_declaration(
        follow_up, title=declaration.title, language="en", text="B1.\n\nB2."
    )

    [carried] = amendments.carry_deferred(declaration, follow_up)

    assert carried.declaration != unrelated and texts(carried.declaration) == texts(declaration)
    with pytest.raises(ValidationError, match="carried to the follow-up"):
        amendments.record_outcome(deferred, outcome=AmendmentOutcome.ADOPTED, by_consensus=True)
