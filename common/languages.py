# ruff: noqa: RUF002
"""Language names and their order, from CLDR: Babel names each language in the reader's language, and
ICU's collator (PyICU) sorts the names as a reader of that language expects (in Turkish Ç after C and ı
before i, in Persian و before ه, in Arabic أ and إ as ا), which sorting by code point does not. PyICU is
built against the system's ICU (libicu-dev, a C++ compiler), so it is an extra (`pip install .[icu]`,
which `make test` and the Docker image install): without it, names sort by their letters with the accents
set aside (Ç beside C, not after Z), and what is particular to one alphabet is not known.

The languages offered are Django's (it names about a hundred) and the site's own. Regional and script
variants (pt-br, zh-hans, sr-latn...) stay: CLDR names them as the language with its region or script,
"Portuguese (Brazil)", so they sort beside the language, and rows that hold them keep a valid choice.
"""

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale
from django.conf import global_settings, settings
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

try:
    import icu
except ImportError:
    icu = None

# The site writes Kurmanji as kmr (ISO 639-3); CLDR has no kmr but a ku locale, Kurdish in Latin script,
# which is Kurmanji ("kurdî (kurmancî)" in its own data). Its names serve for kmr in both directions.
CLDR_CODES = {"kmr": "ku"}

LANGUAGE_CODES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [code for code, _name in global_settings.LANGUAGES] + [code for code, _ in settings.LANGUAGES]
    )
)


def _cldr(code: str) -> str:
    return CLDR_CODES.get(code, code)


@lru_cache(maxsize=32)
def _reader_locale(language: str) -> Locale:
    try:
        return Locale.parse(_cldr(language), sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def _reader() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _cldr_name(code: str, reader: Locale) -> str:
    """The name as CLDR writes it inside a sentence ("français"), "" when CLDR does not know it."""
    try:
        language, territory, script, _variant = parse_locale(_cldr(code), sep="-")
    except ValueError:
        return ""
    name = reader.languages.get(language)
    if name is None:
        return ""
    details = [
        detail
        for detail in (
            reader.scripts.get(script) if script else None,
            reader.territories.get(territory) if territory else None,
        )
        if detail
    ]
    return f"{name} ({', '.join(details)})" if details else name


@lru_cache(maxsize=4096)
def _name(code: str, language: str, in_sentence: bool) -> str:
    name = _cldr_name(code.lower(), _reader_locale(language))
    if not name:
        return code
    # CLDR's names are the forms for the middle of a sentence; a list, a menu or a table cell starts
    # with a capital, as CLDR's own rules for a list or menu ask in French, Spanish, Armenian...
    return name if in_sentence else capfirst(name)


def language_name(code: str, *, in_sentence: bool = False) -> str:
    """The language's name in the active language, as a list shows it ("Allemand"), or as a sentence
    does ("en allemand") with in_sentence; the code itself for a language CLDR does not know."""
    return _name(code, _reader(), in_sentence) if code else ""


def autonym(code: str) -> str:
    """The language's name in itself (Django's, which the site completes for kmr), "" if unknown."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return ""


def collation_key(language: str | None = None) -> Callable[[str], object]:
    """A sort key that orders text as a reader of the language (the active one by default) expects.
    A new collator per call: ICU's collators are not to be shared between threads."""
    if icu is None:
        return _letters_first
    collator = icu.Collator.createInstance(icu.Locale(_cldr(language or _reader()).replace("-", "_")))
    return collator.getSortKey


def _letters_first(text: str) -> tuple[str, str]:
    """Without ICU: the text's letters without their accents, then the text as written."""
    letters = "".join(
        char for char in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(char)
    )
    return letters, text


@lru_cache(maxsize=64)
def _sorted_names(language: str, codes: frozenset[str]) -> tuple[tuple[str, str], ...]:
    key = collation_key(language)
    return tuple(
        sorted(((code, _name(code, language, False)) for code in codes), key=lambda item: key(item[1]))
    )


def named(codes: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The languages as (code, name), named and sorted in the active language; built once per
    language and set of codes, since forms ask for their choices on every request."""
    return _sorted_names(_reader(), frozenset(codes))
