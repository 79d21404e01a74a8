from functools import cache

from django.conf import global_settings, settings


@cache
def language_choices() -> list[tuple[str, str]]:
    """Every language Django knows plus the site's own (Kurmanji), by English name."""
    names = {code: str(name) for code, name in global_settings.LANGUAGES}
    names.update({code: str(name) for code, name in settings.LANGUAGES})
    return sorted(names.items(), key=lambda item: item[1])
