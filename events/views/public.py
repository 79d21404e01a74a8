from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from events.selectors import get_public_conference, published_conferences_for_home

PAST_PER_PAGE = 24


def home(request):
    upcoming, past = published_conferences_for_home(today=timezone.localdate())
    past_page = Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/public/home.html", {"upcoming": upcoming, "past_page": past_page})


def conference_detail(request, slug: str):
    conference = get_public_conference(slug=slug)
    return render(request, "events/public/conference_detail.html", {"conference": conference})
