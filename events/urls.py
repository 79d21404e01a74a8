from django.urls import path

from events.views import public

app_name = "events"

urlpatterns = [
    path("", public.home, name="home"),
    path("c/<slug:slug>/", public.conference_detail, name="conference-detail"),
]
