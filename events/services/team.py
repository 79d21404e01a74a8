"""Writes on a conference's organizing team."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.enums import TeamNews, TeamRole
from events.models import Conference, ConferenceMembership
from events.notifications import send_team_invitation


def find_or_create_user(*, email: str, full_name: str = "") -> tuple[User, bool]:
    """The account that owns this address, or a new one without a password: (user, needs a sign-in).

    An account whose addresses are all unverified may have been opened by someone else in the
    owner's name: its password is removed (which also ends its sessions), so that only the person
    who can read the mail gets in, by a code sent to that address.
    """
    email = email.strip().lower()
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    user = address.user if address is not None else User.objects.filter(email__iexact=email).first()
    if user is not None:
        if EmailAddress.objects.filter(user=user, verified=True).exists():
            return user, False
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return user, True
    user = User.objects.create_user(email=email, password=None, full_name=full_name)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user, True


@transaction.atomic
def add_team_member(
    conference: Conference, *, email: str, role: str, added_by: User, full_name: str = ""
) -> ConferenceMembership:
    """Put a person on the team, creating their account if needed, and mail them the invitation."""
    user, created = find_or_create_user(email=email, full_name=full_name)
    if ConferenceMembership.objects.filter(conference=conference, user=user).exists():
        raise ValidationError({"email": _("%(email)s is already on the team.") % {"email": user.email}})
    try:
        with transaction.atomic():
            membership = ConferenceMembership.objects.create(conference=conference, user=user, role=role)
    except IntegrityError:
        raise ValidationError(
            {"email": _("%(email)s is already on the team.") % {"email": user.email}}
        ) from None
    send_team_invitation(membership, invited_by=added_by, new_account=created)
    return membership


def _owners_left_without(membership: ConferenceMembership) -> int:
    return (
        ConferenceMembership.objects.filter(conference=membership.conference_id, role=TeamRole.OWNER)
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def change_team_role(membership: ConferenceMembership, *, role: str) -> ConferenceMembership:
    # Lock the team's rows so that two owners demoting each other cannot leave none.
    list(ConferenceMembership.objects.select_for_update().filter(conference=membership.conference_id))
    membership.refresh_from_db(fields=["role"])
    if membership.role == TeamRole.OWNER and role != TeamRole.OWNER and _owners_left_without(membership) == 0:
        raise ValidationError({"role": _("A conference needs at least one owner.")})
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_team_member(membership: ConferenceMembership) -> None:
    list(ConferenceMembership.objects.select_for_update().filter(conference=membership.conference_id))
    membership.refresh_from_db(fields=["role"])
    if membership.role == TeamRole.OWNER and _owners_left_without(membership) == 0:
        raise ValidationError(_("A conference needs at least one owner."))
    membership.delete()


def set_news(membership: ConferenceMembership, *, news: str) -> ConferenceMembership:
    """A team member's own choice of news: a daily digest, a mail for each change, or none. Choosing the
    digest starts it from now, so that it does not bring back what was told mail by mail, or not wanted."""
    if news not in TeamNews.values:
        raise ValidationError({"news": _("Choose one of the ways to hear the news.")})
    told = membership.news_told_until
    if news == TeamNews.DAILY and membership.news != TeamNews.DAILY:
        told = timezone.now()
    # One person's preference, not a change of the team: no row in the conference's history.
    ConferenceMembership.objects.filter(pk=membership.pk).update(news=news, news_told_until=told)
    membership.news, membership.news_told_until = news, told
    return membership
