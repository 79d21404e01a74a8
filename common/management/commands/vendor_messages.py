"""The catalogs in locale/vendor/: the strings of other packages (allauth, Django, django-countries) in
the site's languages those packages ship no catalog for, or an incomplete one: Kurmanji and Armenian.

makemessages only reads the project's own code, and its --no-obsolete would drop these strings from
locale/<language>/, so they live in a second directory of LOCALE_PATHS, which this command keeps up to
date (`make messages` runs it between makemessages and compilemessages). It selects, from each
package's English catalog, the strings used in the files listed below (the pages and mails a person
of this site meets), merges them into locale/vendor/<language>/LC_MESSAGES/django.po, keeps the
translations already there and drops what the packages no longer have.

An empty msgstr means that the package's own catalog for that language translates the string
(tests/test_translations.py checks it); a msgstr given here wins over the package's, which is how a
wrong translation of a package is corrected.
"""

import fnmatch
import importlib.util
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

VENDOR_LOCALE = Path(settings.BASE_DIR) / "locale" / "vendor"
LANGUAGES = ("hy", "kmr")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


@dataclass(frozen=True)
class Source:
    """The strings of one package's catalog that people here meet: those used in a file that matches
    `include` and not `exclude` (patterns of the file names the English catalog refers to)."""

    package: str
    catalog: str  # the English catalog, inside the package
    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()

    @property
    def english_catalog(self) -> Path:
        return Path(importlib.util.find_spec(self.package).origin).parent / self.catalog

    def wanted(self, location: str) -> bool:
        return any(fnmatch.fnmatch(location, p) for p in self.include) and not any(
            fnmatch.fnmatch(location, p) for p in self.exclude
        )


SOURCES = (
    # allauth: sign-in, sign-up, sign-out, codes, password reset and change, email addresses and their
    # confirmation, reauthentication, TOTP and recovery codes (MFA_SUPPORTED_TYPES); their mails and
    # messages. No phone numbers, passkeys, WebAuthn, trusted browsers or social accounts here.
    Source(
        "allauth",
        "locale/en/LC_MESSAGES/django.po",
        include=(
            "account/adapter.py",
            "account/fields.py",
            "account/forms.py",
            "account/models.py",
            "mfa/adapter.py",
            "mfa/base/forms.py",
            "mfa/totp/forms.py",
            "mfa/models.py",
            "templates/account/*",
            "templates/mfa/*",
        ),
        exclude=(
            "templates/account/*phone*",
            "templates/account/signup_by_passkey.html",
            "templates/mfa/webauthn/*",
            "templates/mfa/*webauthn*",
            "templates/mfa/trust.html",
        ),
    ),
    # Django: the errors of forms, validators and model fields, the formsets' and the CSRF failure's
    # messages, file sizes, month and weekday names (with their contexts), a.m./p.m., "and"/"or".
    Source(
        "django",
        "conf/locale/en/LC_MESSAGES/django.po",
        include=(
            "core/validators.py",
            "db/models/base.py",
            "db/models/constraints.py",
            "db/models/fields/*",
            "forms/*",
            "template/defaultfilters.py",
            "utils/dateformat.py",
            "utils/dates.py",
            "utils/text.py",
            "views/csrf.py",
        ),
    ),
    Source(
        "django",
        "contrib/auth/locale/en/LC_MESSAGES/django.po",
        include=("contrib/auth/password_validation.py",),
    ),
    # Every country's name, and the short and former names django-countries shows or accepts.
    Source("django_countries", "locale/en/LC_MESSAGES/django.po", include=("data.py", "base.py")),
)

HEADER = f"""\
# The strings of allauth, Django and django-countries that this site shows, in a language their own
# catalogs lack or leave incomplete. Kept up to date by `manage.py vendor_messages` (make messages).
# An empty msgstr: the package's own catalog translates it.
msgid ""
msgstr ""
"Project-Id-Version: Zimmerwald (vendor strings)\\n"
"Language: {{language}}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: {PLURAL_FORMS}\\n"
"""

LOCATION_LINE = re.compile(r"^#: (.*)$", re.MULTILINE)


def referenced_files(catalog: Path) -> set[str]:
    """The file names a catalog's "#: file:line" comments name."""
    text = catalog.read_text(encoding="utf-8")
    return {ref.rsplit(":", 1)[0] for line in LOCATION_LINE.findall(text) for ref in line.split()}


def catalog_path(language: str) -> Path:
    return VENDOR_LOCALE / language / "LC_MESSAGES" / "django.po"


class Command(BaseCommand):
    help = (
        "Refresh locale/vendor/: allauth's, Django's and django-countries' strings in Kurmanji and Armenian."
    )

    def handle(self, *args, **options) -> None:
        for tool in ("msggrep", "msgcat", "msgmerge", "msgattrib"):
            if shutil.which(tool) is None:
                raise CommandError(
                    f"{tool} is missing: install the gettext tools (Debian: apt install gettext)"
                )
        with tempfile.TemporaryDirectory() as work:
            template = self.template(Path(work))
            for language in LANGUAGES:
                self.merge(language, template, Path(work))
                self.stdout.write(f"{catalog_path(language).relative_to(settings.BASE_DIR)}")

    def template(self, work: Path) -> Path:
        """One .pot of the strings the SOURCES select, each with the places allauth or Django use it."""
        parts = []
        for number, source in enumerate(SOURCES):
            files = sorted(filter(source.wanted, referenced_files(source.english_catalog)))
            part = work / f"{number}.po"
            locations = [argument for name in files for argument in ("--location", name)]
            run("msggrep", "--no-wrap", *locations, "--output-file", part, source.english_catalog)
            parts.append(part)
        template = work / "vendor.pot"
        run("msgcat", "--use-first", "--no-wrap", "--output-file", template, *parts)
        return template

    def merge(self, language: str, template: Path, work: Path) -> None:
        path = catalog_path(language)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(HEADER.format(language=language), encoding="utf-8")
        merged = work / f"{language}.po"
        run(
            "msgmerge", "--quiet", "--no-fuzzy-matching", "--no-wrap", "--output-file", merged, path, template
        )
        run("msgattrib", "--no-obsolete", "--no-wrap", "--output-file", path, merged)


def run(*command) -> None:
    subprocess.run([str(part) for part in command], check=True)
