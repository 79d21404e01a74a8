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
from events.models import Conference, ConferenceMembership

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


def may_manage_directory(user) -> bool:
    """The organization directory is shared: any organizer or owner of some conference may edit it."""
    return user.is_authenticated and (
        user.is_staff
        or ConferenceMembership.objects.filter(
            user=user, role__in=[TeamRole.OWNER, TeamRole.ORGANIZER]
        ).exists()
    )


def may_edit_organization(user, organization) -> bool:
    """Editing an entry changes every conference that names it: not allowed while it co-organizes a
    conference this user may not change (its public page would show what they wrote). Staff may."""
    if user.is_staff:
        return True
    if not may_manage_directory(user):
        return False
    changers = ConferenceMembership.objects.filter(user=user, role__in=[TeamRole.OWNER, TeamRole.ORGANIZER])
    return not organization.conferences.exclude(pk__in=changers.values("conference")).exists()


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
    """For the shared organization directory: any team member reads; organizers and owners edit."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request, **kwargs):
            on_a_team = (
                request.user.is_staff or ConferenceMembership.objects.filter(user=request.user).exists()
            )
            if not on_a_team:
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
