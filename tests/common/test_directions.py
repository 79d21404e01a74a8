"""Values written in another direction than the text around them, isolated: in pages (<bdi dir="ltr">,
dir="auto" on the fields) and in plain-text mails (U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP DIRECTIONAL
ISOLATE). How Chromium lays them out is in tests/e2e/test_bidi.py."""

from types import SimpleNamespace

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from common.templatetags.zimmerwald import isolate_ltr, ltr, paragraph_sign

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def test_ltr_isolates_a_file_name_left_to_right_and_escapes_it():
    assert ltr("<program>.ics") == '<bdi dir="ltr">&lt;program&gt;.ics</bdi>'


def test_paragraph_sign_keeps_the_sign_with_its_number():
    assert paragraph_sign(3) == '<bdi dir="ltr">§3</bdi>'


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", f"{LRI}<ana@example.org>{PDI}"), ("en", "<ana@example.org>")]
)
def test_isolate_ltr_only_in_a_right_to_left_mail(language, expected):
    with translation.override(language):
        assert isolate_ltr("<ana@example.org>") == expected


class PersonForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    website = forms.URLField()
    note = forms.CharField(widget=forms.Textarea)
    code = forms.CharField(widget=forms.TextInput(attrs={"dir": "ltr"}))


def test_text_fields_follow_their_value_and_addresses_run_left_to_right():
    form = PersonForm()

    assert [
        'dir="auto"' in str(form["name"]),
        'dir="ltr"' in str(form["email"]),
        'dir="ltr"' in str(form["website"]),
        'dir="auto"' in str(form["note"]),
        str(form["code"]).count("dir=") == 1 and 'dir="ltr"' in str(form["code"]),
    ] == [True, True, True, True, True]


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_delegation_report_isolates_each_address_in_its_brackets(language):
    registration = SimpleNamespace(
        full_name="Ana Lima", email="ana@example.org", get_status_display="confirmed"
    )
    context = {
        "name": "Ana Lima",
        "conference": SimpleNamespace(title="Peace 2027"),
        "delegation": SimpleNamespace(organization=SimpleNamespace(name="Workers' Group")),
        "added": [SimpleNamespace(registration=registration)],
        "problems": [],
    }
    with translation.override(language):
        text = render_to_string("registrations/mail/delegation_report.txt", context)

    assert f"- {FSI}Ana Lima{PDI} {LRI}<ana@example.org>{PDI}: confirmed" in text.splitlines()


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_amendment_outcome_mail_isolates_the_tally_note(language):
    amendment = SimpleNamespace(
        paragraph_number=1, get_kind_display="replace", get_outcome_display="adopted", outcome="adopted",
        has_tally=True, by_consensus=False, votes_for=12, votes_against=3, abstentions=None,
        tally_note="roll call",
    )  # fmt: skip
    context = {
        "name": "Ana",
        "amendment": amendment,
        "declaration": SimpleNamespace(title="Peace"),
        "url": "u",
    }
    with translation.override(language):
        text = render_to_string("proceedings/mail/amendment_outcome.txt", context)

    assert text.splitlines()[3].endswith(f" · {FSI}roll call{PDI}")
    assert "<bdi" not in text


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_team_news_isolates_the_organization_and_the_message(language):
    item = SimpleNamespace(
        kind="registered", name="Ana Lima", organization="Workers' Group", country=None, status="",
        message="See you.", quoted_message="See you.",
    )  # fmt: skip
    with translation.override(language):
        text = render_to_string("events/mail/news_item.txt", {"item": item})

    assert text.splitlines() == [f"{FSI}Ana Lima{PDI} ({FSI}Workers' Group{PDI})", f"  “{FSI}See you.{PDI}”"]


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_document_decision_isolates_the_organizers_note(language):
    context = {
        "name": "Ana",
        "decision": "reject",
        "document": SimpleNamespace(title="Report", review_note="Too long."),
        "conference": SimpleNamespace(title="Peace"),
    }
    with translation.override(language):
        text = render_to_string("proceedings/mail/document_decision.txt", context)

    assert f"{FSI}Too long.{PDI}" in text.splitlines()
