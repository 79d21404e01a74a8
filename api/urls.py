from django.urls import path

from api.views import participant

app_name = "api"

urlpatterns = [
    path("api-tokens/", participant.token_list, name="token-list"),
    path("api-tokens/<int:pk>/revoke/", participant.token_revoke, name="token-revoke"),
]
