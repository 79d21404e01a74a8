"""Who may do what to a conference: asked by every manage view through `team_required`.

Roles: an owner manages everything including the team; an organizer changes the
conference, its co-organizers and meetings; a viewer sees everything and changes
nothing. Someone not on the team gets 404, so that a draft's existence is not revealed.

Creating a conference is a permission that site staff grant (`events.add_conference`), unless
OPEN_CONFERENCE_CREATION opens it to every account. The shared organization directory is read by
"organizers": staff, holders of that permission, owners and organizers of some conference.
"""

import enum
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from events.enums import TeamRole
from events.models import (
    CampaignRecipient,
    Conference,
    ConferenceMembership,
    ConferenceOrganizer,
    Invitation,
    MeetingParticipant,
    Organization,
)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class Action(enum.IntEnum):
    VIEW = 1
    CHANGE = 2
    MANAGE_TEAM = 3


ROLE_ALLOWS = {
    TeamRole.VIEWER: Action.VIEW,
    TeamRole.ORGANIZER: Action.CHANGE,
    TeamRole.OWNER: Action.MANAGE_TEAM,
}


def membership_of(user, conference: Conference) -> ConferenceMembership | None:
    if not user.is_authenticated:
        return None
    return ConferenceMembership.objects.filter(conference=conference, user=user).first()


def role_allows(role: str | None, action: Action) -> bool:
    return role is not None and ROLE_ALLOWS[TeamRole(role)] >= action


CREATE_CONFERENCE = "events.add_conference"


def may_create_conference(user) -> bool:
    """Site staff grant `events.add_conference` (superusers have it); OPEN_CONFERENCE_CREATION gives it
    to every signed-in account, for a private single-team installation."""
    if not (user.is_authenticated and user.is_active):
        return False
    return settings.OPEN_CONFERENCE_CREATION or user.has_perm(CREATE_CONFERENCE)


def changing_memberships(user):
    """The memberships through which the user changes a conference: owner or organizer."""
    return ConferenceMembership.objects.filter(user=user, role__in=[TeamRole.OWNER, TeamRole.ORGANIZER])


def may_read_directory(user) -> bool:
    """The directory (names, contact addresses, websites) is for organizers: staff, holders of the
    permission to create conferences, owners and organizers of some conference. Not a viewer only."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or changing_memberships(user).exists() or user.has_perm(CREATE_CONFERENCE)


def may_manage_directory(user) -> bool:
    """Add entries for one's team, and edit or propose changes: staff, owners and organizers."""
    return user.is_authenticated and user.is_active and (user.is_staff or changing_memberships(user).exists())


def conferences_relying_on(organization: Organization) -> set[int]:
    """The conferences that name the entry: as co-organizer, invitation or campaign recipient,
    preparatory meeting participant's organization, or a registration's organization."""
    uses = [
        ConferenceOrganizer.objects.filter(organization=organization).values_list("conference", flat=True),
        Invitation.objects.filter(organization=organization).values_list("conference", flat=True),
        CampaignRecipient.objects.filter(organization=organization).values_list(
            "campaign__conference", flat=True
        ),
        MeetingParticipant.objects.filter(organization=organization).values_list(
            "meeting__conference", flat=True
        ),
        organization.registrations.values_list("conference", flat=True),
    ]
    return {conference for use in uses for conference in use}


def may_edit_organization(user, organization: Organization) -> bool:
    """Editing an entry changes every conference that names it. Staff may; otherwise only the owners
    and organizers of the conference whose team added it, and only while no other conference relies
    on it. Everyone else who manages the directory proposes the change to staff instead."""
    if not may_manage_directory(user):
        return False
    if user.is_staff:
        return True
    creator = organization.created_by_conference_id
    if creator is None or not changing_memberships(user).filter(conference=creator).exists():
        return False
    return conferences_relying_on(organization) <= {creator}


def required_action(request, action: Action) -> Action:
    """What the request needs: the view's own action, and at least CHANGE for anything but a read."""
    return action if request.method in SAFE_METHODS else max(action, Action.CHANGE)


def team_required(action: Action = Action.VIEW) -> Callable:
    """Resolve the conference of the URL's `slug` for a team member, or refuse.

    The view is called as `view(request, conference, membership, **kwargs)`. A request that
    is not a safe method needs at least CHANGE, whatever the view asked for.
    """

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request, slug: str, **kwargs):
            membership = (
                ConferenceMembership.objects.select_related("conference")
                .filter(conference__slug=slug, user=request.user)
                .first()
            )
            if membership is None:
                raise Http404
            needed = required_action(request, action)
            if not role_allows(membership.role, needed):
                raise PermissionDenied
            return view(request, membership.conference, membership, **kwargs)

        wrapper.manage_permission = action
        return wrapper

    return decorator


def directory_required(action: Action = Action.VIEW) -> Callable:
    """For the shared organization directory: organizers read (`may_read_directory`, else 404);
    staff, owners and organizers change (`may_manage_directory`, else 403)."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request, **kwargs):
            if not may_read_directory(request.user):
                raise Http404
            needed = required_action(request, action)
            if needed >= Action.CHANGE and not may_manage_directory(request.user):
                raise PermissionDenied
            return view(request, **kwargs)

        wrapper.manage_permission = action
        return wrapper

    return decorator


def creation_required(view: Callable) -> Callable:
    """For creating a conference: signed in and `may_create_conference`, else 403."""

    @login_required
    @wraps(view)
    def wrapper(request, **kwargs):
        if not may_create_conference(request.user):
            raise PermissionDenied
        return view(request, **kwargs)

    wrapper.manage_permission = CREATE_CONFERENCE
    return wrapper


def signed_in(view: Callable) -> Callable:
    """For workspace pages that belong to no conference (my conferences, create one)."""
    wrapped = login_required(view)
    wrapped.manage_permission = "signed-in"
    return wrapped
