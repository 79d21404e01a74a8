"""Kurmanji (CLDR's "ku"): "14ê adara 2025an", "14.03.2025 09:05", weeks from Monday.

The *_FORMAT strings use Django's date format syntax, where a backslash keeps a letter as written.
The input formats start with the ISO one, which date inputs send and are given back."""

DATE_FORMAT = r"j\ê F\a Y\a\n"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j\ê F\a Y\a\n H:i"
YEAR_MONTH_FORMAT = r"F\a Y\a\n"
MONTH_DAY_FORMAT = r"j\ê F\ê"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
WEEKDAY_DATE_FORMAT = r"l, j\ê F\a Y\a\n"
FIRST_DAY_OF_WEEK = 1  # duşem

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S.%f",
    "%d.%m.%Y %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
