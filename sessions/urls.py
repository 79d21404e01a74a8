from django.urls import path

from sessions import views

app_name = "program"

urlpatterns = [
    path("c/<slug:slug>/program/", views.program, name="program"),
    path("c/<slug:slug>/program.ics", views.program_ics, name="program-ics"),
    path("c/<slug:slug>/schedule.json", views.schedule_export, {"extension": "json"}, name="schedule-json"),
    path("c/<slug:slug>/schedule.xml", views.schedule_export, {"extension": "xml"}, name="schedule-xml"),
    path("c/<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session"),
    path("c/<slug:slug>/sessions/<int:pk>.ics", views.session_ics, name="session-ics"),
]
