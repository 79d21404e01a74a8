"""schemathesis against the live OpenAPI document: for each route, generated queries and bodies (valid
and invalid) sent with the tokens of an organizer, a viewer and an outsider. No server error, every
answer as the document says (status, content type, body, headers), and nothing of our conference
reaches the outsider."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import bearer
from tests.api.test_authorization import operations, own_pk

pytestmark = pytest.mark.django_db

CALLERS = ("organizer", "viewer", "outsider")
# A request the schema allows may still break a rule the schema cannot state (a session ends after it
# starts, a cursor is one the API gave, only a pending registration is approved): the API answers 422
# naming the field, which schemathesis' positive_data_acceptance counts as a failure. Every other check
# runs, negative_data_rejection (invalid data must get a 4xx) among them.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


@pytest.mark.parametrize("operation", operations(), ids=lambda operation: f"{operation[0]} {operation[1]}")
def test_every_route_answers_as_its_document_says(operation, world, settings_of_django):
    method, path = operation
    live = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    route = live[path][method.upper()]

    @given(case=route.as_strategy())
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)  # fmt: skip
    def fuzz(case):
        # The routes' own ids: generated slugs and ids would meet only 404s.
        if "slug" in (case.path_parameters or {}):
            case.path_parameters["slug"] = "ours"
        if "pk" in (case.path_parameters or {}):
            case.path_parameters["pk"] = own_pk(path, world)
        if "amendment" in (case.path_parameters or {}):
            case.path_parameters["amendment"] = world.declaration.amendments.get().pk
        for caller in CALLERS:
            headers = {"Authorization": bearer(world.tokens[caller])["HTTP_AUTHORIZATION"]}
            response = case.call_and_validate(headers=headers, excluded_checks=EXCLUDED)
            if caller == "outsider" and path.startswith("/api/v1/conferences/"):
                assert response.status_code in {404, 422}, (path, response.status_code)

    fuzz()


@pytest.fixture
def settings_of_django(settings):
    """The WSGI app as Django's test client runs it: its requests must not close the test's database
    connection (which holds the test's transaction) when they finish."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.RATELIMIT_ENABLE = False
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield settings
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
