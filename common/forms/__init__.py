from django import forms
from django.core.exceptions import ValidationError
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


def add_service_error(
    form: forms.Form, error: ValidationError, *, renamed: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: by field where the form has it, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        name = (renamed or {}).get(field, field)
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
