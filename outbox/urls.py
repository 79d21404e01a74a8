from django.urls import path

from outbox.views import manage

app_name = "outbox"

urlpatterns = [
    path("manage/c/<slug:slug>/outbox/", manage.outbox_overview, name="manage-message-list"),
    path("manage/c/<slug:slug>/outbox/retry/", manage.outbox_retry, name="manage-message-retry"),
    path("manage/c/<slug:slug>/outbox/<int:pk>/", manage.message_detail, name="manage-message-detail"),
    path("manage/c/<slug:slug>/webhooks/", manage.webhook_list, name="manage-webhook-list"),
    path("manage/c/<slug:slug>/webhooks/<int:pk>/", manage.webhook_detail, name="manage-webhook-detail"),
    path("manage/c/<slug:slug>/webhooks/<int:pk>/retry/", manage.webhook_retry, name="manage-webhook-retry"),
    path(
        "manage/c/<slug:slug>/webhooks/<int:pk>/delete/", manage.webhook_delete, name="manage-webhook-delete"
    ),
]
