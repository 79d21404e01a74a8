from django import template

from events.permissions import may_read_directory

register = template.Library()


@register.filter
def reads_directory(user) -> bool:
    """Whether to show the link to the organization directory (events.permissions.may_read_directory)."""
    return may_read_directory(user)
