import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.markdown import render_markdown


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
        '<p onclick="steal()">text</p>',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_markdown_drops_scripts_handlers_and_dangerous_links(text):
    html = render_markdown(text).lower()

    assert "<script" not in html
    assert "<iframe" not in html
    assert not re.search(r"<a [^>]*href=\"\s*(javascript|data):", html)  # as text it is harmless
    assert not re.search(r"<[^>]+\son\w+=", html)


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("# Declaration\n\n1. **Peace**\n2. [Text](https://example.org/text)")

    assert html == (
        "<h2>Declaration</h2>\n<ol>\n<li><strong>Peace</strong></li>\n"
        '<li><a href="https://example.org/text" rel="noopener noreferrer nofollow">Text</a></li>\n</ol>\n'
    )


SUSPICIOUS = st.sampled_from(
    [
        "<script>",
        "</script>",
        "javascript:",
        "onerror=",
        "onload=",
        "<img ",
        "<a href=",
        "[x](",
        ")",
        '"',
        "'",
        "\n",
    ]
)


@given(st.lists(st.one_of(SUSPICIOUS, st.text(max_size=8)), max_size=30).map("".join))
def test_markdown_never_lets_script_through(text):
    html = render_markdown(text).lower()

    assert "<script" not in html
    assert not re.search(r"<[^>]+\son\w+\s*=", html)
    assert not re.search(r"<a\s[^>]*href\s*=\s*[\"']?\s*javascript:", html)  # escaped text is harmless
