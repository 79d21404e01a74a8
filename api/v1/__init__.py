"""Version 1 of the API: /api/v1/…, its OpenAPI document at /api/openapi.json, its pages at /api/docs."""

from ninja import NinjaAPI

from api import problems
from api.auth import AUTHENTICATION
from api.throttling import CallerRateThrottle
from api.v1 import conferences, events, invitations, proceedings, program, registrations, schemas

DESCRIPTION = """
Everything an organizer does on the site's pages, for scripts and other tools. Authenticate with a
personal API token (made under your profile: *API tokens*) sent as `Authorization: Bearer zw_…`; a
token reads, or reads and writes, every conference of yours or one of them, with your role's rights.
The site's own pages use the session, with the CSRF token on writes.

Lists are paginated by cursor: follow `next_cursor` (`?cursor=…`) until it is null. Reads carry an
`ETag`; send it back as `If-None-Match` to get a 304, and as `If-Match` on a write so that a change
made by someone else since you read is not overwritten (412). Every error is an RFC 9457 problem
document (`application/problem+json`) naming the fields at fault in `errors`. Its `type` is
`about:blank` (the status says it all) or one of `urn:zimmerwald:problem:` followed by `validation`
(422: see `errors`), `authentication` (401), `forbidden` (403: your role or a read-only token),
`not-found` (404: nothing there, or nothing you may see), `stale` (412: read it again),
`rate-limited` (429: wait for `Retry-After` seconds).
"""

ERRORS = {
    400: "The request cannot be read.",
    401: "No valid token or session.",
    403: "Your role or your token does not allow this.",
    404: "Nothing here, or nothing you may see.",
    412: "It changed since you read it (If-Match).",
    422: "Invalid values; `errors` names the fields.",
    429: "Too many requests for this token: wait, then try again.",
}


class DocumentedAPI(NinjaAPI):
    """The OpenAPI document says what every route answers on an error: a problem document."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["components"].setdefault("schemas", {})["Problem"] = schemas.Problem.model_json_schema()
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for item in schema["paths"].values():
            for operation in item.values():
                for status, description in ERRORS.items():
                    operation["responses"].setdefault(
                        str(status), {"description": description, "content": problem}
                    )
        return schema


api = DocumentedAPI(
    title="Zimmerwald API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=AUTHENTICATION,
    throttle=CallerRateThrottle(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems.install(api)
api.add_router("/v1/", conferences.router)
api.add_router("/v1/", program.router)
api.add_router("/v1/", registrations.router)
api.add_router("/v1/", invitations.router)
api.add_router("/v1/", events.router)
api.add_router("/v1/", proceedings.router)
api.add_router("/v1/public/", program.public_router)
api.add_router("/v1/public/", proceedings.public_router)
