"""The life of a declaration: drafted, amended paragraph by paragraph, voted, published, carried on.

Every change of the text is a new DeclarationVersion; none is ever edited. Paragraphs carry a key
that stays with them across versions, so that an amendment keeps its paragraph, or knows it is gone.
"""

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from common.locking import locked
from proceedings import notifications
from proceedings.enums import AmendmentKind, AmendmentOutcome, DeclarationStatus
from proceedings.models import Amendment, Declaration, DeclarationTranslation, DeclarationVersion
from registrations.enums import ParticipantRole, RegistrationStatus

ADOPTING = {AmendmentOutcome.ADOPTED, AmendmentOutcome.ADOPTED_MODIFIED}
MAX_PARAGRAPHS = 500


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: blocks separated by an empty line."""
    blocks = re.split(r"\n[ \t]*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    return [block.strip() for block in blocks if block.strip()]


def joined(paragraphs: list[dict]) -> str:
    return "\n\n".join(paragraph["text"] for paragraph in paragraphs)


def current_version(declaration: Declaration) -> DeclarationVersion:
    return declaration.versions.order_by("-number").first()


def numbered(paragraphs: list[dict]) -> dict[int, int]:
    """{key: number} for the paragraphs of one version."""
    return {paragraph["key"]: number for number, paragraph in enumerate(paragraphs, start=1)}


def _checked_text(text: str) -> list[str]:
    blocks = split_paragraphs(text)
    if not blocks:
        raise ValidationError({"text": _("Write at least one paragraph.")})
    if len(blocks) > MAX_PARAGRAPHS:
        raise ValidationError(
            {"text": _("A declaration has at most %(count)s paragraphs.") % {"count": MAX_PARAGRAPHS}}
        )
    return blocks


def _new_version(declaration: Declaration, paragraphs: list[dict], note: str, user) -> DeclarationVersion:
    latest = current_version(declaration)
    return DeclarationVersion.objects.create(
        declaration=declaration,
        number=(latest.number + 1) if latest else 1,
        paragraphs=paragraphs,
        note=note[:300],
        created_by=user if user and user.is_authenticated else None,
    )


@transaction.atomic
def create_declaration(
    conference, *, title: str, language: str, text: str, based_on=None, user=None
) -> Declaration:
    if based_on is not None and based_on.conference_id != conference.pk:
        raise ValidationError({"based_on": _("Choose a document of this conference.")})
    blocks = _checked_text(text)
    declaration = Declaration.objects.create(
        conference=conference, title=title, language=language, based_on=based_on, next_key=len(blocks) + 1
    )
    paragraphs = [{"key": key, "text": block} for key, block in enumerate(blocks, start=1)]
    _new_version(declaration, paragraphs, _("Draft"), user)
    return declaration


@transaction.atomic
def edit_text(declaration: Declaration, *, text: str, note: str, user=None) -> DeclarationVersion | None:
    """The organizers rewrite the text: a new version whose unchanged and edited paragraphs keep
    their keys (matched in order), so that amendments still find them. None if nothing changed."""
    declaration = locked(Declaration, declaration.pk)
    if declaration.status in (DeclarationStatus.ADOPTED, DeclarationStatus.NOT_ADOPTED):
        raise ValidationError(_("The final vote is recorded: the text can no longer change."))
    blocks = _checked_text(text)
    old = current_version(declaration).paragraphs
    if [paragraph["text"] for paragraph in old] == blocks:
        return None
    matcher = difflib.SequenceMatcher(a=[paragraph["text"] for paragraph in old], b=blocks, autojunk=False)
    paragraphs = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        for offset, block in enumerate(blocks[b_start:b_end]):
            kept = tag in ("equal", "replace") and a_start + offset < a_end
            if kept:
                key = old[a_start + offset]["key"]
            else:
                key, declaration.next_key = declaration.next_key, declaration.next_key + 1
            paragraphs.append({"key": key, "text": block})
    declaration.save(update_fields=["next_key", "updated_at"])
    return _new_version(declaration, paragraphs, note or _("Text edited by the organizers"), user)


def window_is_open(declaration: Declaration, now=None) -> bool:
    now = now or timezone.now()
    return (
        declaration.status == DeclarationStatus.AMENDING
        and declaration.amendments_open_at is not None
        and declaration.amendments_open_at <= now
        and (declaration.amendments_close_at is None or now < declaration.amendments_close_at)
    )


def set_window(declaration: Declaration, *, opens_at, closes_at) -> Declaration:
    if declaration.status in (DeclarationStatus.ADOPTED, DeclarationStatus.NOT_ADOPTED):
        raise ValidationError(_("The final vote is recorded: amendments are closed for good."))
    if opens_at is None:
        raise ValidationError({"amendments_open_at": _("Say when amendments open.")})
    if closes_at is not None and closes_at <= opens_at:
        raise ValidationError({"amendments_close_at": _("The window must close after it opens.")})
    declaration.amendments_open_at, declaration.amendments_close_at = opens_at, closes_at
    declaration.status = DeclarationStatus.AMENDING
    declaration.save(update_fields=["amendments_open_at", "amendments_close_at", "status", "updated_at"])
    return declaration


def may_propose(registration, declaration: Declaration) -> bool:
    return (
        registration is not None
        and registration.conference_id == declaration.conference_id
        and registration.status == RegistrationStatus.CONFIRMED
        and registration.role == ParticipantRole.DELEGATE
    )


@transaction.atomic
def propose_amendment(
    declaration: Declaration,
    *,
    registration,
    paragraph_number: int,
    kind: str,
    text: str,
    rationale: str,
    organization: str = "",
    user=None,
) -> Amendment:
    """A delegate's amendment to one paragraph of the current version, while the window is open."""
    if not may_propose(registration, declaration):
        raise ValidationError(_("Only the conference's confirmed delegates propose amendments."))
    if not window_is_open(declaration):
        raise ValidationError(_("The amendment window is not open."))
    version = current_version(declaration)
    if not 1 <= paragraph_number <= len(version.paragraphs):
        raise ValidationError(
            {
                "paragraph_number": _("Choose a paragraph from 1 to %(last)s.")
                % {"last": len(version.paragraphs)}
            }
        )
    text = (text or "").strip()
    if kind == AmendmentKind.DELETE:
        text = ""
    elif not text:
        raise ValidationError({"text": _("Write the text you propose.")})
    _check_one_paragraph("text", text)
    if not (rationale or "").strip():
        raise ValidationError({"rationale": _("Say why: the rationale is what the conference will discuss.")})
    return Amendment.objects.create(
        declaration=declaration,
        paragraph_key=version.paragraphs[paragraph_number - 1]["key"],
        paragraph_number=paragraph_number,
        base_version=version,
        kind=kind,
        text=text,
        rationale=rationale.strip(),
        proposed_by=user if user and user.is_authenticated else None,
        proposer_name=registration.full_name,
        organization=organization or (registration.organization.name if registration.organization else ""),
        position=declaration.amendments.count() + 1,
    )


def _check_one_paragraph(field: str, text: str) -> None:
    if len(split_paragraphs(text)) > 1:
        raise ValidationError({field: _("An amendment changes one paragraph: write it without empty lines.")})


def target_missing(amendment: Amendment, version: DeclarationVersion) -> bool:
    """Whether the paragraph this amendment concerns is gone from the version: flagged, never lost."""
    return amendment.paragraph_key not in {paragraph["key"] for paragraph in version.paragraphs}


def applied(paragraphs: list[dict], amendment: Amendment, text: str, new_key: int) -> list[dict]:
    """The paragraphs with the amendment made."""
    result = []
    for paragraph in paragraphs:
        if paragraph["key"] != amendment.paragraph_key:
            result.append(paragraph)
        elif amendment.kind == AmendmentKind.REPLACE:
            result.append({"key": paragraph["key"], "text": text})
        elif amendment.kind == AmendmentKind.INSERT_AFTER:
            result.extend([paragraph, {"key": new_key, "text": text}])
        # DELETE: left out
    return result


def _check_tally(outcome: str, votes: dict, by_consensus: bool, tally_note: str) -> None:
    counts = [votes.get(name) for name in ("votes_for", "votes_against", "abstentions")]
    if by_consensus and any(value is not None for value in counts):
        raise ValidationError(_("By consensus, or with the votes counted: not both."))
    if outcome in ADOPTING and not by_consensus and votes.get("votes_for") is None and not tally_note.strip():
        raise ValidationError(
            {"votes_for": _("Give the votes for, tick “by consensus”, or say in words how it was adopted.")}
        )


@transaction.atomic
def record_outcome(
    amendment: Amendment,
    *,
    outcome: str,
    votes_for=None,
    votes_against=None,
    abstentions=None,
    by_consensus: bool = False,
    tally_note: str = "",
    adopted_text: str = "",
    user=None,
) -> Amendment:
    """Record what the conference decided. Adopting merges the text into a new version."""
    declaration = locked(Declaration, amendment.declaration_id)
    amendment = locked(Amendment, amendment.pk)
    if declaration.status in (DeclarationStatus.ADOPTED, DeclarationStatus.NOT_ADOPTED):
        raise ValidationError(_("The final vote is recorded: outcomes can no longer change."))
    if Amendment.objects.filter(carried_from=amendment).exists():
        raise ValidationError(
            _("This amendment was carried to the follow-up conference; it is decided there.")
        )
    if amendment.applied_in_id:
        raise ValidationError(
            _("This amendment is part of version %(number)s; it cannot be decided again.")
            % {"number": amendment.applied_in.number}
        )
    if outcome not in AmendmentOutcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    votes = {"votes_for": votes_for, "votes_against": votes_against, "abstentions": abstentions}
    _check_tally(outcome, votes, by_consensus, tally_note or "")
    adopted_text = (adopted_text or "").strip()
    if (
        outcome == AmendmentOutcome.ADOPTED_MODIFIED
        and amendment.kind != AmendmentKind.DELETE
        and not adopted_text
    ):
        raise ValidationError({"adopted_text": _("Give the text as the conference adopted it.")})
    _check_one_paragraph("adopted_text", adopted_text)
    if outcome in ADOPTING:
        version = current_version(declaration)
        if target_missing(amendment, version):
            raise ValidationError(
                _(
                    "Paragraph %(number)s, which this amendment concerns, is no longer in the text (version "
                    "%(version)s). It can be rejected, withdrawn or deferred, not adopted."
                )
                % {"number": amendment.paragraph_number, "version": version.number}
            )
        text = adopted_text if outcome == AmendmentOutcome.ADOPTED_MODIFIED else amendment.text
        new_key, declaration.next_key = declaration.next_key, declaration.next_key + 1
        declaration.save(update_fields=["next_key", "updated_at"])
        note = _("Amendment %(label)s adopted") % {"label": amendment_label(amendment)}
        amendment.applied_in = _new_version(
            declaration, applied(version.paragraphs, amendment, text, new_key), note, user
        )
    for name, value in votes.items():
        setattr(amendment, name, value)
    amendment.outcome, amendment.by_consensus = outcome, by_consensus
    amendment.tally_note = tally_note.strip()
    amendment.adopted_text = adopted_text if outcome == AmendmentOutcome.ADOPTED_MODIFIED else ""
    amendment.decided_at = None if outcome == AmendmentOutcome.PENDING else timezone.now()
    amendment.save()
    if outcome != AmendmentOutcome.PENDING:
        notifications.send_amendment_outcome(amendment)
    return amendment


def amendment_label(amendment: Amendment) -> str:
    """How the conference refers to it: A3 on §2."""
    return f"A{amendment.position} (§{amendment.paragraph_number})"


@transaction.atomic
def order_amendments(declaration: Declaration, rows: list[tuple[int, str, int]]) -> None:
    """(amendment pk, group, position) for amendments of this declaration; others are ignored."""
    amendments = {amendment.pk: amendment for amendment in declaration.amendments.all()}
    changed = []
    for pk, group, position in rows:
        amendment = amendments.get(pk)
        if amendment is not None:
            amendment.group, amendment.position = group.strip()[:100], position
            changed.append(amendment)
    Amendment.objects.bulk_update(changed, ["group", "position"])


@transaction.atomic
def record_final_vote(
    declaration: Declaration,
    *,
    adopted: bool,
    votes_for=None,
    votes_against=None,
    abstentions=None,
    by_consensus: bool = False,
    tally_note: str = "",
) -> Declaration:
    declaration = locked(Declaration, declaration.pk)
    if declaration.status in (DeclarationStatus.ADOPTED, DeclarationStatus.NOT_ADOPTED):
        raise ValidationError(_("The final vote is recorded already."))
    pending = declaration.amendments.filter(outcome=AmendmentOutcome.PENDING)
    if pending.exists():
        raise ValidationError(
            _("Record the outcome of every amendment first: %(labels)s.")
            % {"labels": ", ".join(amendment_label(amendment) for amendment in pending)}
        )
    votes = {"votes_for": votes_for, "votes_against": votes_against, "abstentions": abstentions}
    _check_tally(
        AmendmentOutcome.ADOPTED if adopted else AmendmentOutcome.REJECTED, votes, by_consensus, tally_note
    )
    for name, value in votes.items():
        setattr(declaration, name, value)
    declaration.by_consensus, declaration.tally_note = by_consensus, tally_note.strip()
    declaration.status = DeclarationStatus.ADOPTED if adopted else DeclarationStatus.NOT_ADOPTED
    declaration.decided_at = timezone.now()
    declaration.amendments_close_at = min(
        filter(None, [declaration.amendments_close_at, declaration.decided_at])
    )
    declaration.save()
    return declaration


def set_published(declaration: Declaration, published: bool) -> Declaration:
    if published and declaration.status != DeclarationStatus.ADOPTED:
        raise ValidationError(_("Only an adopted declaration is published."))
    declaration.is_published = published
    declaration.save(update_fields=["is_published", "updated_at"])
    return declaration


@transaction.atomic
def save_translation(
    declaration: Declaration, *, language: str, title: str, text: str, published: bool
) -> DeclarationTranslation:
    """The current version in another language, with as many paragraphs as the original."""
    if language == declaration.language:
        raise ValidationError({"language": _("This is the original's language.")})
    version = current_version(declaration)
    blocks = split_paragraphs(text)
    if len(blocks) != len(version.paragraphs):
        raise ValidationError(
            {
                "text": _(
                    "The original has %(expected)s paragraphs and this translation %(found)s: give one "
                    "translated paragraph for each, separated by an empty line."
                )
                % {"expected": len(version.paragraphs), "found": len(blocks)}
            }
        )
    if published and declaration.status != DeclarationStatus.ADOPTED:
        raise ValidationError({"is_published": _("Only an adopted declaration is published.")})
    paragraphs = [
        {"key": original["key"], "text": block}
        for original, block in zip(version.paragraphs, blocks, strict=True)
    ]
    translation, _created = DeclarationTranslation.objects.update_or_create(
        declaration=declaration,
        language=language,
        defaults={"version": version, "title": title, "paragraphs": paragraphs, "is_published": published},
    )
    return translation


@transaction.atomic
def carry_deferred(declaration: Declaration, follow_up, user=None) -> list[Amendment]:
    """Deferred amendments become open items of the follow-up conference's declaration work: the
    declaration there that continues this one, started from this one's text on the first carry."""
    if follow_up.follows_id != declaration.conference_id:
        raise ValidationError(_("Choose a conference that follows this one."))
    deferred = list(
        declaration.amendments.filter(outcome=AmendmentOutcome.DEFERRED, carried_to__isnull=True).order_by(
            "group", "position", "pk"
        )
    )
    if not deferred:
        return []
    source_version = current_version(declaration)
    # The declaration that continues this one: started by an earlier carry, so its paragraph keys are
    # this one's. Another declaration of the follow-up, or one already voted, is never written into.
    target = (
        follow_up.declarations.filter(amendments__carried_from__declaration=declaration)
        .exclude(status__in=[DeclarationStatus.ADOPTED, DeclarationStatus.NOT_ADOPTED])
        .first()
    )
    if target is None:
        target = Declaration.objects.create(
            conference=follow_up,
            title=declaration.title,
            language=declaration.language,
            next_key=declaration.next_key,
        )
        note = _("Started from the text of %(conference)s") % {"conference": declaration.conference.title}
        _new_version(target, source_version.paragraphs, note, user)
    target_version = current_version(target)
    numbers = numbered(target_version.paragraphs)
    start = target.amendments.count()
    carried = []
    for offset, amendment in enumerate(deferred, start=1):
        carried.append(
            Amendment.objects.create(
                declaration=target,
                paragraph_key=amendment.paragraph_key,
                paragraph_number=numbers.get(amendment.paragraph_key, amendment.paragraph_number),
                base_version=target_version,
                kind=amendment.kind,
                text=amendment.text,
                rationale=amendment.rationale,
                proposed_by=amendment.proposed_by,
                proposer_name=amendment.proposer_name,
                organization=amendment.organization,
                group=_("Carried over"),
                position=start + offset,
                carried_from=amendment,
            )
        )
    return carried


@dataclass
class DiffRow:
    change: str  # "same", "changed", "added", "removed"
    number_before: int | None
    number_after: int | None
    html: str


def compare(before: DeclarationVersion, after: DeclarationVersion) -> list[DiffRow]:
    """A readable diff: paragraph by paragraph (matched by key), words marked inside changed ones."""

    old, new = before.paragraphs, after.paragraphs
    old_numbers, new_numbers = numbered(old), numbered(new)
    old_by_key = {paragraph["key"]: paragraph for paragraph in old}
    new_keys = {paragraph["key"] for paragraph in new}
    rows: list[DiffRow] = []
    removed = [paragraph for paragraph in old if paragraph["key"] not in new_keys]

    def flush_removed_before(key: int | None) -> None:
        # Removed paragraphs appear where they stood: before the next paragraph that remains.
        while removed and (key is None or old_numbers[removed[0]["key"]] < old_numbers.get(key, 10**9)):
            paragraph = removed.pop(0)
            rows.append(DiffRow("removed", old_numbers[paragraph["key"]], None, escape(paragraph["text"])))

    for paragraph in new:
        key = paragraph["key"]
        if key in old_by_key:
            flush_removed_before(key)
            previous = old_by_key[key]["text"]
            if previous == paragraph["text"]:
                rows.append(DiffRow("same", old_numbers[key], new_numbers[key], escape(paragraph["text"])))
            else:
                rows.append(
                    DiffRow(
                        "changed", old_numbers[key], new_numbers[key], word_diff(previous, paragraph["text"])
                    )
                )
        else:
            rows.append(DiffRow("added", None, new_numbers[key], escape(paragraph["text"])))
    flush_removed_before(None)
    return rows


def word_diff(before: str, after: str) -> str:
    """Escaped HTML of `after` with the words taken out in <del> and those put in in <ins>."""

    old, new = re.findall(r"\w+|[^\w\s]+|\s+", before), re.findall(r"\w+|[^\w\s]+|\s+", after)
    parts = []
    for tag, a_start, a_end, b_start, b_end in difflib.SequenceMatcher(
        a=old, b=new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(new[b_start:b_end])))
            continue
        if a_end > a_start:
            parts.append(f"<del>{escape(''.join(old[a_start:a_end]))}</del>")
        if b_end > b_start:
            parts.append(f"<ins>{escape(''.join(new[b_start:b_end]))}</ins>")
    return "".join(parts)
