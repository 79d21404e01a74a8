from django.urls import path

from program import views, views_manage

app_name = "program"

urlpatterns = [
    path("c/<slug:slug>/program/", views.program, name="program"),
    path("c/<slug:slug>/program.ics", views.program_ics, name="program-ics"),
    path("c/<slug:slug>/schedule.json", views.schedule_export, {"extension": "json"}, name="schedule-json"),
    path("c/<slug:slug>/schedule.xml", views.schedule_export, {"extension": "xml"}, name="schedule-xml"),
    path("c/<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session"),
    path("c/<slug:slug>/sessions/<int:pk>.ics", views.session_ics, name="session-ics"),
    path("c/<slug:slug>/sessions/<int:pk>/star/", views.star, name="star"),
    path("c/<slug:slug>/materials/<int:pk>/", views.material_file, name="material"),
    path("me/agenda/<str:token>.ics", views.agenda_ics, name="agenda-ics"),
    path("me/agenda/reset/", views.agenda_reset, name="agenda-reset"),
    path("manage/c/<slug:slug>/program/", views_manage.program_editor, name="manage-editor"),
    path("manage/c/<slug:slug>/program/new/", views_manage.session_create, name="manage-session-create"),
    path(
        "manage/c/<slug:slug>/program/<int:pk>/edit/", views_manage.session_edit, name="manage-session-edit"
    ),
    path(
        "manage/c/<slug:slug>/program/<int:pk>/move/", views_manage.session_move, name="manage-session-move"
    ),
    path(
        "manage/c/<slug:slug>/program/<int:pk>/delete/",
        views_manage.session_delete,
        name="manage-session-delete",
    ),
    path("manage/c/<slug:slug>/program/rooms/", views_manage.room_add, name="manage-room-add"),
    path("manage/c/<slug:slug>/program/tracks/", views_manage.track_add, name="manage-track-add"),
    path("manage/c/<slug:slug>/program/rooms/<int:pk>/", views_manage.room_edit, name="manage-room-edit"),
    path("manage/c/<slug:slug>/program/tracks/<int:pk>/", views_manage.track_edit, name="manage-track-edit"),
]
