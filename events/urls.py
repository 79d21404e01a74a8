from django.urls import include, path

from events.views import participant, public
from events.views.manage import campaigns, co_organizers, conferences, meetings, organizations, team
from events.views.manage import invitations as manage_invitations

app_name = "events"

directory_manage = [
    path("", organizations.organization_list, name="manage-organization-list"),
    path("new/", organizations.organization_create, name="manage-organization-create"),
    path("<int:pk>/edit/", organizations.organization_edit, name="manage-organization-edit"),
    path("import/", organizations.organization_import, name="manage-organization-import"),
    path("search/", organizations.organization_search, name="manage-organization-search"),
]

conference_manage = [
    path("", conferences.dashboard, name="manage-conference-dashboard"),
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
    path("invitations/campaigns/", campaigns.campaign_list, name="manage-campaign-list"),
    path("invitations/campaigns/new/", campaigns.campaign_create, name="manage-campaign-create"),
    path("invitations/campaigns/<int:pk>/", campaigns.campaign_detail, name="manage-campaign-detail"),
    path(
        "invitations/campaigns/<int:pk>/progress/",
        campaigns.campaign_progress,
        name="manage-campaign-progress",
    ),
    path(
        "invitations/campaigns/<int:pk>/recipients/directory/",
        campaigns.campaign_add_directory,
        name="manage-campaign-add-directory",
    ),
    path(
        "invitations/campaigns/<int:pk>/recipients/upload/",
        campaigns.campaign_upload,
        name="manage-campaign-upload",
    ),
    path(
        "invitations/campaigns/<int:pk>/recipients/<int:recipient_pk>/remove/",
        campaigns.campaign_remove_recipient,
        name="manage-campaign-remove-recipient",
    ),
    path(
        "invitations/campaigns/<int:pk>/messages/<str:language>/",
        campaigns.campaign_message,
        name="manage-campaign-message",
    ),
    path(
        "invitations/campaigns/<int:pk>/preview/", campaigns.campaign_preview, name="manage-campaign-preview"
    ),
    path("invitations/campaigns/<int:pk>/send/", campaigns.campaign_send, name="manage-campaign-send"),
    path("invitations/campaigns/<int:pk>/retry/", campaigns.campaign_retry, name="manage-campaign-retry"),
    path(
        "invitations/campaigns/<int:pk>/reminders/", campaigns.campaign_remind, name="manage-campaign-remind"
    ),
    path(
        "invitations/campaigns/<int:pk>/reminders/<int:reminder_pk>/cancel/",
        campaigns.campaign_cancel_reminder,
        name="manage-campaign-cancel-reminder",
    ),
    path("meetings/", meetings.meeting_list, name="manage-meeting-list"),
    path("meetings/new/", meetings.meeting_create, name="manage-meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="manage-meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="manage-meeting-edit"),
    path("meetings/<int:pk>.ics", meetings.meeting_ics, name="manage-meeting-ics"),
    path("meetings/<int:pk>/participants/", meetings.participant_add, name="manage-meeting-participant-add"),
    path(
        "meetings/<int:pk>/participants/<int:participant_pk>/",
        meetings.participant_update,
        name="manage-meeting-participant-update",
    ),
]

urlpatterns = [
    path("", public.home, name="conference-list"),
    path("c/<slug:slug>/", public.conference_detail, name="conference-detail"),
    path("meetings/<uuid:uid>.ics", public.meeting_ics, name="meeting-ics"),
    path("i/<str:token>/", participant.invitation, name="invitation-detail"),
    path("manage/", conferences.workspace, name="manage-conference-list"),
    path("manage/new/", conferences.conference_create, name="manage-conference-create"),
    # A member's own choice, open to every role: outside the conference's URLs, which a viewer may only read.
    path("manage/team/<int:pk>/news/", team.team_news, name="manage-team-news"),
    path("manage/organizations/", include(directory_manage)),
    path("manage/c/<slug:slug>/", include(conference_manage)),
]
