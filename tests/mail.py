"""Reading mail as a recipient's program would: every address a message shows, in any part."""

import re

import icalendar

from outbox.models import OutboxMessage
from outbox.rendering import render_queued

ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def parts_text(message) -> list[str]:
    """The decoded text of every part (headers of the whole message included)."""
    texts = [str(value) for value in message.values()]
    for part in message.walk():
        if part.is_multipart():
            continue
        content = part.get_content()
        text = content.decode() if isinstance(content, bytes) else content
        if part.get_content_type() == "text/calendar":
            # Unfold the content lines (RFC 5545 3.1): a long ATTENDEE line may be folded inside an address.
            text = text.replace("\r\n ", "").replace("\n ", "")
        texts.append(text)
    return texts


def addresses_in(message, *, site_domain: str = "127.0.0.1") -> set[str]:
    """Every person's address anywhere in the message: headers, text, calendar (ATTENDEE, ORGANIZER).
    The site's own (the sender, Message-ID, calendar UIDs) are left out."""
    found = set()
    for text in parts_text(message):
        found.update(address.lower() for address in ADDRESS.findall(text))
    return {address for address in found if not address.endswith("@" + site_domain)}


def calendar_attendees(message) -> list[str]:
    """The ATTENDEE values of the calendar part that calendar programs act on (the inline one; the
    invite.ics attachment holds the same file), parsed with icalendar."""
    [part, *_attachment] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    calendar = icalendar.Calendar.from_ical(part.get_content().encode())
    attendees = []
    for event in calendar.walk("VEVENT"):
        value = event.get("ATTENDEE", [])
        attendees += [str(item) for item in (value if isinstance(value, list) else [value])]
    return attendees


def write_queued() -> None:
    """Write every queued mail that waits for the worker to write it, as the worker does before sending
    (outbox.rendering.render_queued), so that a test reads the text its recipient will get."""
    for message in OutboxMessage.objects.exclude(render_with=""):
        message.save(update_fields=render_queued(message))
