from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common import uploads
from common.csv_rows import MAX_BYTES, MAX_ROWS


def error_summary(form) -> str:
    """All of a form's errors in one line, for a message above a page that shows no form."""
    return " ".join(message for errors in form.errors.values() for message in errors)


@dataclass(frozen=True)
class Problem:
    """One line of a form's error summary: the message, and the field's label and the id of the
    control to move to (both empty for a problem of the whole form)."""

    message: str
    label: str = ""
    target: str = ""


def problems(*forms_and_formsets) -> list[Problem]:
    """Every error of the forms and formsets given, in their order, for the error summary at the top
    of a page's form (common/partials/error_summary.html); None is skipped."""
    found = []
    for item in forms_and_formsets:
        if item is None:
            continue
        if isinstance(item, forms.BaseFormSet):
            found += [Problem(str(message)) for message in item.non_form_errors()]
            found += problems(*item.forms)
            continue
        found += [Problem(str(message)) for message in item.non_field_errors()]
        for name, errors in item.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            field = item[name]
            if field.is_hidden:
                found += [Problem(str(message)) for message in errors]
                continue
            # A list of checkboxes or radio buttons has no one control its label names: its first.
            target = field.id_for_label or next(
                (widget.id_for_label for widget in field.subwidgets if widget.id_for_label), ""
            )
            found += [Problem(str(message), label=str(field.label), target=target) for message in errors]
    return found


def add_service_error(
    form: forms.Form, error: ValidationError, *, renamed: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: by field where the form has it, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    field_of = getattr(form, "field_of", lambda name: name)  # a text's field in its first language
    for field, errors in error.error_dict.items():
        name = field_of((renamed or {}).get(field, field))
        form.add_error(name if name in form.fields else None, errors)


class CsvFileForm(forms.Form):
    """A spreadsheet saved as CSV, refused before reading when it is too large."""

    file = forms.FileField(
        label=_("CSV file"), widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "UTF-8, separated by commas or semicolons; at most %(size)s MB and %(rows)s rows."
        ) % {"size": MAX_BYTES // (1024 * 1024), "rows": number_format(MAX_ROWS, force_grouping=True)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB: split it into smaller files.")
                % {"size": MAX_BYTES // (1024 * 1024)},
                code="too_large",
            )
        return upload


def document_file_help() -> str:
    return gettext(
        "PDF, ODT, DOCX, TXT or Markdown, at most %(size)s. Its content decides its type, not its name."
    ) % {"size": filesizeformat(uploads.MAX_UPLOAD_BYTES)}


class CheckedFileField(forms.FileField):
    """A document file (common.uploads) whose type is read from its content when the form is cleaned:
    a new upload comes back with the kind found as `.kind`; anything else is a form error."""

    def __init__(self, **kwargs):
        if not kwargs.get("help_text"):
            kwargs["help_text"] = lazy(document_file_help, str)()
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = uploads.ACCEPTED_NAMES

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            upload.kind = uploads.check_upload(upload)
        return upload
