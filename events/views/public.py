from django.shortcuts import render
from django.utils import timezone

from events.selectors import get_public_conference, published_conferences_for_home


def home(request):
    upcoming, past = published_conferences_for_home(today=timezone.localdate())
    return render(request, "events/public/home.html", {"upcoming": upcoming, "past": past})


def conference_detail(request, slug: str):
    conference = get_public_conference(slug=slug)
    return render(request, "events/public/conference_detail.html", {"conference": conference})
