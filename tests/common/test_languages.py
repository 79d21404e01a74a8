# ruff: noqa: RUF001, RUF003
"""Language names from CLDR in the viewer's language, sorted in the viewer's collation."""

import pytest
from babel import Locale
from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst

from common.forms.choices import language_choices, site_language_choices
from common.languages import icu
from common.templatetags.zimmerwald import language_name, language_name_in_sentence, language_names
from tests.conftest import unavailable

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def collator():
    """Each alphabet's order is ICU's: without PyICU (an extra that needs the system's ICU) these skip."""
    if icu is None:
        unavailable("PyICU is not installed (pip install .[icu], with libicu-dev, pkg-config and g++)")


# CLDR's "ku" is Kurdish in Latin script: Kurmanji, which the site calls kmr.
CLDR = {"kmr": "ku"}


def choices_in(language: str) -> dict[str, str]:
    with translation.override(language):
        return dict(language_choices())


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_the_picker_names_languages_as_cldr_does_in_the_viewers_language(language):
    names = choices_in(language)
    cldr = Locale.parse(CLDR.get(language, language)).languages

    for code in ["de", "ja", "tr", "ar", "fa", "fr", "el", "hy", "ru", "sw"]:
        assert names[code] == capfirst(cldr[code])
    for code, name in names.items():
        if "-" not in code:
            assert name == capfirst(cldr[CLDR.get(code, code)])


@pytest.mark.parametrize("language", [code for code in SITE_LANGUAGES if code != "en"])
def test_hardly_any_name_stays_in_english(language):
    english = choices_in("en")
    names = choices_in(language)

    same = sorted(code for code, name in names.items() if name == english[code])

    # Today 89 of the 100. What remains is the words CLDR spells as English does: in Latin script
    # Esperanto, Hindi, Swahili... (16 in French and Italian), none in Arabic, Persian, Greek, Armenian.
    assert len(same) <= (16 if language in {"tr", "kmr", "fr", "es", "it", "pt"} else 0), same
    assert len(names) == len(english) == 100


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_kurmanji_is_named_as_cldr_names_kurdish_in_latin_script(language):
    cldr = Locale.parse(CLDR.get(language, language)).languages

    assert choices_in(language)["kmr"] == capfirst(cldr["ku"])


def test_in_kurmanji_the_names_are_kurmanji_ones():
    names = choices_in("kmr")

    assert names["kmr"] == "Kurdî (kurmancî)"
    assert names["de"] == "Almanî"
    assert names["tr"] == "Tirkî"


def test_regional_and_script_variants_name_the_language_and_then_the_region_or_script():
    with translation.override("fr"):
        names = dict(language_choices())

    assert names["pt-br"] == "Portugais (Brésil)"
    assert names["zh-hans"] == "Chinois (simplifié)"
    assert names["sr-latn"] == "Serbe (latin)"


def test_turkish_names_sort_as_the_turkish_alphabet_does(collator):
    names = list(choices_in("tr").values())

    # Ç comes after C and before D (not after Z, as by code point); ı before i; s before ş.
    assert names.index("Bulgarca") < names.index("Çekçe") < names.index("Çince (Basitleştirilmiş)")
    assert names.index("Çince (Geleneksel)") < names.index("Danca")
    assert names.index("Hırvatça") < names.index("Hintçe")
    assert names.index("Asturyasça") < names.index("Aşağı Sorbça")
    assert names.index("Zulu" if "Zulu" in names else "Yunanca") == len(names) - 1


PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def test_persian_names_sort_as_the_persian_alphabet_does(collator):
    names = list(choices_in("fa").values())

    first_letters = [PERSIAN_ALPHABET.index(name[0]) for name in names]
    assert first_letters == sorted(first_letters)
    # و before ه in Persian (Welsh before Dutch), and the letters Persian adds in their place.
    assert names.index("ولزی") < names.index("هلندی")
    assert names.index("بلغاری") < names.index("پرتغالی") < names.index("تاتاری")
    assert names.index("کردی") < names.index("گرجی") < names.index("لتونیایی")


def test_arabic_names_sort_as_the_arabic_alphabet_does_the_article_and_hamza_aside(collator):
    names = [name for name in choices_in("ar").values() if name.startswith("ال")]

    letters = [ARABIC_ALPHABET.index(name[2].translate(str.maketrans("أإآ", "ااا"))) for name in names]
    assert letters == sorted(letters)
    assert len(names) > 90


def test_the_list_is_built_once_per_language():
    with translation.override("fa"):
        first = language_choices()
        second = language_choices()
    with translation.override("tr"):
        turkish = language_choices()

    assert first is second
    assert turkish is not first


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_the_site_languages_are_named_by_cldr_too(language):
    cldr = Locale.parse(CLDR.get(language, language)).languages

    with translation.override(language):
        names = dict(site_language_choices())

    assert sorted(names) == sorted(SITE_LANGUAGES)
    assert names["ar"] == capfirst(cldr["ar"])
    assert names["kmr"] == capfirst(cldr["ku"])


def test_template_filters_name_languages_in_the_active_language():
    with translation.override("fr"):
        assert language_name("de") == "Allemand"
        assert language_names(["tr", "kmr"]) == "Turc, Kurde"
        # Inside a sentence, as CLDR writes it: "l'original est en allemand".
        assert language_name_in_sentence("de") == "allemand"
        assert language_name("xx") == "xx"
        assert language_name("") == ""
