"""Eastern Armenian: "14 մարտի, 2025 թ.", "14.03.25, 09:05", weeks from Monday.

E is the month's name in the genitive ("մարտի", Django's "alt. month"), F in the nominative ("մարտ").
The input formats start with the ISO one, which date inputs send and are given back."""

DATE_FORMAT = "j E, Y թ."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E, Y թ., H:i"
YEAR_MONTH_FORMAT = "Y թ. F"
MONTH_DAY_FORMAT = "E j"
SHORT_DATE_FORMAT = "d.m.y"
SHORT_DATETIME_FORMAT = "d.m.y, H:i"
WEEKDAY_DATE_FORMAT = "Y թ. E j, l"
FIRST_DAY_OF_WEEK = 1  # երկուշաբթի

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
THOUSAND_SEPARATOR = "\xa0"  # a no-break space
NUMBER_GROUPING = 3
