from django.urls import path

from registrations.views import manage, participant, public

app_name = "registrations"

urlpatterns = [
    path("c/<slug:slug>/register/", public.register_view, name="register"),
    path(
        "c/<slug:slug>/register/organizations/",
        public.organization_suggestions,
        name="organization-suggestions",
    ),
    path("c/<slug:slug>/participation/", public.participation, name="participation"),
    path("c/<slug:slug>/participation/map.svg", public.participation_map, name="participation-map"),
    path("r/<str:token>/", participant.own_registration, name="own"),
    path("me/", participant.me, name="me"),
    path("me/registrations/<int:pk>/link/", participant.mail_my_link, name="me-mail-link"),
    path("manage/c/<slug:slug>/registrations/", manage.registration_list, name="manage-list"),
    path("manage/c/<slug:slug>/registrations/bulk/", manage.registration_bulk, name="manage-bulk"),
    path(
        "manage/c/<slug:slug>/registrations/export.<str:extension>",
        manage.registration_export,
        name="manage-export",
    ),
    path(
        "manage/c/<slug:slug>/registrations/<int:pk>/accept-organization/",
        manage.registration_accept_organization,
        name="manage-registration-accept-organization",
    ),
    path("manage/c/<slug:slug>/registrations/import/", manage.registration_import, name="manage-import"),
    path("manage/c/<slug:slug>/registrations/check-in/", manage.check_in_desk, name="manage-check-in"),
    path("manage/c/<slug:slug>/registrations/check-in/mark/", manage.check_in, name="manage-check-in-mark"),
]
