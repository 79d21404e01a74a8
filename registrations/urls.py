from django.urls import path

from registrations.views import delegations, manage, participant, public

app_name = "registrations"

urlpatterns = [
    path("c/<slug:slug>/register/", public.register_view, name="registration-create"),
    path(
        "c/<slug:slug>/register/organizations/",
        public.organization_suggestions,
        name="organization-suggestions",
    ),
    path("c/<slug:slug>/participation/", public.participation, name="participation-detail"),
    path("c/<slug:slug>/participation/map.svg", public.participation_map, name="participation-map"),
    path("r/<str:token>/", participant.own_registration, name="registration-detail"),
    path("r/<str:token>/forget/", participant.forget_registration, name="registration-forget"),
    path("me/", participant.me, name="registration-list"),
    path("d/<str:token>/", delegations.delegation_detail, name="delegation-detail"),
    path("d/<str:token>/delegates/<int:pk>/", delegations.delegate_change, name="delegation-delegate-change"),
    path(
        "d/<str:token>/delegates/<int:pk>/withdraw/",
        delegations.delegate_withdraw,
        name="delegation-delegate-withdraw",
    ),
    path("i/<str:token>/delegation/", delegations.delegation_create, name="delegation-create"),
    path("me/registrations/<int:pk>/link/", participant.mail_my_link, name="registration-link-send"),
    path("manage/c/<slug:slug>/registrations/", manage.registration_list, name="manage-registration-list"),
    path(
        "manage/c/<slug:slug>/registrations/bulk/", manage.registration_bulk, name="manage-registration-bulk"
    ),
    path(
        "manage/c/<slug:slug>/registrations/export.<str:extension>",
        manage.registration_export,
        name="manage-registration-export",
    ),
    path(
        "manage/c/<slug:slug>/registrations/<int:pk>/",
        manage.registration_detail,
        name="manage-registration-detail",
    ),
    path(
        "manage/c/<slug:slug>/registrations/<int:pk>/edit/",
        manage.registration_edit,
        name="manage-registration-edit",
    ),
    path(
        "manage/c/<slug:slug>/registrations/<int:pk>/decide/",
        manage.registration_decide,
        name="manage-registration-decide",
    ),
    path(
        "manage/c/<slug:slug>/registrations/<int:pk>/role/",
        manage.registration_role_change,
        name="manage-registration-role-change",
    ),
    path(
        "manage/c/<slug:slug>/registrations/<int:pk>/accept-organization/",
        manage.registration_accept_organization,
        name="manage-registration-accept-organization",
    ),
    path("manage/c/<slug:slug>/delegations/", manage.delegation_list, name="manage-delegation-list"),
    path("manage/c/<slug:slug>/delegations/new/", manage.delegation_create, name="manage-delegation-create"),
    path("manage/c/<slug:slug>/delegations/quotas/", manage.quota_set, name="manage-quota-set"),
    path(
        "manage/c/<slug:slug>/delegations/quotas/<int:pk>/delete/",
        manage.quota_delete,
        name="manage-quota-delete",
    ),
    path(
        "manage/c/<slug:slug>/registrations/import/",
        manage.registration_import,
        name="manage-registration-import",
    ),
    path(
        "manage/c/<slug:slug>/registrations/check-in/",
        manage.check_in_desk,
        name="manage-registration-check-in",
    ),
    path(
        "manage/c/<slug:slug>/registrations/check-in/mark/",
        manage.check_in,
        name="manage-registration-check-in-mark",
    ),
]
