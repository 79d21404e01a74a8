"""Every error of the API in one shape: RFC 9457 problem details (application/problem+json), with the
fields at fault named in `errors`."""

import json
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.errors import AuthorizationError as NinjaAuthorizationError
from ninja.responses import NinjaJSONEncoder

# A name, not a page (RFC 9457 lets the type be a URI no one dereferences); the API's description lists them.
PROBLEM_TYPE_BASE = "urn:zimmerwald:problem:"


class Problem(HttpError):
    """An error a route raises with a type of its own (`code`), e.g. a stale If-Match."""

    def __init__(self, status: int, detail: str, *, code: str = "", errors: list[dict] | None = None):
        super().__init__(status, detail)
        self.code, self.errors = code, errors or []


def problem_response(
    status: int, detail: str = "", *, code: str = "", errors=None, headers=None
) -> HttpResponse:
    body = {
        "type": PROBLEM_TYPE_BASE + code if code else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
    }
    if errors:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, cls=NinjaJSONEncoder, ensure_ascii=False),
        status=status,
        content_type="application/problem+json",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


WHERE = {"body", "query", "path", "header", "cookie", "form", "file"}


def field_name(location) -> str:
    """Pydantic's location of an error ("body", "payload", "title") as the field a client sent ("title")."""
    parts = [str(part) for part in location]
    if parts and parts[0] in WHERE:
        parts = parts[1:]
        if len(parts) > 1:  # the operation's parameter name (payload, filters) before the field
            parts = parts[1:]
    return ".".join(parts)


def django_errors(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"field": "" if name == "__all__" else name, "detail": message}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"field": "", "detail": message} for message in error.messages]


def install(api) -> None:
    """Route every error the API can meet to a problem document."""

    @api.exception_handler(ValidationError)
    def invalid(request, error):
        errors = [
            {"field": field_name(item.get("loc", ())), "detail": item.get("msg", "")} for item in error.errors
        ]
        return problem_response(422, _("The request has invalid values."), code="validation", errors=errors)

    @api.exception_handler(DjangoValidationError)
    def refused(request, error):
        return problem_response(
            422, _("The request has invalid values."), code="validation", errors=django_errors(error)
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, error):
        return problem_response(
            401,
            _("Send a valid API token (Authorization: Bearer …) or sign in."),
            code="authentication",
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    @api.exception_handler(NinjaAuthorizationError)
    def unauthorized(request, error):
        return problem_response(403, str(error) or _("You may not do this."), code="forbidden")

    @api.exception_handler(PermissionDenied)
    def forbidden(request, error):
        return problem_response(403, str(error) or _("You may not do this."), code="forbidden")

    @api.exception_handler(Http404)
    def not_found(request, error):
        return problem_response(404, _("Nothing here, or nothing you may see."), code="not-found")

    @api.exception_handler(Problem)
    def problem(request, error):
        return problem_response(error.status_code, error.message, code=error.code, errors=error.errors)

    @api.exception_handler(Throttled)
    def throttled(request, error):
        wait = max(int(error.wait or 1), 1)
        headers = {"Retry-After": str(wait)}
        detail = _("Too many requests with this token: try again in %(seconds)s seconds.") % {"seconds": wait}
        return problem_response(429, detail, code="rate-limited", headers=headers)

    @api.exception_handler(HttpError)
    def http_error(request, error):
        return problem_response(error.status_code, str(error.message))


def invalid(*errors: tuple[str, str]) -> Problem:
    """A 422 naming each (field, message)."""
    return Problem(
        422,
        _("The request has invalid values."),
        code="validation",
        errors=[{"field": field, "detail": str(detail)} for field, detail in errors],
    )


def changes(payload, *, nullable: tuple[str, ...] = ()) -> dict:
    """The fields a PATCH sent; null only for those that may be empty (`nullable`), else a 422 naming them."""
    sent = payload.dict(exclude_unset=True)
    nulls = [name for name, value in sent.items() if value is None and name not in nullable]
    if nulls:
        raise invalid(*((name, _("This field cannot be null.")) for name in nulls))
    return sent
