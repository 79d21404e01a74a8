"""Cursor pagination: a page of a list in a stable order, and an opaque cursor to the next page that
stays right when rows are added or removed meanwhile (keyset: the last row's sort value and pk)."""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Field, Schema

from api.problems import invalid

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class PageQuery(Schema):
    """The query of every list: where to go on (`next_cursor` of the page before) and how many at most."""

    cursor: str | None = Field(None, max_length=500)
    limit: int | None = Field(None, ge=1, le=MAX_LIMIT, description=f"{DEFAULT_LIMIT} when not given")


@dataclass(frozen=True)
class Page:
    items: list
    next_cursor: str | None


def encode(value, pk: int) -> str:
    if isinstance(value, datetime | date):
        value = value.isoformat()
    return base64.urlsafe_b64encode(json.dumps([value, pk]).encode()).decode().rstrip("=")


def decode(cursor: str) -> tuple:
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(pk, int):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as error:
        raise invalid(("cursor", _("This cursor is not one the API gave."))) from error
    return value, pk


def paginate(queryset, *, ordering: str, cursor: str | None, limit: int | None) -> Page:
    """`ordering` is a field name, "-" before it for descending; the pk breaks ties in the same direction."""
    limit = min(max(limit or DEFAULT_LIMIT, 1), MAX_LIMIT)
    descending = ordering.startswith("-")
    field = ordering.lstrip("-")
    queryset = queryset.order_by(ordering, "-pk" if descending else "pk")
    if cursor:
        value, pk = decode(cursor)
        try:
            value = queryset.model._meta.get_field(field).to_python(value)
        except ValidationError as error:
            raise invalid(("cursor", _("This cursor is not one the API gave."))) from error
        after = "lt" if descending else "gt"
        queryset = queryset.filter(
            Q(**{f"{field}__{after}": value}) | Q(**{field: value, f"pk__{after}": pk})
        )
    items = list(queryset[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    next_cursor = encode(getattr(items[-1], field), items[-1].pk) if more else None
    return Page(items, next_cursor)


def page_answer(queryset, query: PageQuery, *, ordering: str) -> dict:
    """A route's answer: the page the query asks for, and the cursor of the next one."""
    page = paginate(queryset, ordering=ordering, cursor=query.cursor, limit=query.limit)
    return {"items": page.items, "next_cursor": page.next_cursor}
