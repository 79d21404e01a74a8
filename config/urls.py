from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from api.v1 import api

# Staff sign in through allauth too, so that its rate limits and two-factor authentication apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = admin.site.site_title = "Zimmerwald"

urlpatterns = [
    path("", include("events.urls")),
    path("", include("outbox.urls")),
    path("", include("registrations.urls")),
    path("", include("program.urls")),
    path("", include("online.urls")),
    path("", include("proceedings.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("api.urls")),
    path("api/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Asked for by browsers on what has no <link rel="icon"> (a file, a feed) and by many tools;
    # the icon's address carries its hash in production, so it is looked up at each request.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"))),
]
