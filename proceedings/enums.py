from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AMENDING = "amending", _("Open for amendments")
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "rejected", _("Not adopted")


class AmendmentKind(models.TextChoices):
    REPLACE = "replace", _("Replace the paragraph")
    INSERT_AFTER = "insert", _("Insert a paragraph after it")
    DELETE = "delete", _("Delete the paragraph")


class AmendmentOutcome(models.TextChoices):
    PENDING = "pending", _("Not yet decided")
    ADOPTED = "adopted", _("Adopted")
    ADOPTED_MODIFIED = "modified", _("Adopted as modified")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DEFERRED = "deferred", _("Deferred to further discussion")
