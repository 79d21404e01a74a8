from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from events.permissions import Action, role_allows, team_required
from outbox import selectors, services
from outbox.enums import MessageStatus
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
