"""Every model of the project has a factory in tests/factories.py, or is listed here with the service
that makes it (its rows only make sense as that service writes them); every factory makes a valid row."""

import inspect

import factory
import pytest
from django.apps import apps

from tests import factories

PROJECT_APPS = {"accounts", "events", "program", "registrations", "online", "proceedings", "outbox", "api"}
MADE_BY_SERVICES = {
    "ApiToken": "api.services.create_token",
    "Webhook": "outbox.services.create_webhook",
    "WebhookDelivery": "outbox.services.queue_event",
    "RegistrationLink": "registrations.services.new_link",
    "InvitationLink": "events.services.invitations.new_link",
    "AgendaKey": "program.agenda",
    "CampaignReminder": "events.services.campaigns.schedule_reminder",
    "OrganizationChangeProposal": "events.services.organizations.propose_organization_change",
    "Declaration": "proceedings.services.declarations.create_declaration",
    "DeclarationVersion": "proceedings.services.declarations.create_declaration",
    "DeclarationTranslation": "proceedings.services.declarations.save_translation",
    "Amendment": "proceedings.services.amendments.propose_amendment",
    "Document": "proceedings.services.documents.submit (tests/proceedings/documents.py)",
    "DocumentFile": "proceedings.services.documents.submit",
    "SessionMaterial": "the program editor's materials formset (tests/program/test_materials.py)",
    "Attendance": "online.services.record_attendance",
    "Delegation": "registrations.services.delegations.create_delegation",
    "DelegationLink": "registrations.services.delegations.create_delegation",
}
FACTORIES = [
    item
    for _name, item in inspect.getmembers(factories, inspect.isclass)
    if issubclass(item, factory.django.DjangoModelFactory) and item.__module__ == factories.__name__
]


def project_models() -> set[str]:
    return {
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical")
    }


def test_every_model_has_a_factory_or_a_service_that_makes_it():
    with_factory = {item._meta.get_model_class().__name__ for item in FACTORIES}

    assert project_models() - with_factory - MADE_BY_SERVICES.keys() == set()
    assert MADE_BY_SERVICES.keys() <= project_models()


@pytest.mark.django_db
@pytest.mark.parametrize("made_by", FACTORIES, ids=lambda item: item.__name__)
def test_each_factory_makes_a_row_its_model_accepts(made_by):
    row = made_by()

    row.full_clean()
    assert type(row).objects.filter(pk=row.pk).exists()
