import zoneinfo
from functools import cache


@cache
def timezone_choices() -> list[tuple[str, str]]:
    """IANA zones people pick from: 'Europe/Istanbul', not legacy aliases like 'Turkey'."""
    zones = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC"), *((zone, zone.replace("_", " ")) for zone in zones)]


def is_valid_timezone(name: str) -> bool:
    return name in dict(timezone_choices())
