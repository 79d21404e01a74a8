"""The public URLs stay as they are: calendars, apps and mails hold them (DESIGN.md, "Public URLs").

A reshaping of the code moves views and URL modules; this list says which addresses must still answer.
A new public URL is added here on purpose; one that disappears or changes fails.
"""

from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_ROUTES = [
    "",
    "c/<slug:slug>/",
    "c/<slug:slug>/declarations/",
    "c/<slug:slug>/declarations/<int:pk>/",
    "c/<slug:slug>/declarations/<int:pk>/amend/",
    "c/<slug:slug>/declarations/<int:pk>/compare/",
    "c/<slug:slug>/documents/",
    "c/<slug:slug>/documents/<int:pk>/",
    "c/<slug:slug>/documents/<int:pk>/edit/",
    "c/<slug:slug>/documents/<int:pk>/files/<int:file_pk>/",
    "c/<slug:slug>/documents/<int:pk>/replace/",
    "c/<slug:slug>/documents/<int:pk>/translations/",
    "c/<slug:slug>/documents/<int:pk>/translations/remove/",
    "c/<slug:slug>/documents/mine/",
    "c/<slug:slug>/documents/submit/",
    "c/<slug:slug>/materials/<int:pk>/",
    "c/<slug:slug>/participation/",
    "c/<slug:slug>/participation/map.svg",
    "c/<slug:slug>/program.ics",
    "c/<slug:slug>/program/",
    "c/<slug:slug>/program/<str:day>/",
    "c/<slug:slug>/register/",
    "c/<slug:slug>/register/organizations/",
    "c/<slug:slug>/schedule.json",
    "c/<slug:slug>/schedule.xml",
    "c/<slug:slug>/sessions/<int:pk>.ics",
    "c/<slug:slug>/sessions/<int:pk>/",
    "c/<slug:slug>/sessions/<int:pk>/star/",
    "c/<slug:slug>/statements/<int:pk>/",
    "d/<str:token>/",
    "d/<str:token>/delegates/<int:pk>/",
    "d/<str:token>/delegates/<int:pk>/withdraw/",
    "favicon.ico",
    "i/<str:token>/",
    "i/<str:token>/delegation/",
    "me/",
    "me/agenda/<str:token>.ics",
    "me/agenda/reset/",
    "me/online/<slug:slug>/",
    "me/online/<slug:slug>/join/",
    "me/registrations/<int:pk>/link/",
    "meetings/<uuid:uid>.ics",
    "r/<str:token>/",
    "r/<str:token>/forget/",
    "r/<str:token>/online/",
    "r/<str:token>/online/join/",
]
# The API's routes, public ones included, are walked by tests/api/test_authorization.py.
NOT_PUBLIC = ("manage/", "admin/", "accounts/", "i18n/", "api/")


def public_routes() -> list[str]:
    found = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(NOT_PUBLIC):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                found.append(route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def test_the_public_routes_are_the_ones_listed():
    assert public_routes() == PUBLIC_ROUTES
