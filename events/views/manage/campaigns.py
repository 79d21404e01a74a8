"""Invitation campaigns: build the list, write the message per language, preview, send, follow, remind."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.forms import CsvFileForm, add_service_error, error_summary
from common.languages import language_name
from events import selectors
from events.forms.campaigns import CampaignForm, CampaignMessageForm, DirectoryFilterForm, ReminderForm
from events.models import Campaign
from events.permissions import Action, role_allows, team_required
from events.services import campaigns as services
from outbox import selectors as outbox_selectors
from outbox.services import retry_failed

RECIPIENTS_PER_PAGE = 50


def _campaign(conference, pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("conference"), pk=pk, conference=conference)


def _to_detail(campaign: Campaign):
    return redirect("events:manage-campaign-detail", slug=campaign.conference.slug, pk=campaign.pk)


def _progress(campaign: Campaign) -> dict:
    counts = outbox_selectors.status_counts(campaign.conference, batch=campaign.outbox_batch)
    waiting = counts["queued"] + counts["sending"]
    total = waiting + counts["sent"] + counts["failed"]
    return {"waiting": waiting, "sent": counts["sent"], "failed": counts["failed"], "total": total}


@team_required(Action.VIEW)
@require_safe
def campaign_list(request, conference, membership):
    context = {
        "conference": conference,
        "membership": membership,
        "campaigns": conference.campaigns.all(),
        "form": CampaignForm(initial={"default_language": (conference.working_languages or ["en"])[0]}),
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "events/manage/campaign_list.html", context)


@team_required(Action.CHANGE)
@require_POST
def campaign_create(request, conference, membership):
    form = CampaignForm(request.POST)
    if form.is_valid():
        campaign = form.save(commit=False)
        campaign.conference, campaign.created_by = conference, request.user
        campaign.save()
        messages.success(request, _("The campaign is started. Add its recipients and write its message."))
        return _to_detail(campaign)
    context = {"conference": conference, "membership": membership, "form": form, "can_change": True,
               "campaigns": conference.campaigns.all()}  # fmt: skip
    return render(request, "events/manage/campaign_list.html", context, status=400)


@team_required(Action.VIEW)
@require_safe
def campaign_detail(request, conference, membership, pk: int):
    campaign = _campaign(conference, pk)
    page = Paginator(selectors.campaign_recipients(campaign), RECIPIENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    with timezone.override(conference.zone):
        context = {
            "conference": conference,
            "membership": membership,
            "campaign": campaign,
            "page": page,
            "languages": selectors.campaign_languages(campaign),
            "directory_form": DirectoryFilterForm(),
            "reminder_form": ReminderForm(),
            "reminders": campaign.reminders.all(),
            "progress": _progress(campaign),
            "not_invited": selectors.campaign_recipients(campaign).filter(answer__isnull=True).count(),
            "can_change": role_allows(membership.role, Action.CHANGE),
        }
        return render(request, "events/manage/campaign_detail.html", context)


@team_required(Action.VIEW)
@require_safe
def campaign_progress(request, conference, membership, pk: int):
    campaign = _campaign(conference, pk)
    context = {"conference": conference, "campaign": campaign, "progress": _progress(campaign),
               "can_change": role_allows(membership.role, Action.CHANGE)}  # fmt: skip
    return render(request, "events/partials/campaign_progress.html", context)


@team_required(Action.CHANGE)
@require_POST
def campaign_add_directory(request, conference, membership, pk: int):
    campaign = _campaign(conference, pk)
    form = DirectoryFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the filters from the lists."))
        return _to_detail(campaign)
    data = form.cleaned_data
    report = services.add_from_directory(
        campaign,
        kind=data["kind"],
        country=data["country"],
        continent=data["continent"],
        language=data["language"],
    )
    messages.success(
        request,
        ngettext("%(count)d recipient added.", "%(count)d recipients added.", report.added)
        % {"count": report.added},
    )
    if report.already_listed:
        messages.info(
            request,
            ngettext(
                "%(count)d was on the list already.",
                "%(count)d were on the list already.",
                report.already_listed,
            )
            % {"count": report.already_listed},
        )
    if report.without_email:
        messages.warning(
            request,
            ngettext(
                "%(count)d organization has no contact address in the directory and was left out.",
                "%(count)d organizations have no contact address in the directory and were left out.",
                report.without_email,
            )
            % {"count": report.without_email},
        )
    return _to_detail(campaign)


@team_required(Action.CHANGE)
def campaign_upload(request, conference, membership, pk: int):
    campaign = _campaign(conference, pk)
    form = CsvFileForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = services.import_recipients(campaign, form.cleaned_data["file"].read())
        except ValidationError as error:
            form.add_error("file", error)
    context = {"conference": conference, "membership": membership, "campaign": campaign, "form": form,
               "report": report, "languages": settings.LANGUAGES}  # fmt: skip
    return render(request, "events/manage/campaign_upload.html", context, status=400 if form.errors else 200)


@team_required(Action.CHANGE)
@require_POST
def campaign_remove_recipient(request, conference, membership, pk: int, recipient_pk: int):
    campaign = _campaign(conference, pk)
    recipient = get_object_or_404(campaign.recipients, pk=recipient_pk)
    try:
        services.remove_recipient(campaign, recipient)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(email)s is off the list.") % {"email": recipient.email})
    return _to_detail(campaign)


@team_required(Action.CHANGE)
def campaign_message(request, conference, membership, pk: int, language: str):
    campaign = _campaign(conference, pk)
    if language not in dict(settings.LANGUAGES):
        raise Http404
    existing = campaign.messages.filter(language=language).first()
    initial = {"subject": existing.subject, "body": existing.body} if existing else {}
    form = CampaignMessageForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_message(campaign, language=language, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The message is saved."))
            return _to_detail(campaign)
    context = {"conference": conference, "membership": membership, "campaign": campaign, "form": form,
               "language_name": language_name(language, in_sentence=True)}  # fmt: skip
    return render(request, "events/manage/campaign_message.html", context, status=400 if form.errors else 200)


@team_required(Action.VIEW)
@require_safe
def campaign_preview(request, conference, membership, pk: int):
    campaign = _campaign(conference, pk)
    email = request.GET.get("email", "").replace("\x00", "").strip().lower()[:254]
    recipients = campaign.recipients.select_related("organization")
    recipient = recipients.filter(email=email).first() if email else recipients.first()
    shown, error = None, ""
    if recipient is None:
        error = (
            _("%(email)s is not on the list.") % {"email": email}
            if email
            else _("The list has no recipients yet.")
        )
    else:
        try:
            shown = services.preview(campaign, recipient)
        except ValidationError as problem:
            error = " ".join(problem.messages)
    context = {"conference": conference, "membership": membership, "campaign": campaign,
               "recipient": recipient, "email": email, "preview": shown, "error": error}  # fmt: skip
    return render(request, "events/manage/campaign_preview.html", context)


@team_required(Action.CHANGE)
@require_http_methods(["GET", "POST"])
def campaign_send(request, conference, membership, pk: int):
    """Asks first ("Send 312 invitations?"), naming the placeholders that would come out empty for some
    recipients; sends once confirmed."""
    campaign = _campaign(conference, pk)
    if request.method == "POST" and request.POST.get("confirmed") == "1":
        return _send(request, campaign)
    try:
        empty = selectors.empty_placeholders(campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_detail(campaign)
    context = {
        "conference": conference,
        "membership": membership,
        "campaign": campaign,
        "count": selectors.campaign_recipients(campaign).filter(answer__isnull=True).count(),
        "empty": empty,
    }
    return render(request, "events/manage/campaign_send.html", context)


def _send(request, campaign):
    try:
        report = services.send_campaign(campaign)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_detail(campaign)
    if report.invited:
        messages.success(
            request,
            ngettext(
                "%(count)d invitation is on its way.",
                "%(count)d invitations are on their way.",
                report.invited,
            )
            % {"count": report.invited},
        )
    else:
        messages.info(request, _("Everyone on the list is invited already; nothing was sent."))
    return _to_detail(campaign)


@team_required(Action.CHANGE)
@require_POST
def campaign_retry(request, conference, membership, pk: int):
    campaign = _campaign(conference, pk)
    count = retry_failed(outbox_selectors.failed_messages(conference, batch=campaign.outbox_batch))
    messages.success(
        request,
        ngettext("%(count)d mail is queued again.", "%(count)d mails are queued again.", count)
        % {"count": count},
    )
    return _to_detail(campaign)


@team_required(Action.CHANGE)
@require_POST
def campaign_remind(request, conference, membership, pk: int):
    campaign = _campaign(conference, pk)
    if "now" in request.POST:
        try:
            reminder = services.remind_now(campaign, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "A reminder is on its way to %(count)d person who has not answered.",
                    "A reminder is on its way to %(count)d people who have not answered.",
                    reminder.recipient_count,
                )
                % {"count": reminder.recipient_count},
            )
        return _to_detail(campaign)
    with timezone.override(conference.zone):
        form = ReminderForm(request.POST)
        if form.is_valid():
            try:
                services.schedule_reminder(campaign, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
        if form.errors:
            messages.error(request, error_summary(form))
        else:
            messages.success(
                request, pgettext("an invitation campaign's reminder", "The reminder is planned.")
            )
    return _to_detail(campaign)


@team_required(Action.CHANGE)
@require_POST
def campaign_cancel_reminder(request, conference, membership, pk: int, reminder_pk: int):
    campaign = _campaign(conference, pk)
    reminder = get_object_or_404(campaign.reminders, pk=reminder_pk)
    try:
        services.cancel_reminder(reminder)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The reminder is cancelled."))
    return _to_detail(campaign)
