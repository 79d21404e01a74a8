"""Invitation campaigns (a message per language, recipients, sending) and the invitations they made."""

import csv
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from api import access
from api.pagination import PageQuery, page_answer
from api.problems import invalid
from api.v1 import schemas
from events.enums import InvitationAnswer
from events.permissions import Action
from events.services import campaigns as services
from events.services import invitations as invitation_services

router = Router(tags=["invitations"])
RECIPIENT_COLUMNS = ("email", "name", "organization", "country", "language")


class InvitationQuery(PageQuery):
    answer: InvitationAnswer | None = None
    campaign: int | None = None


def campaigns_of(conference):
    return conference.campaigns.prefetch_related("messages").annotate(recipient_count=Count("recipients"))


def campaign_of(conference, pk: int):
    return get_object_or_404(campaigns_of(conference), pk=pk)


@router.get("/conferences/{slug}/campaigns", response=schemas.page_of(schemas.Campaign))
def campaign_list(request, slug: str, query: Query[PageQuery]):
    conference = access.conference_for(request, slug)
    return page_answer(campaigns_of(conference), query, ordering="created_at")


@router.post("/conferences/{slug}/campaigns", response={201: schemas.Campaign})
def campaign_create(request, slug: str, payload: schemas.CampaignIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    if payload.default_language not in dict(settings.LANGUAGES):
        raise invalid(("default_language", _("Not one of the site's languages.")))
    campaign = conference.campaigns.create(created_by=request.user, **payload.dict())
    return Status(201, campaign_of(conference, campaign.pk))


@router.get("/conferences/{slug}/campaigns/{pk}", response=schemas.Campaign)
def campaign_detail(request, slug: str, pk: int):
    return campaign_of(access.conference_for(request, slug), pk)


@router.put("/conferences/{slug}/campaigns/{pk}/messages/{language}", response=schemas.CampaignMessage,
            summary="Write the campaign's message in one language")  # fmt: skip
def campaign_message(request, slug: str, pk: int, language: str, payload: schemas.CampaignMessageIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    campaign = campaign_of(conference, pk)
    if language not in dict(settings.LANGUAGES):
        raise invalid(("language", _("Not one of the site's languages.")))
    return services.save_message(campaign, language=language, **payload.dict())


@router.post("/conferences/{slug}/campaigns/{pk}/recipients", response=schemas.RecipientReport,
             summary="Add recipients, checked as the page's CSV import checks them")  # fmt: skip
def campaign_recipients(request, slug: str, pk: int, payload: list[schemas.RecipientIn]):
    conference = access.conference_for(request, slug, Action.CHANGE)
    campaign = campaign_of(conference, pk)
    if len(payload) > 20_000:
        raise invalid(("", _("Send at most 20,000 recipients at a time.")))
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(RECIPIENT_COLUMNS)
    writer.writerows([getattr(recipient, column) for column in RECIPIENT_COLUMNS] for recipient in payload)
    report = services.import_recipients(campaign, text.getvalue().encode())

    def problems(rows):  # line 1 is the header: item i of the list is line i + 2
        return [{"field": f"{problem.line - 2}", "detail": problem.message} for problem in rows]

    return {
        "added": report.added,
        "duplicates": problems(report.duplicates),
        "errors": problems(report.errors),
    }


@router.post("/conferences/{slug}/campaigns/{pk}/send", response=schemas.SendReport,
             summary="Invite every recipient not invited yet, each in their language")  # fmt: skip
def campaign_send(request, slug: str, pk: int):
    conference = access.conference_for(request, slug, Action.CHANGE)
    report = services.send_campaign(get_object_or_404(conference.campaigns, pk=pk))
    return {"invited": report.invited, "already_invited": report.already_invited}


@router.get("/conferences/{slug}/invitations", response=schemas.page_of(schemas.Invitation))
def invitation_list(request, slug: str, query: Query[InvitationQuery]):
    conference = access.conference_for(request, slug)
    invitations = conference.invitations.all()
    if query.answer:
        invitations = invitations.filter(answer=query.answer)
    if query.campaign is not None:
        invitations = invitations.filter(campaign_id=query.campaign)
    return page_answer(invitations, query, ordering="created_at")


@router.post(
    "/conferences/{slug}/invitations",
    response={200: schemas.Invitation, 201: schemas.Invitation},
    summary="Invite one address (mailed with its link); one invited already is answered as it is (200)",
)
def invitation_create(request, slug: str, payload: schemas.InvitationIn):
    conference = access.conference_for(request, slug, Action.CHANGE)
    fields = payload.dict()
    try:
        validate_email(fields["email"].strip())
    except ValidationError as error:
        raise invalid(("email", error.messages[0])) from error
    if fields["language"] and fields["language"] not in dict(settings.LANGUAGES):
        raise invalid(("language", _("Not one of the site's languages.")))
    organization = access.organization_named(fields)
    invitation, created = invitation_services.invite(conference, organization=organization, **fields)
    return Status(201 if created else 200, invitation)
