from django.urls import include, path

from events import urls_directory
from events.views import invitations, public
from events.views.manage import co_organizers, conferences, meetings, team
from events.views.manage import invitations as manage_invitations

app_name = "events"

conference_manage = [
    path("", conferences.dashboard, name="manage-dashboard"),
    path("edit/", conferences.conference_edit, name="manage-conference-edit"),
    path("publish/", conferences.conference_publish, name="manage-conference-publish"),
    path("unpublish/", conferences.conference_unpublish, name="manage-conference-unpublish"),
    path("archive/", conferences.conference_archive, name="manage-conference-archive"),
    path("history/", conferences.conference_history, name="manage-conference-history"),
    path("co-organizers/", co_organizers.co_organizer_list, name="manage-co-organizer-list"),
    path("co-organizers/add/", co_organizers.co_organizer_add, name="manage-co-organizer-add"),
    path("co-organizers/<int:pk>/move/", co_organizers.co_organizer_move, name="manage-co-organizer-move"),
    path(
        "co-organizers/<int:pk>/remove/", co_organizers.co_organizer_remove, name="manage-co-organizer-remove"
    ),
    path("team/", team.team_list, name="manage-team-list"),
    path("team/add/", team.team_add, name="manage-team-add"),
    path("team/<int:pk>/role/", team.team_role, name="manage-team-role"),
    path("team/<int:pk>/remove/", team.team_remove, name="manage-team-remove"),
    path("invitations/", manage_invitations.invitation_list, name="manage-invitation-list"),
    path("invitations/new/", manage_invitations.invitation_create, name="manage-invitation-create"),
    path("meetings/", meetings.meeting_list, name="manage-meeting-list"),
    path("meetings/new/", meetings.meeting_create, name="manage-meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="manage-meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="manage-meeting-edit"),
    path("meetings/<int:pk>.ics", meetings.meeting_ics, name="manage-meeting-ics"),
    path("meetings/<int:pk>/participants/", meetings.participant_add, name="manage-participant-add"),
    path(
        "meetings/<int:pk>/participants/<int:participant_pk>/",
        meetings.participant_update,
        name="manage-participant-update",
    ),
]

urlpatterns = [
    path("", public.home, name="home"),
    path("c/<slug:slug>/", public.conference_detail, name="conference-detail"),
    path("meetings/<uuid:uid>.ics", public.meeting_ics, name="meeting-ics"),
    path("i/<str:token>/", invitations.invitation, name="invitation"),
    path("manage/", conferences.workspace, name="manage-home"),
    path("manage/new/", conferences.conference_create, name="manage-conference-create"),
    path("manage/organizations/", include(urls_directory.urlpatterns)),
    path("manage/c/<slug:slug>/", include(conference_manage)),
]
