"""A declaration's text and its versions, publication and translations."""

import difflib
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.locking import locked
from proceedings.enums import DeclarationStatus
from proceedings.models import Declaration, DeclarationTranslation, DeclarationVersion
from proceedings.selectors import current_version

MAX_PARAGRAPHS = 500


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: blocks separated by an empty line."""
    blocks = re.split(r"\n[ \t]*\n", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    return [block.strip() for block in blocks if block.strip()]


def joined(paragraphs: list[dict]) -> str:
    return "\n\n".join(paragraph["text"] for paragraph in paragraphs)


def _checked_text(text: str) -> list[str]:
    blocks = split_paragraphs(text)
    if not blocks:
        raise ValidationError({"text": _("Write at least one paragraph.")})
    if len(blocks) > MAX_PARAGRAPHS:
        raise ValidationError(
            {"text": _("A declaration has at most %(count)s paragraphs.") % {"count": MAX_PARAGRAPHS}}
        )
    return blocks


def new_version(declaration: Declaration, paragraphs: list[dict], note: str, user) -> DeclarationVersion:
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
    new_version(declaration, paragraphs, _("Draft"), user)
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
    return new_version(declaration, paragraphs, note or _("Text edited by the organizers"), user)


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
