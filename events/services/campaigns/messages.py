"""A campaign's message in each language: its placeholders, their values, and the preview of one
recipient's mail."""

import functools
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from common.languages import language_name
from common.site_urls import absolute_url
from events.models import (
    Campaign,
    CampaignMessage,
    CampaignRecipient,
    Conference,
)
from outbox.rendering import render_text

PLACEHOLDERS = ("name", "organization", "conference", "dates", "link")


PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class UnknownPlaceholder(ValidationError):
    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(
            _("Unknown placeholder %(names)s. The placeholders are %(known)s.")
            % {
                "names": ", ".join(f"{{{name}}}" for name in names),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


def placeholders_in(text: str) -> list[str]:
    return [match.strip() for match in PLACEHOLDER.findall(text)]


def check_message(*, subject: str, body: str) -> None:
    """Refuse a message that names a placeholder we do not have, or that lacks the personal link."""
    unknown = [
        name for name in dict.fromkeys(placeholders_in(subject + "\n" + body)) if name not in PLACEHOLDERS
    ]
    if unknown:
        raise UnknownPlaceholder(unknown)
    if "link" in placeholders_in(subject):
        raise ValidationError(
            {"subject": _("The personal link belongs in the message, not in the subject.")},
            code="link_in_subject",
        )
    if "link" not in placeholders_in(body):
        raise ValidationError(
            {"body": _("Put {link} where the personal link should go: without it nobody can answer.")},
            code="no_link",
        )


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each {placeholder} replaced; raises UnknownPlaceholder naming any it does not know."""
    parts = _parts(text)
    unknown = [
        name for name in dict.fromkeys(part for part, is_name in parts if is_name) if name not in values
    ]
    if unknown:
        raise UnknownPlaceholder(unknown)
    return "".join(values[part] if is_name else part for part, is_name in parts)


@functools.lru_cache(maxsize=64)
def _parts(text: str) -> tuple[tuple[str, bool], ...]:
    """The text cut once into literal pieces and placeholder names, for the thousands of mails of a send."""
    pieces = PLACEHOLDER.split(text)  # literal, name, literal, name, ..., literal
    return tuple((piece.strip(), True) if index % 2 else (piece, False) for index, piece in enumerate(pieces))


@transaction.atomic
def save_message(campaign: Campaign, *, language: str, subject: str, body: str) -> CampaignMessage:
    check_message(subject=subject, body=body)
    message, _created = CampaignMessage.objects.update_or_create(
        campaign=campaign, language=language, defaults={"subject": subject.strip(), "body": body}
    )
    return message


def message_for(campaign: Campaign, language: str, messages: dict[str, CampaignMessage]) -> CampaignMessage:
    """The message in that language, else the one in the campaign's default language."""
    message = messages.get(language) or messages.get(campaign.default_language)
    if message is None:
        raise ValidationError(
            _("Write the message in %(language)s, the campaign's default language, first.")
            % {"language": language_name(campaign.default_language, in_sentence=True)},
            code="no_default_message",
        )
    return message


def conference_values(conference: Conference, language: str) -> dict[str, str]:
    """The placeholders that are the same for every recipient in one language."""
    with translation.override(language):
        dates = render_text(
            "common/partials/date_range.txt",
            {"starts_on": conference.starts_on, "ends_on": conference.ends_on},
        ).strip()
    return {"conference": conference.title, "dates": dates}


def recipient_values(recipient, conference_part: dict[str, str], link: str) -> dict[str, str]:
    return {
        **conference_part,
        "name": recipient.name,
        "organization": getattr(recipient, "organization_name", "")
        or (recipient.organization.name if recipient.organization else ""),
        "link": link,
    }


@dataclass
class Preview:
    subject: str
    body: str
    language: str


def preview(campaign: Campaign, recipient: CampaignRecipient) -> Preview:
    """The mail as this recipient would get it, with a sample in place of their personal link."""
    messages = {message.language: message for message in campaign.messages.all()}
    message = message_for(campaign, recipient.language, messages)
    sample_link = absolute_url(reverse("events:invitation-detail", kwargs={"token": "sample-personal-link"}))
    values = recipient_values(
        recipient, conference_values(campaign.conference, message.language), sample_link
    )
    return Preview(
        subject=fill(message.subject, values), body=fill(message.body, values), language=message.language
    )
