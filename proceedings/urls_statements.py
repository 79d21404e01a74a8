from django.urls import path

from proceedings.views import statements, statements_manage

urlpatterns = [
    path("c/<slug:slug>/statements/<int:pk>/", statements.statement_detail, name="statement"),
    path("manage/c/<slug:slug>/statements/", statements_manage.statement_list, name="manage-statements"),
    path(
        "manage/c/<slug:slug>/statements/new/",
        statements_manage.statement_create,
        name="manage-statement-create",
    ),
    path(
        "manage/c/<slug:slug>/statements/<int:pk>/edit/",
        statements_manage.statement_edit,
        name="manage-statement-edit",
    ),
]
