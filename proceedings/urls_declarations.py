from django.urls import path

from proceedings.views import declarations
from proceedings.views import declarations_manage as manage

PUBLIC = "c/<slug:slug>/declarations/"
MANAGE = "manage/c/<slug:slug>/declarations/"

urlpatterns = [
    path(PUBLIC, declarations.declaration_list, name="declarations"),
    path(f"{PUBLIC}<int:pk>/", declarations.declaration_detail, name="declaration"),
    path(f"{PUBLIC}<int:pk>/compare/", declarations.declaration_compare, name="declaration-compare"),
    path(f"{PUBLIC}<int:pk>/amend/", declarations.amendment_propose, name="amendment-propose"),
    path(MANAGE, manage.declaration_list, name="manage-declarations"),
    path(f"{MANAGE}new/", manage.declaration_create, name="manage-declaration-create"),
    path(f"{MANAGE}<int:pk>/", manage.declaration_detail, name="manage-declaration"),
    path(f"{MANAGE}<int:pk>/text/", manage.declaration_text, name="manage-declaration-text"),
    path(f"{MANAGE}<int:pk>/window/", manage.declaration_window, name="manage-declaration-window"),
    path(f"{MANAGE}<int:pk>/order/", manage.amendments_order, name="manage-amendments-order"),
    path(f"{MANAGE}<int:pk>/vote/", manage.declaration_vote, name="manage-declaration-vote"),
    path(f"{MANAGE}<int:pk>/publish/", manage.declaration_publish, name="manage-declaration-publish"),
    path(f"{MANAGE}<int:pk>/carry/", manage.declaration_carry, name="manage-declaration-carry"),
    path(
        f"{MANAGE}<int:pk>/translation/",
        manage.declaration_translation,
        name="manage-declaration-translation",
    ),
    path(f"{MANAGE}amendments/<int:pk>/", manage.amendment_outcome, name="manage-amendment-outcome"),
]
