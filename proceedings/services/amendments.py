"""The amendment process of a declaration, up to its final vote: the window in which delegates propose
amendments, the proposals, the outcome of each with its tally, their order, carrying deferred ones to
a follow-up declaration, and the final vote on the whole text."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from common.locking import locked
from proceedings import notifications
from proceedings.diff import numbered
from proceedings.enums import AmendmentKind, AmendmentOutcome, DeclarationStatus
from proceedings.models import Amendment, Declaration, DeclarationVersion
from proceedings.permissions import may_propose, window_is_open
from proceedings.services.declarations import current_version, new_version, split_paragraphs

ADOPTING = {AmendmentOutcome.ADOPTED, AmendmentOutcome.ADOPTED_MODIFIED}


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
        amendment.applied_in = new_version(
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
        new_version(target, source_version.paragraphs, note, user)
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
                group=pgettext("name of the group of amendments carried over", "Carried over"),
                position=start + offset,
                carried_from=amendment,
            )
        )
    return carried


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
