"""ETag on reads (If-None-Match gives a 304) and If-Match on writes (a stale one gives a 412), from the
representation the client reads: two clients that both read version A cannot both write over it."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Status

from api.problems import Problem


def etag_of(data) -> str:
    body = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False).encode()
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def listed(header: str) -> list[str]:
    return [part.strip().removeprefix("W/") for part in header.split(",") if part.strip()]


def read(request, response: HttpResponse, schema, instance):
    """The instance as `schema` with its ETag; a 304 when the client has this version."""
    data = schema.from_orm(instance).model_dump(mode="json")
    etag = etag_of(data)
    response["ETag"] = etag
    if etag in listed(request.headers.get("If-None-Match", "")):
        return Status(304, None)
    return Status(200, instance)


def check_if_match(request, schema, instance) -> None:
    """Refuse a write made against another version than the stored one, when the client names one."""
    header = request.headers.get("If-Match")
    if not header or header.strip() == "*":
        return
    current = etag_of(schema.from_orm(instance).model_dump(mode="json"))
    if current not in listed(header):
        raise Problem(
            412,
            _("It changed since you read it: read it again, then send your change with its new ETag."),
            code="stale",
        )
