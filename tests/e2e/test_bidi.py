"""Text that reads right in both directions: on the Arabic and Persian pages, the pieces written left to
right (§1, .ics, an English name) keep their order and their brackets, as Chromium lays them out."""

import pytest
from django.urls import reverse
from django.utils import translation

from common.templatetags.zimmerwald import language_name
from demo import conference as demo
from proceedings.models import Amendment, Statement

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# The left edge of each character of the first occurrence of `text` in the element's text, as laid out.
CHARACTER_LEFTS = """(element, text) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let whole = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, whole.length]);
    whole += walker.currentNode.data;
  }
  const start = whole.indexOf(text);
  if (start < 0) return null;
  const lefts = [];
  for (let index = start; index < start + text.length; index++) {
    const [node, offset] = nodes.findLast(([, begins]) => begins <= index);
    const range = document.createRange();
    range.setStart(node, index - offset);
    range.setEnd(node, index - offset + 1);
    lefts.push(range.getBoundingClientRect().left);
  }
  return lefts;
}"""


def lefts(locator, text: str) -> list[float]:
    found = locator.evaluate(CHARACTER_LEFTS, text)
    assert found is not None, f"{text!r} is not in {locator.inner_text()!r}"
    return found


@pytest.fixture
def reference(db):
    return demo.seed_demo().conference


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_paragraph_sign_keeps_its_brackets_in_a_right_to_left_sentence(
    live_server, page, reference, language
):
    amendment = Amendment.objects.get(declaration__conference=reference, position=1, paragraph_number=1)
    url = reverse(
        "proceedings:declaration-detail", kwargs={"slug": reference.slug, "pk": amendment.declaration_id}
    )
    page.goto(f"{live_server.url}{url}?lang={language}")
    head = page.locator(".amendment__head").first

    opening, sign, digit, closing = lefts(head, "(§1)")

    # Right to left, "(" opens on the right (drawn mirrored) and ")" closes on the left; §1 reads left to
    # right between them: seen from the left, ")" § 1 "(", never ")" 1 § "(".
    assert closing < sign < digit < opening


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_tally_reads_in_the_page_direction_each_count_beside_its_label(
    live_server, page, reference, language
):
    amendment = Amendment.objects.get(declaration__conference=reference, position=1, paragraph_number=1)
    url = reverse(
        "proceedings:declaration-detail", kwargs={"slug": reference.slug, "pk": amendment.declaration_id}
    )
    page.goto(f"{live_server.url}{url}?lang={language}")
    outcome = page.locator(".amendment__outcome").first
    votes_for, votes_against = str(amendment.votes_for), str(amendment.votes_against)
    parts = outcome.locator("bdi")

    assert [parts.nth(0).inner_text().count(votes_for), parts.nth(1).inner_text().count(votes_against)] == [
        1,
        1,
    ]
    # The first count (for) comes first in reading order: on the right of the second (against).
    assert parts.nth(0).bounding_box()["x"] > parts.nth(1).bounding_box()["x"]


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_calendar_file_extension_keeps_its_dot_in_front(live_server, page, reference, language):
    page.goto(
        f"{live_server.url}{reverse('program:session-list', kwargs={'slug': reference.slug})}?lang={language}"
    )
    link = page.locator(f"a[href='{reverse('program:program-ics', kwargs={'slug': reference.slug})}']")

    dot, i, c, s = lefts(link, ".ics")

    assert dot < i < c < s  # ".ics", never "ics."


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_date_of_a_statement_in_another_direction_stays_before_its_language(
    live_server, page, reference, language
):
    statement = Statement.objects.filter(conference=reference).exclude(language__in=["ar", "fa"]).first()
    url = reverse("proceedings:statement-detail", kwargs={"slug": reference.slug, "pk": statement.pk})
    page.goto(f"{live_server.url}{url}?lang={language}")
    meta = page.locator(".statement .muted")
    with translation.override(language):
        language_shown = language_name(statement.language)

    [day_starts, *_] = lefts(meta, str(statement.published_on.day))
    [language_starts, *_] = lefts(meta, language_shown)

    # "26 June 2022 · French", right to left: the day on the right, the language after it on the left; a
    # French article around them once put the day at the far left, away from its month.
    assert day_starts > language_starts
