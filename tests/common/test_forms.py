"""common.forms.problems: what a form's error summary lists, and which control each line leads to."""

from django import forms

from common.forms import Problem, problems


class PlaceForm(forms.Form):
    name = forms.CharField(label="Name")
    languages = forms.MultipleChoiceField(
        label="Languages", choices=[("en", "English"), ("ar", "Arabic")], widget=forms.CheckboxSelectMultiple
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Not today.")


PlacesFormSet = forms.formset_factory(forms.Form, extra=0, min_num=1, validate_min=True)


def test_each_error_names_its_field_and_leads_to_its_control_a_list_to_its_first_box():
    form = PlaceForm({"name": ""}, prefix="place")

    assert problems(form) == [
        Problem("Not today."),
        Problem("This field is required.", label="Name", target="id_place-name"),
        Problem("This field is required.", label="Languages", target="id_place-languages_0"),
        Problem("This field is required."),  # the hidden token: nothing to move to
    ]


def test_a_formsets_own_errors_come_before_its_forms_and_nothing_is_listed_for_valid_or_unbound_forms():
    formset = PlacesFormSet({"form-TOTAL_FORMS": "0", "form-INITIAL_FORMS": "0"})

    assert problems(None, PlaceForm(), formset) == [Problem("Please submit at least 1 form.")]


def test_a_form_rendered_whole_opens_with_its_summary_and_one_rendered_as_div_does_not():
    form = PlaceForm({"name": ""})

    whole = str(form)

    assert whole.index('class="error-summary"') < whole.index('name="name"')
    assert '<a href="#id_name">Name: This field is required.</a>' in whole
    assert "error-summary" not in form.as_div()
    assert "error-summary" not in str(PlaceForm())
