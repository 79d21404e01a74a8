# ruff: noqa: RUF001 - the Armenian full stop is meant
"""Kurmanji and Armenian where the words come from other packages: allauth's pages and mails, Django's
form errors, validators and month names, django-countries' country names. None of them ships a
Kurmanji catalog, allauth no Armenian one, Django no formats for either: the site supplies them
(locale/vendor/, common/formats/)."""

import re
from html.parser import HTMLParser

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import translation

from common.forms.choices import country_choices
from common.management.commands.vendor_messages import SOURCES
from tests.factories import PASSWORD, UserFactory
from tests.test_translations import read_po

VENDOR_LANGUAGES = ["kmr", "hy"]


def english_strings() -> set[str]:
    """Every string of the packages' English catalogs the site's vendor catalogs take from, as a page
    would show it: one line, no HTML."""
    found = set()
    for source in SOURCES:
        for entry in read_po(source.english_catalog):
            for text in (entry.msgid, entry.msgid_plural or ""):
                text = " ".join(re.sub(r"<[^>]+>", "", text).split())
                if re.search(r"[A-Za-z]{2}", text):
                    found.add(text)
    return found


ENGLISH = english_strings()
# Not words to translate: the language menu names each language in itself, English too.
NOT_ENGLISH = {"English", "TOTP", "WebAuthn"}


class VisibleText(HTMLParser):
    """The texts a person sees or hears on a page: text nodes outside scripts and styles, and the
    placeholders, labels, titles and values of the elements that show them."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        attributes = dict(attrs)
        for name in ("placeholder", "aria-label", "title", "alt"):
            if attributes.get(name):
                self.texts.append(attributes[name])
        if (
            tag in ("input", "button")
            and attributes.get("type") in ("submit", "button")
            and attributes.get("value")
        ):
            self.texts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(data)


def english_on(page: str) -> list[str]:
    """The texts of a page that are one of allauth's or Django's English strings, untranslated."""
    parser = VisibleText()
    parser.feed(page)
    texts = {" ".join(text.split()) for text in parser.texts}
    return sorted(text for text in texts if text.rstrip(":").strip() in ENGLISH - NOT_ENGLISH)


@pytest.fixture
def in_language(client):
    def choose(language: str):
        client.cookies["django_language"] = language
        return client

    return choose


ENTRANCE_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_request_login_code",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ENTRANCE_PAGES)
@pytest.mark.parametrize("language", VENDOR_LANGUAGES)
def test_entrance_pages_show_no_english(in_language, language, url_name):
    response = in_language(language).get(reverse(url_name))

    assert response.status_code == 200
    assert english_on(response.content.decode()) == []


SIGNED_IN_PAGES = [
    "account_change_password",
    "account_email",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_generate_recovery_codes",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", VENDOR_LANGUAGES)
def test_account_pages_of_a_signed_in_person_show_no_english(in_language, language):
    client = in_language(language)
    user = UserFactory(language=language)  # signing in switches to the person's language
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # for the MFA pages
    english = {}

    for url_name in SIGNED_IN_PAGES:
        response = client.get(reverse(url_name))
        assert response.status_code == 200, url_name
        english[url_name] = english_on(response.content.decode())

    assert english == {url_name: [] for url_name in SIGNED_IN_PAGES}
    assert SECRET_SESSION_KEY in client.session  # the TOTP page was the real one, with its QR code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("kmr", ["E-name", "Şîfre", "Şîfre (dîsa)", "Nav û paşnav", "Qada demê"]),
        ("hy", ["Էլ. փոստ", "Գաղտնաբառ", "Գաղտնաբառ (կրկին)", "Անուն, ազգանուն", "Ժամային գոտի"]),
    ],
)
def test_signup_form_labels_are_translated(in_language, language, labels):
    form = in_language(language).get(reverse("account_signup")).context["form"]

    assert [
        str(form.fields[name].label) for name in ("email", "password1", "password2", "full_name", "timezone")
    ] == labels


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "required", "bad_email", "too_short"),
    [
        (
            "kmr",
            "Ev qad pêwîst e.",
            "Navnîşaneke e-nameyê ya derbasdar binivîsin.",
            "Ev şîfre pir kurt e. Divê herî kêm 10 tîpan bihewîne.",
        ),
        (
            "hy",
            "Այս դաշտը պարտադիր է։",
            "Մուտքագրեք ճիշտ էլ. փոստի հասցե։",
            "Գաղտնաբառը շատ կարճ է։ Այն պետք է պարունակի առնվազն 10 նիշ։",
        ),
    ],
)
def test_signup_errors_are_translated(in_language, language, required, bad_email, too_short):
    response = in_language(language).post(
        reverse("account_signup"),
        {
            "email": "not-an-address",
            "full_name": "",
            "timezone": "UTC",
            "password1": "short",
            "password2": "short",
        },
    )

    errors = response.context["form"].errors
    assert (errors["full_name"], errors["email"]) == ([required], [bad_email])
    assert errors["password1"][0] == too_short


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("kmr", "[Zimmerwald] Ji kerema xwe navnîşana e-nameya xwe piştrast bikin", "Silav ji Zimmerwald!"),
        ("hy", "[Zimmerwald] Խնդրում ենք հաստատել Ձեր էլ. փոստի հասցեն", "Ողջույն Zimmerwald-ից։"),
    ],
)
def test_signup_confirmation_mail_is_in_the_language_of_the_sign_up(in_language, language, subject, greeting):
    in_language(language).post(
        reverse("account_signup"),
        {"email": "leyla@example.org", "full_name": "Leyla Zana", "timezone": "UTC",
         "password1": PASSWORD, "password2": PASSWORD},
    )  # fmt: skip

    [message] = mail.outbox
    assert message.subject == subject
    assert message.body.splitlines()[0] == greeting
    assert [line for line in message.body.splitlines() if line.strip() in ENGLISH] == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", VENDOR_LANGUAGES)
def test_password_reset_mail_is_translated(in_language, language):
    user = UserFactory()

    in_language(language).post(reverse("account_reset_password"), {"email": user.email})

    [message] = mail.outbox
    assert message.subject.removeprefix("[Zimmerwald] ") not in ENGLISH
    assert [line for line in message.body.splitlines() if line.strip() in ENGLISH] == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "kmr",
            {
                "DE": "Almanya",
                "AM": "Ermenistan",
                "TR": "Tirkiye",
                "PS": "Filistîn",
                "CD": "Komara Demokratîk a Kongoyê",
            },
        ),
        ("hy", {"DE": "Գերմանիա", "AM": "Հայաստան", "TR": "Թուրքիա", "PS": "Պաղեստին", "VA": "Վատիկան"}),
    ],
)
def test_country_names_are_translated(language, expected):
    with translation.override(language):
        names = dict(country_choices())

    assert {code: names[code] for code in expected} == expected
