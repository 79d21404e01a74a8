"""The pages' permission rules, for the API: a team member's token reads or writes what their role
lets them, narrowed by the token's own scope (read only; one conference); anyone else gets 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from api.problems import invalid
from events.models import Conference, ConferenceMembership, Organization
from events.permissions import SAFE_METHODS, Action, role_allows


def memberships(request):
    """The calling person's memberships that the token reaches."""
    found = ConferenceMembership.objects.filter(user=request.user).select_related("conference")
    token = getattr(request, "api_token", None)
    if token is not None and token.conference_id is not None:
        found = found.filter(conference_id=token.conference_id)
    return found


def conference_for(request, slug: str, action: Action = Action.VIEW) -> Conference:
    membership = memberships(request).filter(conference__slug=slug).first()
    if membership is None:
        raise Http404
    needed = action if request.method in SAFE_METHODS else max(action, Action.CHANGE)
    token = getattr(request, "api_token", None)
    if needed >= Action.CHANGE and token is not None and not token.may_write:
        raise PermissionDenied(_("This token may only read."))
    if not role_allows(membership.role, needed):
        raise PermissionDenied(_("Your role on this conference's team does not allow this."))
    return membership.conference


def not_found():
    raise Http404


def organization_named(fields: dict):
    """The directory's entry that `organization_id` of the fields names (taken out of them), None when
    none is named, else a 422 naming the field."""
    pk = fields.pop("organization_id", None)
    if pk is None:
        return None
    organization = Organization.objects.filter(pk=pk).first()
    if organization is None:
        raise invalid(("organization_id", _("No such organization.")))
    return organization
