from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("document status", "Submitted")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    ACCEPTED = "accepted", pgettext_lazy("document status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("document status", "Rejected")
    PUBLISHED = "published", pgettext_lazy("document status", "Published")


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AMENDING = "amending", _("Open for amendments")
    ADOPTED = "adopted", pgettext_lazy("declaration status", "Adopted")
    NOT_ADOPTED = "rejected", _("Not adopted")


class AmendmentKind(models.TextChoices):
    REPLACE = "replace", _("Replace the paragraph")
    INSERT_AFTER = "insert", _("Insert a paragraph after it")
    DELETE = "delete", _("Delete the paragraph")


class AmendmentOutcome(models.TextChoices):
    PENDING = "pending", _("Not yet decided")
    ADOPTED = "adopted", pgettext_lazy("amendment outcome", "Adopted")
    ADOPTED_MODIFIED = "modified", _("Adopted as modified")
    REJECTED = "rejected", pgettext_lazy("amendment outcome", "Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DEFERRED = "deferred", _("Deferred to further discussion")
