from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

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
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
