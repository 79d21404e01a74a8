from django.urls import path

from online.views import manage, participant

app_name = "online"

urlpatterns = [
    path("r/<str:token>/online/", participant.session_list, name="session-list"),
    path("r/<str:token>/online/join/", participant.session_join, name="session-join"),
    path("me/online/<slug:slug>/", participant.session_list_signed_in, name="session-list-signed-in"),
    path("me/online/<slug:slug>/join/", participant.session_join_signed_in, name="session-join-signed-in"),
    path("manage/c/<slug:slug>/online/", manage.attendance_list, name="manage-attendance-list"),
    path("manage/c/<slug:slug>/online/reminders/", manage.reminder_create, name="manage-reminder-create"),
    path(
        "manage/c/<slug:slug>/online/reminders/<int:pk>/delete/",
        manage.reminder_delete,
        name="manage-reminder-delete",
    ),
    path(
        "manage/c/<slug:slug>/online/bigbluebutton/",
        manage.bigbluebutton_edit,
        name="manage-bigbluebutton-edit",
    ),
]
