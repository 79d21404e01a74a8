from django.urls import path

from proceedings.views.manage import declarations as manage_declarations
from proceedings.views.manage import documents as manage_documents
from proceedings.views.manage import statements as manage_statements
from proceedings.views.participant import declarations as participant_declarations
from proceedings.views.participant import documents as participant_documents
from proceedings.views.public import declarations, documents, statements

app_name = "proceedings"

DOCUMENTS = "c/<slug:slug>/documents/"
DECLARATIONS = "c/<slug:slug>/declarations/"
MANAGE_DOCUMENTS = "manage/c/<slug:slug>/documents/"
MANAGE_DECLARATIONS = "manage/c/<slug:slug>/declarations/"
MANAGE_STATEMENTS = "manage/c/<slug:slug>/statements/"

urlpatterns = [
    # documents
    path(DOCUMENTS, documents.document_list, name="document-list"),
    path(f"{DOCUMENTS}<int:pk>/", documents.document_detail, name="document-detail"),
    path(f"{DOCUMENTS}<int:pk>/files/<int:file_pk>/", documents.document_file, name="document-file"),
    path(f"{DOCUMENTS}submit/", participant_documents.document_submit, name="document-submit"),
    path(f"{DOCUMENTS}mine/", participant_documents.my_documents, name="document-mine"),
    path(f"{DOCUMENTS}<int:pk>/edit/", participant_documents.document_edit, name="document-edit"),
    path(f"{DOCUMENTS}<int:pk>/replace/", participant_documents.document_replace, name="document-replace"),
    path(
        f"{DOCUMENTS}<int:pk>/translations/",
        participant_documents.translation_add,
        name="document-translation-add",
    ),
    path(
        f"{DOCUMENTS}<int:pk>/translations/remove/",
        participant_documents.translation_remove,
        name="document-translation-remove",
    ),
    path(MANAGE_DOCUMENTS, manage_documents.document_list, name="manage-document-list"),
    path(f"{MANAGE_DOCUMENTS}new/", manage_documents.document_create, name="manage-document-create"),
    path(f"{MANAGE_DOCUMENTS}<int:pk>/", manage_documents.document_review, name="manage-document-review"),
    path(f"{MANAGE_DOCUMENTS}<int:pk>/edit/", manage_documents.document_edit, name="manage-document-edit"),
    path(
        f"{MANAGE_DOCUMENTS}<int:pk>/decide/", manage_documents.document_decide, name="manage-document-decide"
    ),
    path(
        f"{MANAGE_DOCUMENTS}<int:pk>/replace/",
        manage_documents.document_replace,
        name="manage-document-replace",
    ),
    path(
        f"{MANAGE_DOCUMENTS}<int:pk>/translations/",
        manage_documents.translation_add,
        name="manage-document-translation-add",
    ),
    path(
        f"{MANAGE_DOCUMENTS}<int:pk>/translations/remove/",
        manage_documents.translation_remove,
        name="manage-document-translation-remove",
    ),
    path(
        f"{MANAGE_DOCUMENTS}<int:pk>/delete/", manage_documents.document_delete, name="manage-document-delete"
    ),
    # declarations
    path(DECLARATIONS, declarations.declaration_list, name="declaration-list"),
    path(f"{DECLARATIONS}<int:pk>/", declarations.declaration_detail, name="declaration-detail"),
    path(f"{DECLARATIONS}<int:pk>/compare/", declarations.declaration_compare, name="declaration-compare"),
    path(
        f"{DECLARATIONS}<int:pk>/amend/", participant_declarations.amendment_propose, name="amendment-propose"
    ),
    path(MANAGE_DECLARATIONS, manage_declarations.declaration_list, name="manage-declaration-list"),
    path(
        f"{MANAGE_DECLARATIONS}new/", manage_declarations.declaration_create, name="manage-declaration-create"
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/",
        manage_declarations.declaration_detail,
        name="manage-declaration-detail",
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/text/",
        manage_declarations.declaration_text,
        name="manage-declaration-text",
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/window/",
        manage_declarations.declaration_window,
        name="manage-declaration-window",
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/order/",
        manage_declarations.amendments_order,
        name="manage-amendment-order",
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/vote/",
        manage_declarations.declaration_vote,
        name="manage-declaration-vote",
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/publish/",
        manage_declarations.declaration_publish,
        name="manage-declaration-publish",
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/carry/",
        manage_declarations.declaration_carry,
        name="manage-declaration-carry",
    ),
    path(
        f"{MANAGE_DECLARATIONS}<int:pk>/translation/",
        manage_declarations.declaration_translation,
        name="manage-declaration-translation",
    ),
    path(
        f"{MANAGE_DECLARATIONS}amendments/<int:pk>/",
        manage_declarations.amendment_outcome,
        name="manage-amendment-outcome",
    ),
    # statements
    path("c/<slug:slug>/statements/<int:pk>/", statements.statement_detail, name="statement-detail"),
    path(MANAGE_STATEMENTS, manage_statements.statement_list, name="manage-statement-list"),
    path(f"{MANAGE_STATEMENTS}new/", manage_statements.statement_create, name="manage-statement-create"),
    path(
        f"{MANAGE_STATEMENTS}<int:pk>/edit/", manage_statements.statement_edit, name="manage-statement-edit"
    ),
]
