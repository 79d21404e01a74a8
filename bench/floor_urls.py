"""The site's URLs and the floor of the registration rush (bench/registration.py --open-loop): a minimal
Django view that takes the same row lock a registration takes and inserts one row, behind the same
middleware. GET answers a few bytes (the visit's form fetch); POST locks the conference and inserts."""

from itertools import count

from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from common.locking import lock_and_reread
from config.urls import urlpatterns as site_patterns
from events.models import Conference
from registrations.models import Registration

_numbers = count()


@csrf_exempt
def floor(request, slug: str):
    if request.method != "POST":
        return HttpResponse("ok\n", content_type="text/plain")
    with transaction.atomic():
        conference = lock_and_reread(Conference.objects.only("pk").get(slug=slug), "capacity")
        # bulk_create: the one row and nothing else (no history row, no signals).
        Registration.objects.bulk_create([Registration(
            conference=conference, full_name="Floor", email=request.POST.get("email", ""), country="BR",
        )])  # fmt: skip
    return HttpResponse(status=302, headers={"Location": f"/floor/{slug}/{next(_numbers)}"})


urlpatterns = [*site_patterns, path("floor/<slug:slug>/", floor)]
