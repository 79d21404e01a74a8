"""Continents of countries, with North and South America counted together as the Americas."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from pycountry_convert import country_alpha2_to_continent_code


class Continent(models.TextChoices):
    AFRICA = "AF", _("Africa")
    AMERICAS = "AM", _("the Americas")
    ASIA = "AS", _("Asia")
    EUROPE = "EU", _("Europe")
    OCEANIA = "OC", _("Oceania")
    ANTARCTICA = "AN", _("Antarctica")


_MERGED = {"NA": Continent.AMERICAS, "SA": Continent.AMERICAS}
_UNLISTED = {
    "AQ": Continent.ANTARCTICA,
    "TF": Continent.ANTARCTICA,
    "UM": Continent.OCEANIA,
    "SX": Continent.AMERICAS,
    "VA": Continent.EUROPE,
}


def continent_of(country_code: str) -> str:
    """The continent code of an ISO 3166 alpha-2 country, or "" if it has none (empty or unknown)."""
    if not country_code:
        return ""
    if country_code in _UNLISTED:
        return _UNLISTED[country_code]
    try:
        code = country_alpha2_to_continent_code(country_code)
    except KeyError:
        return ""
    return _MERGED.get(code, code)


def countries_of(continent: str) -> list[str]:
    """Every country code that continent_of() places on the continent."""
    return [code for code, _name in countries if continent_of(code) == continent]
