from django.urls import path

from proceedings.views import declarations_manage

urlpatterns = [
    path(
        "manage/c/<slug:slug>/declarations/", declarations_manage.declaration_list, name="manage-declarations"
    ),
]
