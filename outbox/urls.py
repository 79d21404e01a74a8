from django.urls import path

from outbox.views import manage

app_name = "outbox"

urlpatterns = [
    path("manage/c/<slug:slug>/outbox/", manage.outbox_overview, name="manage-message-list"),
    path("manage/c/<slug:slug>/outbox/retry/", manage.outbox_retry, name="manage-message-retry"),
    path("manage/c/<slug:slug>/outbox/<int:pk>/", manage.message_detail, name="manage-message-detail"),
]
