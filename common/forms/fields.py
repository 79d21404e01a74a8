"""What every form accepts from a keyboard: dates every page and export can render, and text without
control characters (none at all on one line; tab and line breaks in a text area)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Years at the edge of the calendar overflow in time-zone arithmetic (a day after 9999-12-31).
FIRST_YEAR, LAST_YEAR = 1900, 2200


def validate_year_in_range(value) -> None:
    """The one date bound of the site, for dates and date-times alike."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="out_of_range",
        )


class BoundedDateField(forms.DateField):
    def to_python(self, value):
        result = super().to_python(value)
        validate_year_in_range(result)
        return result


class BoundedDateTimeField(forms.DateTimeField):
    """Checked before the value is made aware: 9999-12-31 23:59 would overflow there."""

    def to_python(self, value):
        result = super().to_python(value)
        validate_year_in_range(result)
        return result


ANY_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_CHARACTER_BUT_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_single_line(value: str) -> None:
    if value and ANY_CONTROL_CHARACTER.search(value):
        raise ValidationError(
            _("Write this on one line, without tabs or other control characters."), code="control_character"
        )


def validate_multi_line(value: str) -> None:
    if value and CONTROL_CHARACTER_BUT_BREAKS.search(value):
        raise ValidationError(_("Remove the control characters from this text."), code="control_character")


class PlainTextMixin:
    """For a form whose text fields people type into: a single-line field refuses every control
    character (a line break in a title breaks calendar files and feeds); a text area keeps its tabs
    and line breaks and refuses the rest."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multi_line = isinstance(field.widget, forms.Textarea)
                field.validators.append(validate_multi_line if multi_line else validate_single_line)
