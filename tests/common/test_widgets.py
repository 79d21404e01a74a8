"""common.forms.widgets.LanguageCheckboxes: a list of checkboxes for a choice of languages, which works
without JavaScript (tests/e2e/test_language_picker.py drives it in a browser)."""

import lxml.html
import pytest
from django import forms
from django.utils import translation

from common.forms.choices import language_choices
from common.forms.widgets import LanguageCheckboxes
from events.forms.conferences import ConferenceForm
from events.forms.organizations import OrganizationForm
from registrations.forms import OwnRegistrationForm, RegistrationChangeForm, RegistrationForm
from tests.factories import ConferenceFactory, RegistrationFactory, UserFactory


class SpokenForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label="Languages you speak", choices=language_choices, required=False, widget=LanguageCheckboxes
    )


def rendered(form: forms.Form, name: str = "languages"):
    return lxml.html.fragment_fromstring(form[name].as_field_group(), create_parent="div")


def test_the_languages_are_a_fieldset_of_labelled_checkboxes_the_chosen_ones_first_in_their_order():
    page = rendered(SpokenForm(initial={"languages": ["tr", "ar"]}))

    assert page.xpath("string(//fieldset/legend)").strip() == "Languages you speak:"
    boxes = page.xpath("//fieldset//input[@type='checkbox']")
    assert [box.get("value") for box in boxes[:2]] == ["tr", "ar"]
    assert [box.get("value") for box in boxes[2:]] == [
        code for code, _name in language_choices() if code not in {"tr", "ar"}
    ]
    assert [box.get("value") for box in boxes if box.get("checked") is not None] == ["tr", "ar"]
    assert all(box.get("name") == "languages" for box in boxes)
    for box in boxes:
        [label] = page.xpath(f"//label[@for='{box.get('id')}']")
        assert label.text_content().strip()
    assert page.xpath("//label[@for='id_languages_0']")[0].text_content().split()[0] == "Afrikaans"
    # The count is a CSS counter of the ticked boxes, written by the script when there is one.
    [count] = page.xpath("//*[@data-count]")
    assert count.getparent().text.strip() == "Chosen:"
    assert count.xpath("preceding::input[@type='checkbox']")
    assert page.xpath("count(//select)") == 0


def test_the_search_box_waits_hidden_for_the_script_and_is_never_sent():
    page = rendered(SpokenForm())

    [search] = page.xpath("//input[@type='search']")
    [label] = page.xpath(f"//label[@for='{search.get('id')}']")
    assert label.text_content() == "Find a language"
    assert search.get("name") is None
    assert search.xpath("ancestor-or-self::*[@hidden]")


def test_each_language_carries_its_own_name_and_code_for_the_search():
    with translation.override("ar"):
        page = rendered(SpokenForm(initial={"languages": ["fa"]}))

    [persian] = page.xpath("//li[.//input[@value='fa']]")
    [turkish] = page.xpath("//li[.//input[@value='tr']]")
    assert persian.get("data-search") == "الفارسية فارسی fa"
    assert turkish.get("data-search") == "التركية Türkçe tr"
    [own_name] = turkish.xpath(".//*[@lang='tr']")
    assert own_name.text_content() == "Türkçe"
    # The reader's own language is not named twice.
    assert page.xpath("//li[.//input[@value='ar']]//*[@lang]") == []


def test_a_posted_choice_comes_back_chosen_and_a_posted_unknown_code_is_refused():
    chosen = SpokenForm({"languages": ["kmr", "hy"]})
    unknown = SpokenForm({"languages": ["en", "xx"]})

    assert chosen.is_valid()
    assert chosen.cleaned_data["languages"] == ["kmr", "hy"]
    boxes = rendered(chosen).xpath("//input[@type='checkbox']")
    assert [box.get("value") for box in boxes[:2]] == ["kmr", "hy"]
    assert not unknown.is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("form_class", "names"),
    [
        (ConferenceForm, ["working_languages", "interpretation_languages"]),
        (RegistrationForm, ["languages"]),
        (OwnRegistrationForm, ["languages"]),
        (RegistrationChangeForm, ["languages"]),
        (OrganizationForm, ["languages"]),
    ],
)
def test_every_choice_of_several_languages_is_a_list_of_checkboxes(form_class, names):
    conference = ConferenceFactory()
    arguments = {
        ConferenceForm: {"instance": conference, "user": UserFactory()},
        RegistrationForm: {"conference": conference},
        OwnRegistrationForm: {"conference": conference},
        RegistrationChangeForm: {"instance": RegistrationFactory(conference=conference)},
        OrganizationForm: {},
    }[form_class]

    form = form_class(**arguments)

    assert [type(form.fields[name].widget) for name in names] == [LanguageCheckboxes] * len(names)


def test_a_field_with_an_error_marks_every_box_and_a_disabled_field_disables_them():
    class RequiredForm(forms.Form):
        languages = forms.MultipleChoiceField(
            label="Languages", choices=language_choices, widget=LanguageCheckboxes
        )

    class ReadOnlyForm(SpokenForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["languages"].disabled = True

    refused = rendered(RequiredForm({}))
    read_only = rendered(ReadOnlyForm(initial={"languages": ["el"]}))

    assert {box.get("aria-invalid") for box in refused.xpath("//input[@type='checkbox']")} == {"true"}
    boxes = read_only.xpath("//input[@type='checkbox']")
    assert all(box.get("disabled") is not None for box in boxes)
    assert [box.get("value") for box in boxes if box.get("checked") is not None] == ["el"]


def test_every_value_is_escaped():
    class OddForm(forms.Form):
        languages = forms.MultipleChoiceField(
            label="Languages", choices=[('"><script>', "<i>Odd</i> & co")], widget=LanguageCheckboxes
        )

    html = OddForm(prefix='"x', initial={"languages": ['"><script>']})["languages"].as_field_group()

    assert "<script>" not in html and "<i>" not in html
    assert "&lt;i&gt;Odd&lt;/i&gt; &amp; co" in html
    assert 'value="&quot;&gt;&lt;script&gt;" id="id_&quot;x-languages_0" checked' in html
