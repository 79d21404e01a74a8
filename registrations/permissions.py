"""Who on a conference's team may see what of a registration."""

from events.permissions import Action, role_allows


def may_see_sensitive(role: str | None) -> bool:
    """Accessibility needs (which often say something about health) are for the organizers and owners who
    act on them: a viewer sees neither them on the list and the check-in desk nor their column in exports."""
    return role_allows(role, Action.CHANGE)
