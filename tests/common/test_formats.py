"""The formats of the languages Django has none for (common/formats/), and the day headings."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

DAY = datetime.date(2025, 3, 14)
MOMENT = datetime.datetime(2025, 3, 14, 9, 5)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "kmr",
            ["14ê adara 2025an", "14.03.2025", "14ê adara 2025an 09:05", "14.03.2025 09:05", "14ê adarê", 1],
        ),
        (
            "hy",
            ["14 մարտի, 2025 թ.", "14.03.25", "14 մարտի, 2025 թ., 09:05", "14.03.25, 09:05", "մարտի 14", 1],
        ),
        # A language whose formats are Django's own keeps them.
        ("tr", ["14 Mart 2025", "14 Mar 2025", "14 Mart 2025 09:05", "14 Mar 2025 09:05", "14 Mart", 1]),
    ],
)
def test_dates_are_written_as_the_language_writes_them(language, expected):
    with translation.override(language):
        written = [
            formats.date_format(DAY, "DATE_FORMAT"),
            formats.date_format(DAY, "SHORT_DATE_FORMAT"),
            formats.date_format(MOMENT, "DATETIME_FORMAT"),
            formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT"),
            formats.date_format(DAY, "MONTH_DAY_FORMAT"),
            formats.get_format("FIRST_DAY_OF_WEEK"),
        ]

    assert written == expected


@pytest.mark.parametrize(
    ("language", "months"),
    [
        ("kmr", "rêbendan sibat adar nîsan gulan hezîran tîrmeh tebax îlon cotmeh mijdar berfanbar"),
        (
            "hy",
            "հունվար փետրվար մարտ ապրիլ մայիս հունիս հուլիս օգոստոս սեպտեմբեր հոկտեմբեր նոյեմբեր դեկտեմբեր",
        ),
    ],
)
def test_month_names_are_the_languages(language, months):
    with translation.override(language):
        names = [formats.date_format(DAY.replace(month=month), "F") for month in range(1, 13)]

    assert names == months.split()


@pytest.mark.parametrize(("language", "number"), [("kmr", "1.234.567,5"), ("hy", "1\xa0234\xa0567,5")])
def test_numbers_are_grouped_as_the_language_groups_them(language, number):
    with translation.override(language):
        assert formats.number_format(1234567.5, decimal_pos=1, force_grouping=True) == number


@pytest.mark.parametrize(("language", "typed"), [("kmr", "14.03.2025"), ("hy", "14.03.2025")])
def test_a_date_typed_the_languages_way_or_as_a_date_input_sends_it_is_understood(language, typed):
    with translation.override(language):
        assert forms.DateField().clean(typed) == DAY
        assert forms.DateField().clean("2025-03-14") == DAY


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("kmr", "înî, 14ê adara 2025an"),
        ("hy", "2025 թ. մարտի 14, ուրբաթ"),
        ("en", "Friday 14 March 2025"),
        ("fr", "vendredi 14 mars 2025"),
    ],
)
def test_a_day_heading_names_the_weekday_in_the_languages_order(language, heading):
    template = Template("{% load zimmerwald %}{{ day|weekday_date }}")

    with translation.override(language):
        assert template.render(Context({"day": DAY})) == heading
