"""Who a signed-in person is at a conference, for the proceedings: a confirmed participant, a delegate."""

from django.db.models.functions import Lower
from django.utils import timezone

from registrations.enums import ParticipantRole, RegistrationStatus
from registrations.models import Registration


def confirmed_registration(user, conference, *, role: str | None = None) -> Registration | None:
    """The person's confirmed registration at the conference under one of their verified addresses
    (of that role, if given), or None."""
    if not user.is_authenticated:
        return None
    registrations = (
        Registration.objects.filter(conference=conference, status=RegistrationStatus.CONFIRMED)
        .annotate(address=Lower("email"))
        .filter(address__in=user.verified_addresses())
        .select_related("organization")
    )
    if role is not None:
        registrations = registrations.filter(role=role)
    return registrations.order_by("pk").first()


def delegate_registration(user, conference) -> Registration | None:
    return confirmed_registration(user, conference, role=ParticipantRole.DELEGATE)


def visible_statements(conference, membership=None):
    """Published statements; the team also sees those not yet published."""
    statements = conference.statements.select_related("translation_of")
    if membership is None:
        statements = statements.filter(published_on__isnull=False, published_on__lte=timezone.localdate())
    return statements


def published_statements(conference) -> list:
    """For the conference page: each original with its published translations."""
    statements = list(visible_statements(conference))
    originals = [item for item in statements if item.translation_of_id is None]
    by_original: dict[int, list] = {}
    for item in statements:
        if item.translation_of_id:
            by_original.setdefault(item.translation_of_id, []).append(item)
    for item in originals:
        item.published_translations = by_original.get(item.pk, [])
    return originals
