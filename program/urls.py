from django.urls import path

from program.views import manage, participant, public

app_name = "program"

urlpatterns = [
    path("c/<slug:slug>/program/", public.program, name="session-list"),
    path("c/<slug:slug>/program/<str:day>/", public.program, name="program-day"),
    path("c/<slug:slug>/program.ics", public.program_ics, name="program-ics"),
    path("c/<slug:slug>/schedule.json", public.schedule_export, {"extension": "json"}, name="schedule-json"),
    path("c/<slug:slug>/schedule.xml", public.schedule_export, {"extension": "xml"}, name="schedule-xml"),
    path("c/<slug:slug>/sessions/<int:pk>/", public.session_detail, name="session-detail"),
    path("c/<slug:slug>/sessions/<int:pk>.ics", public.session_ics, name="session-ics"),
    path("c/<slug:slug>/sessions/<int:pk>/star/", participant.star, name="session-star"),
    path("c/<slug:slug>/materials/<int:pk>/", public.material_file, name="material-download"),
    path("me/agenda/<str:token>.ics", participant.agenda_ics, name="agenda-ics"),
    path("me/agenda/reset/", participant.agenda_reset, name="agenda-reset"),
    path("manage/c/<slug:slug>/program/", manage.program_editor, name="manage-program-editor"),
    path("manage/c/<slug:slug>/program/new/", manage.session_create, name="manage-session-create"),
    path("manage/c/<slug:slug>/program/<int:pk>/edit/", manage.session_edit, name="manage-session-edit"),
    path("manage/c/<slug:slug>/program/<int:pk>/move/", manage.session_move, name="manage-session-move"),
    path(
        "manage/c/<slug:slug>/program/<int:pk>/delete/",
        manage.session_delete,
        name="manage-session-delete",
    ),
    path("manage/c/<slug:slug>/program/rooms/", manage.room_add, name="manage-room-add"),
    path("manage/c/<slug:slug>/program/tracks/", manage.track_add, name="manage-track-add"),
    path("manage/c/<slug:slug>/program/rooms/<int:pk>/", manage.room_edit, name="manage-room-edit"),
    path("manage/c/<slug:slug>/program/tracks/<int:pk>/", manage.track_edit, name="manage-track-edit"),
]
