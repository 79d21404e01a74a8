from django.urls import path

from proceedings.views import documents, documents_manage

urlpatterns = [
    path("c/<slug:slug>/documents/", documents.document_list, name="documents"),
    path("c/<slug:slug>/documents/submit/", documents.document_submit, name="document-submit"),
    path("c/<slug:slug>/documents/mine/", documents.my_documents, name="my-documents"),
    path("c/<slug:slug>/documents/<int:pk>/", documents.document_detail, name="document"),
    path("c/<slug:slug>/documents/<int:pk>/edit/", documents.document_edit, name="document-edit"),
    path("c/<slug:slug>/documents/<int:pk>/replace/", documents.document_replace, name="document-replace"),
    path(
        "c/<slug:slug>/documents/<int:pk>/translations/",
        documents.translation_add,
        name="document-translation-add",
    ),
    path(
        "c/<slug:slug>/documents/<int:pk>/translations/remove/",
        documents.translation_remove,
        name="document-translation-remove",
    ),
    path(
        "c/<slug:slug>/documents/<int:pk>/files/<int:file_pk>/", documents.document_file, name="document-file"
    ),
    path("manage/c/<slug:slug>/documents/", documents_manage.document_list, name="manage-documents"),
    path(
        "manage/c/<slug:slug>/documents/new/", documents_manage.document_create, name="manage-document-create"
    ),
    path(
        "manage/c/<slug:slug>/documents/<int:pk>/", documents_manage.document_review, name="manage-document"
    ),
    path(
        "manage/c/<slug:slug>/documents/<int:pk>/edit/",
        documents_manage.document_edit,
        name="manage-document-edit",
    ),
    path(
        "manage/c/<slug:slug>/documents/<int:pk>/decide/",
        documents_manage.document_decide,
        name="manage-document-decide",
    ),
    path(
        "manage/c/<slug:slug>/documents/<int:pk>/replace/",
        documents_manage.document_replace,
        name="manage-document-replace",
    ),
    path(
        "manage/c/<slug:slug>/documents/<int:pk>/translations/",
        documents_manage.translation_add,
        name="manage-document-translation-add",
    ),
    path(
        "manage/c/<slug:slug>/documents/<int:pk>/translations/remove/",
        documents_manage.translation_remove,
        name="manage-document-translation-remove",
    ),
    path(
        "manage/c/<slug:slug>/documents/<int:pk>/delete/",
        documents_manage.document_delete,
        name="manage-document-delete",
    ),
]
