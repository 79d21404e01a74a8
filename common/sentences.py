"""Values put into a translated sentence."""


def interpolate(message: str, **values) -> str:
    """`message % values`, without a doubled full stop: a value that ends with one, as an abbreviated
    time does ("6 p.m." in English, "6 μμ." in Greek), loses it where the translated sentence puts its
    own full stop right after it, and keeps it anywhere else in the sentence."""
    return message % {
        name: value.removesuffix(".") if isinstance(value, str) and f"%({name})s." in message else value
        for name, value in values.items()
    }
