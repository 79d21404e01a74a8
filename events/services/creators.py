"""Who may create conferences: site staff grant or take back the permission `events.add_conference`."""

from django.contrib.auth.models import Permission

from accounts.models import User


def conference_creation_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="events", codename="add_conference")


def grant_conference_creation(user: User, *, revoke: bool = False) -> User:
    """Give the account the right to create conferences (or take it back). Idempotent; a superuser
    keeps every permission whatever is stored."""
    permission = conference_creation_permission()
    if revoke:
        user.user_permissions.remove(permission)
    else:
        user.user_permissions.add(permission)
    return user
