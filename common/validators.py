"""Validators that model fields of several apps share."""

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# A link to an online meeting room or stream: it is handed to participants' browsers, so only https.
https_only = URLValidator(schemes=["https"], message=_("Give an address that starts with https://."))
