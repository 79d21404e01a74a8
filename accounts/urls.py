from django.urls import path

from accounts.views import participant

app_name = "accounts"

urlpatterns = [
    path("profile/", participant.profile_edit, name="profile-edit"),
]
