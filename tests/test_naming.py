"""One naming scheme (ARCHITECTURE.md): URL names `<app>:[manage-]<noun>-<action>`, templates
`templates/<app>/<audience>/<noun>_<action>.html`. A name outside the scheme fails here."""

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

# The nouns each app names its pages after.
NOUNS = {
    "accounts": ["profile"],
    "api": ["token"],
    "events": [
        "conference",
        "co-organizer",
        "team",
        "invitation",
        "campaign",
        "meeting",
        "meeting-participant",
        "organization",
    ],
    "outbox": ["message", "webhook"],
    "program": ["program", "session", "room", "track", "room-or-track", "schedule", "material", "agenda"],
    "registrations": ["registration", "participation", "organization", "link", "delegation", "quota"],
    "online": ["session", "attendance", "reminder", "bigbluebutton"],
    "proceedings": ["document", "declaration", "amendment", "statement"],
}
AUDIENCES = {"public", "participant", "manage"}
# Templates whose place Django or allauth decides, and the shell every page extends.
FIXED_TEMPLATES = {"base.html", "400.html", "403.html", "404.html", "500.html", "common/manage_base.html"}


def scheme(app: str, separator: str) -> re.Pattern:
    nouns = sorted((noun.replace("-", separator) for noun in NOUNS[app]), key=len, reverse=True)
    words = rf"[a-z]+(?:{separator}[a-z]+)*"
    return re.compile(rf"^(?:manage{separator})?(?:{'|'.join(map(re.escape, nouns))}){separator}{words}$")


def url_names(patterns, namespace: str = "") -> list[str]:
    found = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            found += url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name and namespace in NOUNS:
            found.append(f"{namespace}:{entry.name}")
    return found


def misnamed_urls(names: list[str]) -> list[str]:
    return [name for name in names if not scheme(name.split(":")[0], "-").match(name.split(":")[1])]


def misplaced_templates(paths: list[str]) -> list[str]:
    wrong = []
    for path in paths:
        parts = path.split("/")
        # Overrides keep the name of what they override: allauth's pages, Django's widgets.
        overrides = parts[0] == "allauth" or parts[:3] == ["django", "forms", "widgets"]
        if path in FIXED_TEMPLATES or overrides or parts[:2] == ["common", "partials"]:
            continue
        if len(parts) != 3 or parts[0] not in NOUNS:
            wrong.append(path)
            continue
        app, audience, name = parts
        stem, suffix = name.rsplit(".", 1)
        if audience in AUDIENCES:
            ok = suffix == "html" and scheme(app, "_").match(stem)
        elif audience in {"mail", "partials"}:
            ok = re.fullmatch(r"[a-z]+(?:_[a-z]+)*", stem) is not None
        else:
            ok = False
        if not ok:
            wrong.append(path)
    return wrong


def test_every_url_name_follows_the_scheme():
    names = url_names(get_resolver().url_patterns)

    assert len(names) > 100
    assert misnamed_urls(names) == []


def test_every_template_sits_in_an_audience_folder_and_is_named_noun_action():
    paths = sorted(path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.*"))

    assert misplaced_templates(paths) == []


@pytest.mark.parametrize(
    ("name", "follows"),
    [
        ("program:session-detail", True),
        ("events:manage-meeting-participant-add", True),
        ("program:session", False),
        ("proceedings:my-documents", False),
        ("events:manage-dashboard", False),
    ],
)
def test_the_url_scheme_tells_a_good_name_from_a_bad_one(name, follows):
    assert (misnamed_urls([name]) == []) is follows


@pytest.mark.parametrize(
    ("path", "follows"),
    [
        ("program/public/session_list.html", True),
        ("registrations/mail/status_subject.txt", True),
        ("program/program.html", False),
        ("registrations/me.html", False),
        ("proceedings/documents/_files.html", False),
        ("events/manage/dashboard.html", False),
    ],
)
def test_the_template_scheme_tells_a_good_path_from_a_bad_one(path, follows):
    assert (misplaced_templates([path]) == []) is follows
