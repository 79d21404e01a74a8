"""The shared organization directory under /manage/organizations/ (namespace "events")."""

from django.urls import path

from events.views.manage import organizations

urlpatterns: list = [
    path("", organizations.organization_list, name="manage-organization-list"),
    path("new/", organizations.organization_create, name="manage-organization-create"),
    path("<int:pk>/edit/", organizations.organization_edit, name="manage-organization-edit"),
    path("import/", organizations.organization_import, name="manage-organization-import"),
    path("search/", organizations.organization_search, name="manage-organization-search"),
]
