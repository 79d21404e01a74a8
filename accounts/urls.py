from django.urls import path

from accounts.views import public

app_name = "accounts"

urlpatterns = [
    path("profile/", public.profile_edit, name="profile-edit"),
]
