from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from outbox.enums import MessageStatus
from outbox.links import REDACTED
from outbox.models import OutboxMessage


def _mails(conference, batch: str):
    mails = OutboxMessage.objects.filter(conference=conference)
    return mails.filter(batch=batch) if batch else mails


def status_counts(conference, *, batch: str = "") -> dict[str, int]:
    """How many of the conference's mails (or of one batch) are in each status, every status present."""
    counted = dict(_mails(conference, batch).values_list("status").annotate(count=Count("pk")))
    return {status: counted.get(status, 0) for status in MessageStatus.values}


def failed_messages(conference, *, batch: str = ""):
    return _mails(conference, batch).filter(status=MessageStatus.FAILED).order_by("-created_at")


def kind_of(message: OutboxMessage) -> str:
    """What the mail is about, in the words of the model it names ("Registration", "Session"): the
    outbox knows no kind of mail of its own."""
    model = message.about_type.model_class() if message.about_type_id else None
    return capfirst(model._meta.verbose_name) if model is not None else str(_("Other"))


def conference_mails(conference, *, query: str = "", status: str = ""):
    """Every mail of the conference, newest first; `query` finds a recipient by part of the address
    (any case), `status` keeps one status."""
    mails = OutboxMessage.objects.filter(conference=conference).select_related("about_type")
    mails = mails.defer("body_text", "body_html", "calendar")
    if query:
        mails = mails.filter(recipient__icontains=query.strip())
    if status in MessageStatus.values:
        mails = mails.filter(status=status)
    return mails.order_by("-created_at", "-pk")


def shown_mail(message: OutboxMessage) -> dict:
    """The mail as the team may read it: the personal link's token blanked even while it waits to go."""
    body = message.body_text
    for secret in message.redactions:
        body = body.replace(secret, REDACTED)
    return {"message": message, "kind": kind_of(message), "body": body}


def mails_about(instance) -> list[OutboxMessage]:
    """The mails about one object (a registration, a delegation), newest first, without their bodies.
    The object's kind is matched by name, in the same query: no content-type lookup of its own."""
    meta = instance._meta
    return list(
        OutboxMessage.objects.filter(
            about_type__app_label=meta.app_label, about_type__model=meta.model_name, about_id=instance.pk
        )
        .defer("body_text", "body_html", "calendar")
        .order_by("-created_at", "-pk")
    )
