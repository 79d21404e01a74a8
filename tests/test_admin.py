"""Every model is in the admin, and its list, search and add pages render for staff."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import ConferenceFactory, MeetingFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "events", "program", "registrations", "online", "proceedings", "outbox", "api"}


def our_models():

    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical")
    ]


def test_every_model_of_ours_is_registered():
    missing = [model.__name__ for model in our_models() if not admin.site.is_registered(model)]

    assert missing == []


@pytest.mark.parametrize("model", our_models(), ids=lambda model: model.__name__)
def test_admin_pages_render(admin_client, model):
    ConferenceFactory()
    OrganizationFactory()
    MembershipFactory()
    MeetingFactory()
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"

    changelist = admin_client.get(reverse(f"{prefix}_changelist"), {"q": "a"})
    add = admin_client.get(reverse(f"{prefix}_add"))

    # Records made only through the site's checks (uploaded files, adopted versions) have no add page.
    addable = admin.site.get_model_admin(model).has_add_permission(changelist.wsgi_request)
    assert (changelist.status_code, add.status_code) == (200, 200 if addable else 403)
