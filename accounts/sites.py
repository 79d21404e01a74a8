from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def sync_site(*, using: str = "default", **kwargs) -> None:
    """Keep the one Site row (allauth names it in every mail) in step with SITE_NAME and SITE_URL."""

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": urlsplit(settings.SITE_URL).netloc, "name": settings.SITE_NAME},
    )
