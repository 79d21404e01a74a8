"""The translation catalogs keep up with the code.

Every non-English catalog translates every string, with no fuzzy guess left; a translation keeps its
string's placeholders, HTML tags and plural forms; every compiled .mo holds exactly what its .po says.
These checks read the files in pure Python. One more check runs `makemessages` (the gettext tools)
on a copy of the tree, to see that the catalogs know every string the code has today; it is skipped
where the gettext tools are missing.

The catalogs in locale/vendor/ translate other packages' strings (allauth, Django, django-countries)
into the languages those packages lack: the same checks apply to them, and two more: each holds the
strings `manage.py vendor_messages` selects from the packages installed now, and each string is
translated there or in the package's own catalog.

When a check fails: `make messages`, translate what it lists, drop the fuzzy flags, compile again.
"""

import ast
import functools
import gettext
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from common.management.commands import vendor_messages
from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale"
SOURCE_LANGUAGE = "en"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
# The catalogs of other packages' strings, named by their directory under locale/.
VENDOR = [f"vendor/{code}" for code in vendor_messages.LANGUAGES]
# What `make messages` passes to makemessages besides the locales.
MAKEMESSAGES_OPTIONS = [
    *("--ignore", ".venv", "--ignore", "var", "--ignore", "tests", "--ignore", "node_modules"),
    "--no-obsolete",
]

PYTHON_FORMAT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?P<type>[a-zA-Z%])"
)
NAMED_PLACEHOLDER = re.compile(r"%\(\w+\)[a-zA-Z]")
HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")


def label(key: tuple[str | None, str]) -> str:
    context, msgid = key
    return msgid if context is None else f"{context}|{msgid}"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    locations: list[str] = field(default_factory=list)  # the files of the "#: file:line" comments
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    def __str__(self) -> str:
        return label(self.key)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, the header (msgid "") first; obsolete (#~) entries are marked so.

    Enough of the PO format for the files makemessages writes: comments, flags, msgctxt, msgid,
    msgid_plural, msgstr and msgstr[n], each possibly continued on the lines after it."""
    entries: list[Entry] = []
    entry = Entry()
    started = False
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if obsolete and line.startswith("|"):
            continue  # the previous msgid of an obsolete entry
        if line.startswith("#"):
            if started and target is not None and target[0] == "msgstr":
                finish()  # a comment after a msgstr starts the next entry
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                entry.locations.extend(reference.rsplit(":", 1)[0] for reference in line[2:].split())
            continue
        keyword, _space, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: a string continues nothing")
            value = unquote(line, path, number)
        else:
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            started = True
            entry.obsolete = entry.obsolete or obsolete
            value = unquote(rest.strip(), path, number)
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[len("msgstr[") : -1]))
                entry.msgstr[target[1]] = ""
            elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                target = (keyword, 0 if keyword == "msgstr" else None)
                if keyword == "msgstr":
                    entry.msgstr[0] = ""
                elif keyword == "msgid_plural" or keyword == "msgctxt":
                    setattr(entry, keyword, "")
            else:
                raise ValueError(f"{path}:{number}: unknown keyword {keyword}")
        name, index = target
        if name == "msgstr":
            entry.msgstr[index] += value
        else:
            setattr(entry, name, (getattr(entry, name) or "") + value)
    finish()
    return entries


def unquote(text: str, path: Path, number: int) -> str:
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{path}:{number}: not a quoted string: {text}")
    return ast.literal_eval(text)  # the PO escapes (\" \\ \n \t) are Python's


def catalog(language: str) -> Path:
    """A language's catalog, or with "vendor/" before the language the catalog of other packages' strings."""
    return LOCALE / language / "LC_MESSAGES" / "django.po"


@functools.cache
def active_entries(language: str) -> tuple[Entry, ...]:
    """The entries a catalog translates: no header, no obsolete ones (read once per test run)."""
    return tuple(entry for entry in read_po(catalog(language)) if entry.msgid and not entry.obsolete)


def nplurals(language: str) -> int:
    header = read_po(catalog(language))[0]
    found = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr[0])
    assert found, f"{language}: no Plural-Forms in the header"
    return int(found.group(1))


def placeholders(text: str) -> set[tuple[str | None, str]]:
    """The python-format placeholders of a string, as (name, conversion); %% is no placeholder."""
    return {
        (m.group("name"), m.group("type")) for m in PYTHON_FORMAT.finditer(text) if m.group("type") != "%"
    }


def html_tags(text: str) -> list[str]:
    return sorted(HTML_TAG.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_exists_for_every_language(language):
    assert catalog(language).exists()
    assert catalog(language).with_suffix(".mo").exists()


def test_english_catalog_leaves_every_string_as_written():
    assert [str(entry) for entry in active_entries(SOURCE_LANGUAGE) if any(entry.msgstr.values())] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_translates_every_string(language):
    assert [str(entry) for entry in active_entries(language) if not entry.translated] == []


@pytest.mark.parametrize("language", TRANSLATED + VENDOR)
def test_catalog_has_no_fuzzy_entry(language):
    assert [str(entry) for entry in active_entries(language) if "fuzzy" in entry.flags] == []


@pytest.mark.parametrize("language", TRANSLATED + VENDOR)
def test_plural_entries_have_the_forms_of_the_language(language):
    forms = list(range(nplurals(language)))

    assert [
        str(e) for e in active_entries(language) if e.msgid_plural is not None and list(e.msgstr) != forms
    ] == []


@pytest.mark.parametrize("language", TRANSLATED + VENDOR)
def test_translations_keep_the_placeholders(language):
    """A singular string keeps its placeholders exactly. A plural form may leave out the number
    ("one file"), but uses no placeholder the English lacks, and the last form, the one for most
    numbers in every language here, keeps all of the plural's. A string without placeholders gets
    none."""
    wrong = []
    for entry in active_entries(language):
        if not entry.translated:
            continue
        if "python-format" not in entry.flags:
            # Not marked for formatting, but a template's blocktranslate still applies %: a named
            # placeholder the English lacks would break the page.
            english = set(NAMED_PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
            if any(set(NAMED_PLACEHOLDER.findall(text)) - english for text in entry.msgstr.values()):
                wrong.append(str(entry))
            continue
        if entry.msgid_plural is None:
            if placeholders(entry.msgstr[0]) != placeholders(entry.msgid):
                wrong.append(str(entry))
            continue
        known = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
        forms = [placeholders(text) for _index, text in sorted(entry.msgstr.items())]
        if any(not form <= known for form in forms) or forms[-1] != placeholders(entry.msgid_plural):
            wrong.append(str(entry))

    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED + VENDOR)
def test_translations_keep_the_html_tags(language):
    wrong = [
        str(entry)
        for entry in active_entries(language)
        if entry.translated
        and any(
            html_tags(text) != html_tags(entry.msgid_plural or entry.msgid) for text in entry.msgstr.values()
        )
    ]

    assert wrong == []


def compiled_catalog(path: Path) -> dict:
    """What gettext reads from a .mo: singular keys "msgid", plural keys (msgid, form), both prefixed
    by "msgctxt\\x04" in a context."""
    with path.open("rb") as handle:
        found = dict(gettext.GNUTranslations(handle)._catalog)
    found.pop("", None)  # the header
    return found


def expected_catalog(language: str) -> dict:
    """What msgfmt compiles from the .po: the translated entries that are not fuzzy."""
    expected = {}
    for entry in active_entries(language):
        if not entry.translated or "fuzzy" in entry.flags:
            continue
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            expected[msgid] = entry.msgstr[0]
        else:
            expected.update({(msgid, form): text for form, text in entry.msgstr.items()})
    return expected


@pytest.mark.parametrize("language", LANGUAGES + VENDOR)
def test_compiled_catalog_matches_its_source(language):
    compiled = compiled_catalog(catalog(language).with_suffix(".mo"))
    expected = expected_catalog(language)

    assert sorted(map(str, compiled.keys() - expected.keys())) == [], "in the .mo, not in the .po"
    assert sorted(map(str, expected.keys() - compiled.keys())) == [], "in the .po, not in the .mo"
    assert sorted(str(key) for key in expected if compiled[key] != expected[key]) == []


def test_read_po_reads_a_plural_entry_across_lines(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        "#: x.py:1\n#, fuzzy, python-format\n"
        'msgid ""\n"%(count)s \\"file\\""\nmsgid_plural "%(count)s files"\n'
        'msgstr[0] "%(count)s fichier"\nmsgstr[1] ""\n"%(count)s fichiers"\n\n'
        '#~| msgid "went"\n#~ msgid "gone"\n#~ msgstr "parti"\n',
        encoding="utf-8",
    )

    header, plural, gone = read_po(path)

    assert header.msgid == "" and header.msgstr == {0: "Plural-Forms: nplurals=2; plural=(n != 1);\n"}
    assert (plural.msgid, plural.msgid_plural) == ('%(count)s "file"', "%(count)s files")
    assert plural.msgstr == {0: "%(count)s fichier", 1: "%(count)s fichiers"}
    assert plural.flags == {"fuzzy", "python-format"}
    assert (gone.msgid, gone.msgstr, gone.obsolete) == ("gone", {0: "parti"}, True)


@pytest.fixture(scope="module")
def made_messages(tmp_path_factory) -> Path:
    """A copy of the tree (so that the catalogs here stay untouched) on which makemessages ran as
    `make messages` runs it, for the source language, keeping its .pot, and for the languages of the
    vendor catalogs."""
    for tool in ("xgettext", "msgmerge", "msguniq", "msgattrib"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is missing (the gettext tools): cannot list the strings of the code")
    copy = tmp_path_factory.mktemp("tree") / "zimmerwald"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "var", "tests", "node_modules", "__pycache__", ".*_cache", ".hypothesis", "*.mo"
        ),
    )
    locales = [SOURCE_LANGUAGE, *vendor_messages.LANGUAGES]
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            *(option for code in locales for option in ("--locale", code)),
            "--keep-pot",
            *MAKEMESSAGES_OPTIONS,
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    return copy


@pytest.fixture(scope="module")
def current_source_strings(made_messages) -> set[tuple[str | None, str]]:
    """The strings the code marks for translation today."""
    return {entry.key for entry in read_po(made_messages / "locale" / "django.pot") if entry.msgid}


@pytest.mark.services  # spawns makemessages
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_knows_every_current_source_string(language, current_source_strings):
    known = {entry.key for entry in active_entries(language)}

    assert sorted(map(label, current_source_strings - known)) == [], "new strings: run make messages"
    assert sorted(map(label, known - current_source_strings)) == [], "gone from the code: run make messages"


@pytest.mark.services  # spawns makemessages
@pytest.mark.parametrize("language", VENDOR)
def test_make_messages_leaves_the_vendor_catalogs_alone(language, made_messages):
    copied = made_messages / catalog(language).relative_to(ROOT)

    assert copied.read_text(encoding="utf-8") == catalog(language).read_text(encoding="utf-8")


def vendor_strings() -> set[tuple[str | None, str]]:
    """The strings `manage.py vendor_messages` takes from the packages installed now: those of their
    English catalogs used in a file its SOURCES name."""
    return {
        entry.key
        for source in vendor_messages.SOURCES
        for entry in read_po(source.english_catalog)
        if entry.msgid and any(source.wanted(location) for location in entry.locations)
    }


@pytest.mark.parametrize("language", VENDOR)
def test_vendor_catalog_holds_the_strings_of_the_installed_packages(language):
    known = {entry.key for entry in active_entries(language)}
    selected = vendor_strings()

    assert sorted(map(label, selected - known)) == [], "new in the packages: run make messages"
    assert sorted(map(label, known - selected)) == [], "gone from the packages: run make messages"


def packages_own_catalog(language: str) -> dict:
    """What the packages' own compiled catalogs for a language translate, keyed as compiled_catalog."""
    found = {}
    for source in vendor_messages.SOURCES:
        path = source.english_catalog.parents[2] / language / "LC_MESSAGES" / "django.mo"
        if path.exists():
            found.update(compiled_catalog(path))
    return found


@pytest.mark.parametrize("language", VENDOR)
def test_vendor_catalog_translates_what_the_packages_leave_out(language):
    own = packages_own_catalog(language.removeprefix("vendor/"))

    def compiled_key(entry: Entry):
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        return msgid if entry.msgid_plural is None else (msgid, 0)

    assert [str(e) for e in active_entries(language) if not e.translated and compiled_key(e) not in own] == []
