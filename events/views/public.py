from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from events import selectors
from events.calendar import calendar_response, meeting_item
from events.models import PreparatoryMeeting
from proceedings import selectors as proceedings_selectors
from registrations.services import registration_window

PAST_PER_PAGE = 24


def home(request):
    upcoming, past = selectors.published_conferences_for_home(today=timezone.localdate())
    past_page = Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "events/public/conference_list.html", {"upcoming": upcoming, "past_page": past_page}
    )


def conference_detail(request, slug: str):
    conference, membership = selectors.get_visible_conference(slug=slug, user=request.user)
    context = {
        "conference": conference,
        "membership": membership,
        "co_organizers": selectors.public_co_organizers(conference),
        "previous": conference.follows if conference.follows and conference.follows.is_public else None,
        "next_conferences": selectors.next_in_series(conference),
        "registration": registration_window(conference),
        **proceedings_selectors.on_conference_page(conference, request.user, membership),
    }
    return render(request, "events/public/conference_detail.html", context)


@login_required
def meeting_ics(request, uid):
    """A preparatory meeting's calendar file, for the people invited to it and the conference's team."""
    verified = list(request.user.emailaddress_set.filter(verified=True).values_list("email", flat=True))
    meeting = get_object_or_404(PreparatoryMeeting.objects.select_related("conference"), uid=uid)
    invited = meeting.participants.filter(Q(user=request.user) | Q(email__in=verified)).exists()
    on_team = meeting.conference.memberships.filter(user=request.user).exists()
    if not (invited or on_team):
        raise Http404
    return calendar_response([meeting_item(meeting)], filename=f"meeting-{meeting.pk}.ics")
