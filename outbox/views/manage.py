from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from common.forms import add_service_error
from events.permissions import Action, role_allows, team_required
from outbox import selectors, services
from outbox.enums import MessageStatus
from outbox.forms import WebhookForm
from outbox.models import OutboxMessage

PER_PAGE = 50


@team_required(Action.VIEW)
@require_safe
def outbox_overview(request, conference, membership):
    """Every mail of the conference, found by address and status: "did she get the invitation, and when?"."""
    query = request.GET.get("q", "").replace("\x00", "")[:200]
    status = request.GET.get("status", "")
    mails = selectors.conference_mails(conference, query=query, status=status)
    page = Paginator(mails, PER_PAGE).get_page(request.GET.get("page"))
    for message in page:
        message.kind = selectors.kind_of(message)
    context = {
        "conference": conference,
        "membership": membership,
        "counts": selectors.status_counts(conference),
        "page": page,
        "query": query,
        "status": status if status in MessageStatus.values else "",
        "statuses": MessageStatus.choices,
        "can_change": role_allows(membership.role, Action.CHANGE),
    }
    return render(request, "outbox/manage/message_list.html", context)


@team_required(Action.VIEW)
@require_safe
def message_detail(request, conference, membership, pk: int):
    message = get_object_or_404(OutboxMessage.objects.filter(conference=conference), pk=pk)
    context = {"conference": conference, "membership": membership, **selectors.shown_mail(message)}
    return render(request, "outbox/manage/message_detail.html", context)


@require_POST
@team_required(Action.CHANGE)
def outbox_retry(request, conference, membership):
    count = services.retry_failed(selectors.failed_messages(conference))
    messages.success(
        request,
        ngettext("%(count)d mail is queued again.", "%(count)d mails are queued again.", count)
        % {"count": count},
    )
    return redirect("outbox:manage-message-list", slug=conference.slug)


@team_required(Action.CHANGE)
def webhook_list(request, conference, membership):
    """The conference's webhooks, a form to add one, and the log of what was posted to them."""
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            webhook = services.create_webhook(conference, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Webhook added: give its signing secret to the receiving tool."))
            return redirect("outbox:manage-webhook-detail", slug=conference.slug, pk=webhook.pk)
    context = {
        "conference": conference,
        "membership": membership,
        "form": form,
        "webhooks": conference.webhooks.all(),
    }
    return render(request, "outbox/manage/webhook_list.html", context)


@team_required(Action.CHANGE)
@require_safe
def webhook_detail(request, conference, membership, pk: int):
    webhook = get_object_or_404(conference.webhooks, pk=pk)
    deliveries = Paginator(webhook.deliveries.all(), PER_PAGE).get_page(request.GET.get("page"))
    context = {"conference": conference, "membership": membership, "webhook": webhook, "page": deliveries}
    return render(request, "outbox/manage/webhook_detail.html", context)


@require_POST
@team_required(Action.CHANGE)
def webhook_retry(request, conference, membership, pk: int):
    webhook = get_object_or_404(conference.webhooks, pk=pk)
    count = services.retry_webhook_deliveries(webhook)
    messages.success(
        request,
        ngettext("%(count)d delivery is queued again.", "%(count)d deliveries are queued again.", count)
        % {"count": count},
    )
    return redirect("outbox:manage-webhook-detail", slug=conference.slug, pk=webhook.pk)


@require_POST
@team_required(Action.CHANGE)
def webhook_delete(request, conference, membership, pk: int):
    webhook = get_object_or_404(conference.webhooks, pk=pk)
    webhook.delete()
    messages.success(request, _("Webhook removed: nothing more is posted to %(url)s.") % {"url": webhook.url})
    return redirect("outbox:manage-webhook-list", slug=conference.slug)
