"""Stars and the personal agenda feed: the sessions a person follows, as a calendar they subscribe to."""

import secrets

from django.core import signing
from django.db import IntegrityError, transaction

from program.models import AgendaKey, Star

SIGNING_SALT = "zimmerwald.agenda-feed"


def toggle_star(user, session) -> bool:
    """Star the session, or take the star away; returns whether it is starred now."""
    deleted, _counts = Star.objects.filter(user=user, session=session).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Star.objects.create(user=user, session=session)
    except IntegrityError:  # a double click: starred by the other request
        pass
    return True


def agenda_token(user) -> str:
    """The token of the person's feed address, made the first time it is asked for."""
    key, _created = AgendaKey.objects.get_or_create(user=user, defaults={"salt": secrets.token_hex(16)})
    return signing.dumps([user.pk, key.salt], salt=SIGNING_SALT)


def reset_agenda_token(user) -> str:
    """A new address; every earlier one stops working."""
    AgendaKey.objects.update_or_create(user=user, defaults={"salt": secrets.token_hex(16)})
    return agenda_token(user)


def user_for_agenda_token(token: str):
    """The person whose current feed address this is, or None (unknown, tampered or revoked)."""
    try:
        user_pk, salt = signing.loads(token, salt=SIGNING_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    key = AgendaKey.objects.select_related("user").filter(user_id=user_pk, salt=salt).first()
    return key.user if key is not None else None
