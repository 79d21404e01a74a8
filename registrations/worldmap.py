"""A world map of participation: countries shaded by how many confirmed participants came from each.

The country outlines are pygal_maps_world's SVG (one group per ISO 3166 alpha-2 code); we only
colour its groups and add a title to each, so the map is plain SVG: no JavaScript, fine in print.
"""

import functools
import re
from html import escape
from importlib import resources

from django.utils.translation import gettext as _

SHADES = ("#f6d8d4", "#eba79f", "#dc7468", "#c23b2f", "#8c1b14")  # light to dark, for 1 to most
GROUP = re.compile(r'<g class="([a-z]{2}) country map-element">')


@functools.cache
def _base_map() -> str:
    return (resources.files("pygal_maps_world") / "worldmap.svg").read_text(encoding="utf-8")


def shade(count: int, largest: int) -> str:
    """The colour for a count: five steps between one participant and the largest number."""
    if largest <= 1:
        return SHADES[-1]
    step = (count - 1) * (len(SHADES) - 1) // (largest - 1)
    return SHADES[step]


def world_map_svg(
    counts: dict[str, int], *, names: dict[str, str], title: str, few: dict[str, str] | None = None,
    threshold: int = 1,
) -> str:  # fmt: skip
    """The map with each country that has participants filled and titled, e.g. "Brazil: 3". The `few`
    countries (code: name), below the threshold, get the lightest shade and no number:
    "Chile: fewer than 3"."""
    largest = max(counts.values(), default=0)
    few = few or {}

    def colour(match: re.Match) -> str:
        code = match.group(1).upper()
        count = counts.get(code)
        if code in few:
            label = _("%(country)s: fewer than %(count)d") % {"country": few[code], "count": threshold}
            fill = SHADES[0]
        elif count:
            label, fill = f"{names.get(code, code)}: {count}", shade(count, largest)
        else:
            return match.group(0)
        return f'<g class="{match.group(1)} country map-element" fill="{fill}"><title>{escape(label)}</title>'

    body = GROUP.sub(colour, _base_map())
    return body.replace(
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 2475 1388">',
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 2475 1388" role="img" '
        f'aria-label="{escape(title)}"><style>.country {{ stroke: #ffffff; stroke-width: 0.5; }}'
        " g.country:not([fill]) { fill: #dddad2; }</style>",
        1,
    )
